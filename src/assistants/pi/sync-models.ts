// `ollm models sync --for pi`: make the model list of ollm's provider in pi's models.json match
// what the proxy's /v1/models offers the key — new models added, entries people wrote kept as
// they are, models gone from the proxy reported (or removed with --prune).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { Ctx } from '../../context.ts';
import { UserError } from '../../errors.ts';
import type { HeldKey } from '../../keys/held-key.ts';
import { pointsAtProxy } from '../../config/proxy-url.ts';
import type { CommandResult } from '../../commands/command.ts';
import { offeredModels } from '../offered-models.ts';
import { planChangesConfig, planModelList, type ModelSyncPlan } from '../model-list.ts';
import { entryId, listedModels, modelEntry, MODELS_PATH, PROVIDER_PATH } from './edits.ts';
import type { PiFlagValues } from './flags.ts';
import { PiModelsFile, type LoadedModels } from './models-file.ts';
import { resolvePiPaths } from './paths.ts';
import { isPiRecord } from './record.ts';
import { PI_PROVIDER } from './styles.ts';

/** The plan for one sync (model-list.ts): `listed` the provider's entries, `offered` the ids /v1/models returned. */
export function planPiModels(listed: readonly unknown[], offered: readonly string[], prune: boolean): ModelSyncPlan {
  return planModelList(listed.map(entryId).filter((id): id is string => id !== undefined), offered, prune);
}

export async function syncPiModels(ctx: Ctx, args: { alias: string; held: HeldKey; prune: boolean; dryRun: boolean; flags: object }): Promise<CommandResult> {
  const { alias, held } = args;
  const proxy = await ctx.proxy();
  const models = new PiModelsFile(await modelsFile(ctx, held, (args.flags as PiFlagValues).piModels));
  const read = async () => {
    const loaded = args.dryRun ? await models.load() : await models.preflight();
    checkProvider(loaded, models.file, alias, proxy.base);
    return { loaded, listed: listedModels(loaded.doc, models.file) };
  };
  await read(); // before the proxy is asked: a file that cannot take the models fails fast

  const offered = await offeredModels(ctx, alias, held, 'pi');

  const { loaded, listed } = await read(); // again: pi or an editor may have changed it meanwhile
  const plan = planPiModels(listed, offered, args.prune);
  const staleDefault = await staleDefaultModel(resolvePiPaths(models.file, ctx.env).settingsFile, plan);
  const changes = planChangesConfig(plan);
  let backup: string | null = null;
  if (changes && !args.dryRun) {
    const removed = new Set(plan.removed);
    if (removed.size) loaded.doc.removeItems([...MODELS_PATH], (entry) => removed.has(entryId(entry) ?? ''));
    if (plan.added.length) {
      if (loaded.doc.get([...MODELS_PATH]) === undefined) loaded.doc.set([...MODELS_PATH], plan.added.map(modelEntry));
      else loaded.doc.append([...MODELS_PATH], plan.added.map(modelEntry));
    }
    ({ backup } = await models.save(loaded, loaded.doc.toString()));
  }
  return {
    human: describe(plan, { file: models.file, dryRun: args.dryRun, changes, backup, alias, proxy: proxy.base, staleDefault }, ctx.color),
    json: {
      key_alias: alias, proxy_url: proxy.base, config_path: models.file, provider: PI_PROVIDER, dry_run: args.dryRun,
      added: plan.added, removed: plan.removed, kept: plan.kept, stale: plan.stale, skipped: plan.skipped, backup,
      stale_default_model: staleDefault ?? null,
    },
  };
}

/** `--pi-models` > the file this key was written to > the file pi itself reads. */
async function modelsFile(ctx: Ctx, held: HeldKey, flag: string | undefined): Promise<string> {
  if (flag) return resolvePiPaths(resolve(flag), ctx.env).modelsFile;
  const written = (await (await ctx.manifest()).targetsOf(held.account)).find(isPiRecord);
  return written?.file ?? resolvePiPaths(undefined, ctx.env).modelsFile;
}

