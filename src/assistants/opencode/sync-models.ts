// `ollm models sync --for opencode`: make `provider.litellm.models` in OpenCode's config match what
// the proxy's /v1/models offers the key — new models added as `"<id>": { "name": "<id>" }`,
// entries people wrote kept as they are, models gone from the proxy reported (or removed with
// --prune). `--default-model` is a `key write` flag; sync only warns when OpenCode's
// default model is no longer offered.
import { resolve } from 'node:path';
import type { Ctx } from '../../context.ts';
import { UserError } from '../../errors.ts';
import type { HeldKey } from '../../keys/held-key.ts';
import { pointsAtProxy } from '../../config/proxy-url.ts';
import type { CommandResult } from '../../commands/command.ts';
import type { ModelSync } from '../assistant.ts';
import { offeredModels } from '../offered-models.ts';
import { planChangesConfig, planModelList, type ModelSyncPlan } from '../model-list.ts';
import { OpenCodeConfigFile, type LoadedOpenCodeConfig } from './config-file.ts';
import { isObject, modelEntry, providerPath } from './config-edits.ts';
import { hasSubstitution } from './config-string.ts';
import { openCodeModelSyncFlags, type OpenCodeFlagValues } from './flags.ts';
import { resolveOpenCodePaths } from './paths.ts';
import { isOpenCodeRecord } from './record.ts';
import { OPENCODE_PROVIDER } from './styles.ts';

export const openCodeModels: ModelSync = {
  flags: openCodeModelSyncFlags,
  sync: (ctx, { flags, ...options }) => syncOpenCodeModels(ctx, { ...options, opencodeConfig: (flags as OpenCodeFlagValues).opencodeConfig }),
};

const MODELS = [...providerPath(OPENCODE_PROVIDER), 'models'];

async function syncOpenCodeModels(ctx: Ctx, args: { alias: string; held: HeldKey; prune: boolean; dryRun: boolean; opencodeConfig: string | undefined }): Promise<CommandResult> {
  const { alias, held } = args;
  const proxy = await ctx.proxy();
  const config = new OpenCodeConfigFile(await configFile(ctx, held, args.opencodeConfig));
  // A dry run writes nothing, so an unwritable config is no reason to refuse it.
  const readConfig = async () => {
    const loaded = args.dryRun ? await config.load() : await config.preflight();
    return { loaded, listed: modelIds(loaded, config.file, alias, proxy.base) };
  };
  await readConfig(); // before the proxy is asked: a config that cannot take the models fails fast

  const offered = await offeredModels(ctx, alias, held, 'OpenCode');

  // Read again now: OpenCode or an editor may have changed the file while the proxy answered.
  const { loaded, listed } = await readConfig();
  const plan = planModelList(listed, offered, args.prune);
  const model = loaded.doc.get(['model']);
  const prefix = `${OPENCODE_PROVIDER}/`;
  const staleDefault = typeof model === 'string' && model.startsWith(prefix) && [...plan.stale, ...plan.removed].includes(model.slice(prefix.length)) ? model : undefined;
  let backup: string | null = null;
  if (planChangesConfig(plan) && !args.dryRun) {
    for (const id of plan.removed) loaded.doc.delete([...MODELS, id]);
    for (const id of plan.added) loaded.doc.set([...MODELS, id], modelEntry(id));
    ({ backup } = await config.save(loaded));
  }

  return {
    human: describe(plan, { file: config.file, dryRun: args.dryRun, backup, staleDefault, alias, proxy: proxy.base }),
    json: {
      key_alias: alias, proxy_url: proxy.base, config_path: config.file, dry_run: args.dryRun,
      added: plan.added, removed: plan.removed, kept: plan.kept, stale: plan.stale, skipped: plan.skipped,
      backup, stale_default_model: staleDefault ?? null,
    },
  };
}

