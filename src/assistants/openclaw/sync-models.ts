// `ollm models sync` for OpenClaw: make the model list of its litellm provider match what the
// proxy's /v1/models offers the key — new models added, entries people wrote kept as they are,
// models gone from the proxy reported (or removed with --prune).
import { resolve } from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { Ctx } from '../../context.ts';
import { UserError } from '../../errors.ts';
import type { HeldKey } from '../../keys/held-key.ts';
import { pointsAtProxy } from '../../config/proxy-url.ts';
import type { CommandResult } from '../../commands/command.ts';
import type { ModelSync } from '../assistant.ts';
import { offeredModels } from '../offered-models.ts';
import { OpenClawConfigFile, type LoadedConfig } from './config-file.ts';
import { findOpenClaw } from './openclaw-cli.ts';
import { openClawModelSyncFlags, type OpenClawFlagValues } from './flags.ts';
import { resolveOpenClawPaths, type OpenClawPaths } from './paths.ts';
import { isOpenClawRecord } from './record.ts';
import { LITELLM_MODELS, applyModelSync, planChangesConfig, planModelSync, staleDefaultModel, type ModelSyncPlan } from './model-sync.ts';

export const openClawModels: ModelSync = {
  flags: openClawModelSyncFlags,
  sync: (ctx, { flags, ...options }) => syncOpenClawModels(ctx, { ...options, openclawConfig: (flags as OpenClawFlagValues).openclawConfig }),
};

async function syncOpenClawModels(ctx: Ctx, args: { alias: string; held: HeldKey; prune: boolean; dryRun: boolean; openclawConfig: string | undefined }): Promise<CommandResult> {
  const { alias, held } = args;
  const proxy = await ctx.proxy();
  const config = new OpenClawConfigFile(await configPaths(ctx, held, args.openclawConfig), ctx.env);
  // A dry run writes nothing, so a read-only config is no reason to refuse it.
  const readConfig = async () => {
    const loaded = args.dryRun ? await config.load() : await config.preflight();
    checkSameProxy(loaded, config.file, proxy.base);
    return { loaded, listed: modelEntries(loaded, config.file, alias) };
  };
  // Checked before the proxy is asked, so a config that cannot take the models fails fast.
  await readConfig();

  const offered = await offeredModels(ctx, alias, held, 'OpenClaw');

  // Read again now: OpenClaw or an editor may have changed the file while the proxy answered.
  const { loaded, listed } = await readConfig();
  const plan = planModelSync(listed, offered, args.prune);
  const staleDefault = staleDefaultModel(loaded.doc, plan);
  let backup: string | null = null;
  let checkedByOpenClaw = false;
  if (planChangesConfig(plan) && !args.dryRun) {
    applyModelSync(loaded.doc, plan);
    ({ backup, checked: checkedByOpenClaw } = await saveChecked(ctx, config, loaded));
  }

  return {
    human: describe(plan, { file: config.file, dryRun: args.dryRun, backup, staleDefault, alias, proxy: proxy.base }, ctx.color),
    json: {
      key_alias: alias,
      proxy_url: proxy.base,
      config_path: config.file,
      dry_run: args.dryRun,
      added: plan.added,
      removed: plan.removed,
      kept: plan.kept,
      stale: plan.stale,
      skipped: plan.skipped,
      backup,
      checked_by_openclaw: checkedByOpenClaw,
      stale_default_model: staleDefault ?? null,
    },
  };
}

/** `--openclaw-config` > the config this key was written to > the file OpenClaw itself reads. */
async function configPaths(ctx: Ctx, held: HeldKey, flag: string | undefined): Promise<OpenClawPaths> {
  if (flag) return resolveOpenClawPaths(resolve(flag), ctx.env);
  const records = await (await ctx.manifest()).targetsOf(held.account);
  const written = records.filter(isOpenClawRecord).find((r) => r.style !== 'anthropic');
  return written ? resolveOpenClawPaths(written.file, ctx.env) : resolveOpenClawPaths(undefined, ctx.env);
}