/** ollm's provider must exist (ollm does not invent its apiKey) and point at the proxy whose models are listed. */
function checkProvider(loaded: LoadedModels, file: string, alias: string, proxyBase: string): void {
  const provider = loaded.doc.get([...PROVIDER_PATH]) as { baseUrl?: unknown } | undefined;
  if (provider === null || typeof provider !== 'object' || Array.isArray(provider)) {
    throw new UserError(`${loaded.original === null ? `pi's models.json ${file} does not exist` : `pi's models.json ${file} has no providers.${PI_PROVIDER}`}, so there is no model list to fill.`, {
      code: 'pi_provider_missing', hint: `Write the key there first: \`ollm key write --for pi --alias ${alias}\`.`,
    });
  }
  if (typeof provider.baseUrl === 'string' && !pointsAtProxy(provider.baseUrl, proxyBase)) {
    throw new UserError(`pi's ${PI_PROVIDER} provider in ${file} points at ${provider.baseUrl}, not at ${proxyBase}, whose models ollm would list.`, {
      code: 'pi_proxy_mismatch', hint: `Sync from that proxy with --proxy-url, or point pi at this one with \`ollm key write --for pi --alias ${alias}\`.`,
    });
  }
}

/** pi's default model (settings.json) when it names one of ollm's provider this sync found no longer offered. */
async function staleDefaultModel(settingsFile: string, plan: ModelSyncPlan): Promise<string | undefined> {
  try {
    const settings = JSON.parse(await readFile(settingsFile, 'utf8')) as { defaultProvider?: unknown; defaultModel?: unknown };
    if (settings.defaultProvider !== PI_PROVIDER || typeof settings.defaultModel !== 'string') return undefined;
    return plan.stale.includes(settings.defaultModel) || plan.removed.includes(settings.defaultModel) ? settings.defaultModel : undefined;
  } catch {
    return undefined; // no settings (or none pi could read): no default of ollm's provider
  }
}

function describe(plan: ModelSyncPlan, s: { file: string; dryRun: boolean; changes: boolean; backup: string | null; alias: string; proxy: string; staleDefault: string | undefined }, color: ChalkInstance): string {
  const target = `pi's ${PI_PROVIDER} models in ${s.file}`;
  const lines = [!s.changes ? color.green(`✓ ${target} already list every model ${s.proxy} offers "${s.alias}".`)
    : s.dryRun ? `Would update ${target} (--dry-run: nothing written):` : color.green(`✓ Updated ${target}:`)];
  const verb = (done: string) => (s.dryRun ? `would be ${done}` : done);
  for (const id of plan.added) lines.push(`  ${color.green('+')} ${id}  ${color.dim(verb('added'))}`);
  for (const id of plan.removed) lines.push(`  ${color.red('-')} ${id}  ${color.dim(`${verb('removed')}: not offered by the proxy any more`)}`);
  if (plan.kept.length) lines.push(`  ${color.dim('=')} ${plan.kept.length} kept as written`);
  if (plan.stale.length) {
    lines.push(color.yellow(`! Not offered by the proxy any more; --prune removes ${plan.stale.length === 1 ? 'it' : 'them'}:`));
    for (const id of plan.stale) lines.push(`  ${color.yellow('!')} ${id}`);
  }
  if (plan.skipped.length) lines.push(color.dim(`Skipped wildcard routes (pi needs a concrete model name): ${plan.skipped.join(', ')}`));
  if (s.staleDefault) lines.push(color.yellow(`! pi's default model ${PI_PROVIDER}/${s.staleDefault} is not offered any more; choose another with \`ollm key write --for pi --default-model <id>\`.`));
  if (s.backup) lines.push(color.dim(`Backup: ${s.backup}`));
  return lines.join('\n');
}