/** `--opencode-config` > the config this key was written to > the file OpenCode itself reads. */
async function configFile(ctx: Ctx, held: HeldKey, flag: string | undefined): Promise<string> {
  if (flag) return resolveOpenCodePaths(resolve(flag), ctx.env).configFile;
  const written = (await (await ctx.manifest()).targetsOf(held.account)).find(isOpenCodeRecord);
  return written?.file ?? resolveOpenCodePaths(undefined, ctx.env).configFile;
}

/** The provider's model ids; the provider must exist and point at this proxy (ollm does not invent one). */
function modelIds(loaded: LoadedOpenCodeConfig, file: string, alias: string, proxyBase: string): string[] {
  const provider = loaded.doc.get(providerPath(OPENCODE_PROVIDER));
  if (!isObject(provider)) {
    throw new UserError(`${loaded.original === null ? `OpenCode's config ${file} does not exist` : `OpenCode's config ${file} has no provider.${OPENCODE_PROVIDER}`}, so there is no model list to fill.`, {
      code: 'opencode_provider_missing', hint: `Write the key there first: \`ollm key write --for opencode --alias ${alias} --write opencode\` (with --opencode-config <file> for another config).`,
    });
  }
  const baseURL = isObject(provider.options) ? provider.options.baseURL : undefined;
  // `{env:…}` is substituted by OpenCode at start: ollm cannot tell where it points.
  if (typeof baseURL === 'string' && !hasSubstitution(baseURL) && !pointsAtProxy(baseURL, proxyBase)) {
    throw new UserError(`OpenCode's ${OPENCODE_PROVIDER} provider in ${file} points at ${baseURL}, not at ${proxyBase}, whose models ollm would list.`, {
      code: 'opencode_proxy_mismatch', hint: `Sync from that proxy with --proxy-url ${baseURL}, or point OpenCode at this one with \`ollm key write --for opencode\`.`,
    });
  }
  const models = provider.models;
  if (models === undefined) return [];
  if (!isObject(models)) {
    throw new UserError(`provider.${OPENCODE_PROVIDER}.models in ${file} is not an object, so ollm cannot add to it.`, {
      code: 'opencode_config_invalid', hint: 'Make it an object ({} or { "<model>": { "name": "…" } }) by hand, then run `ollm models sync --for opencode` again.',
    });
  }
  return Object.keys(models);
}

interface Summary { file: string; dryRun: boolean; backup: string | null; staleDefault: string | undefined; alias: string; proxy: string }

function describe(plan: ModelSyncPlan, s: Summary): string {
  const target = `OpenCode's ${OPENCODE_PROVIDER} models in ${s.file}`;
  const lines: string[] = [];
  if (!planChangesConfig(plan)) lines.push(`✓ ${target} already list every model ${s.proxy} offers "${s.alias}".`);
  else lines.push(s.dryRun ? `Would update ${target} (--dry-run: nothing written):` : `✓ Updated ${target}:`);
  for (const id of plan.added) lines.push(`  + ${id}  ${s.dryRun ? 'would be added' : 'added'}`);
  for (const id of plan.removed) lines.push(`  - ${id}  ${s.dryRun ? 'would be removed' : 'removed'}: not offered by the proxy any more`);
  if (plan.kept.length > 0) lines.push(`  = ${plan.kept.length} kept as written`);
  if (plan.stale.length > 0) lines.push(`! Not offered by the proxy any more; --prune removes ${plan.stale.length === 1 ? 'it' : 'them'}: ${plan.stale.join(', ')}`);
  if (plan.skipped.length > 0) lines.push(`Skipped wildcard routes (OpenCode needs a concrete model name): ${plan.skipped.join(', ')}`);
  if (s.staleDefault) lines.push(`! OpenCode's default model ${s.staleDefault} is not offered any more; choose another with \`ollm key write --for opencode --default-model <id>\`.`);
  if (s.backup) lines.push(`Backup: ${s.backup}`);
  return lines.join('\n');
}