/** The provider's current entries; the provider itself must exist (ollm does not invent baseUrl or apiKey). */
function modelEntries(loaded: LoadedConfig, file: string, alias: string): unknown[] {
  const provider = loaded.doc.get(['models', 'providers', 'litellm']);
  if (provider === null || typeof provider !== 'object' || Array.isArray(provider)) {
    const anthropic = loaded.doc.get(['models', 'providers', 'anthropic']) !== undefined;
    throw new UserError(`${loaded.original === null ? `OpenClaw's config ${file} does not exist` : `OpenClaw's config ${file} has no models.providers.litellm`}, so there is no model list to fill.`, {
      code: 'openclaw_provider_missing',
      hint: anthropic
        ? `models sync fills the litellm provider; set it up with \`ollm key write --alias ${alias} --write openclaw --openclaw-style litellm\`.`
        : `Write the key there first: \`ollm key write --alias ${alias} --write openclaw\` (with --openclaw-config <file> for another config).`,
    });
  }
  const models = loaded.doc.get([...LITELLM_MODELS]);
  if (models === undefined) return [];
  if (!Array.isArray(models)) {
    throw new UserError(`models.providers.litellm.models in ${file} is not a list, so ollm cannot add to it.`, {
      code: 'openclaw_config_invalid', hint: 'Make it a list ([] or [{ id, name }, …]) by hand, then run `ollm models sync` again.',
    });
  }
  return models;
}

/** The list must come from the proxy OpenClaw talks to, or OpenClaw would offer models it cannot reach. */
function checkSameProxy(loaded: LoadedConfig, file: string, proxyBase: string): void {
  const baseUrl = loaded.doc.get(['models', 'providers', 'litellm', 'baseUrl']);
  // `${VAR}` is substituted by OpenClaw at run time: ollm cannot tell where it points.
  if (typeof baseUrl !== 'string' || baseUrl.includes('${')) return;
  if (pointsAtProxy(baseUrl, proxyBase)) return;
  throw new UserError(`OpenClaw's litellm provider in ${file} points at ${baseUrl}, not at ${proxyBase}, whose models ollm would list.`, {
    code: 'openclaw_proxy_mismatch',
    hint: `Sync from that proxy with --proxy-url ${baseUrl}, or point OpenClaw at this one with \`ollm key write --write openclaw\`.`,
  });
}

/** Back up and write; the real OpenClaw, when installed, checks it, and a rejected file goes back byte for byte. */
async function saveChecked(ctx: Ctx, config: OpenClawConfigFile, loaded: LoadedConfig): Promise<{ backup: string | null; checked: boolean }> {
  const openclaw = await findOpenClaw({ ...ctx.env, OPENCLAW_CONFIG_PATH: config.file });
  return config.saveValidated(loaded, loaded.doc.toString(), openclaw);
}

interface Summary {
  file: string;
  dryRun: boolean;
  backup: string | null;
  staleDefault: string | undefined;
  alias: string;
  proxy: string;
}

function describe(plan: ModelSyncPlan, summary: Summary, color: ChalkInstance): string {
  const lines: string[] = [];
  const changes = planChangesConfig(plan);
  const target = `OpenClaw's litellm models in ${summary.file}`;
  if (!changes) lines.push(color.green(`✓ ${target} already list every model ${summary.proxy} offers "${summary.alias}".`));
  else if (summary.dryRun) lines.push(`Would update ${target} (--dry-run: nothing written):`);
  else lines.push(color.green(`✓ Updated ${target}:`));
  const verb = (done: string, would: string) => (summary.dryRun ? would : done);
  for (const id of plan.added) lines.push(`  ${color.green('+')} ${id}  ${color.dim(verb('added', 'would be added'))}`);
  for (const id of plan.removed) lines.push(`  ${color.red('-')} ${id}  ${color.dim(verb('removed: not offered by the proxy any more', 'would be removed: not offered by the proxy any more'))}`);
  if (plan.kept.length > 0) lines.push(`  ${color.dim('=')} ${plan.kept.length} kept as written: ${shortList(plan.kept)}`);
  if (plan.stale.length > 0) {
    lines.push(color.yellow(`! Not offered by the proxy any more; --prune removes ${plan.stale.length === 1 ? 'it' : 'them'}:`));
    for (const id of plan.stale) lines.push(`  ${color.yellow('!')} ${id}`);
  }
  if (plan.skipped.length > 0) {
    lines.push(color.dim(`Skipped wildcard routes (OpenClaw needs a concrete model name): ${plan.skipped.join(', ')}`));
  }
  if (summary.staleDefault) {
    lines.push(color.yellow(`! OpenClaw's default model ${summary.staleDefault} is not offered any more; choose another with \`ollm key write --default-model <id>\`.`));
  }
  if (summary.backup) lines.push(color.dim(`Backup: ${summary.backup}`));
  return lines.join('\n');
}

// A proxy may offer a hundred models; the unchanged ones need not fill the screen (--json has them all).
function shortList(ids: readonly string[], shown = 6): string {
  return ids.length <= shown ? ids.join(', ') : `${ids.slice(0, shown - 1).join(', ')} and ${ids.length - shown + 1} more`;
}
