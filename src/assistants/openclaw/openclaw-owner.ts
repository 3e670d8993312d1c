// Which alias OpenClaw uses. One OpenClaw config holds one key for the proxy, so several keys on
// one machine must not take turns in it: by default only OpenClaw's alias (`ollm config get
// alias`, else "openclaw") is written for OpenClaw; another alias goes there only when asked
// (`--write openclaw`), and where a different alias's key already is written only with
// `--replace` (or a yes on a terminal). The replaced alias then no longer owns that place, so
// rotating it (`rotate --all`) never writes OpenClaw back to it.
import { resolve } from 'node:path';
import type { Ctx } from '../../context.ts';
import { UsageError } from '../../errors.ts';
import { resolveAlias } from '../../keys/alias.ts';
import { splitAccount } from '../../keys/local-keys.ts';
import type { KeyClaim, Replaced } from '../assistant.ts';
import { KINDS } from '../../targets/kinds-slot.ts';
import type { TargetRecord } from '../../targets/record.ts';
import type { OpenClawFlagValues } from './flags.ts';
import { resolveOpenClawPaths } from './paths.ts';
import { isOpenClawRecord } from './record.ts';

/** Where a bare `key create` writes OpenClaw's key (unless `ollm config set targets` says otherwise). */
export const OPENCLAW_DEFAULT_TARGETS: readonly string[] = ['openclaw'];

/** Targets that hand the key to OpenClaw itself (its config and its .env). */
const OPENCLAW_KINDS: readonly string[] = ['openclaw', 'dotenv'];

/** The alias OpenClaw uses: the one a bare `ollm key create` makes. */
export function openClawAlias(ctx: Ctx): Promise<string> {
  return resolveAlias({}, ctx);
}

/**
 * `--write` for a new key: as given; else, for OpenClaw's alias, the configured default; for any
 * other alias the same without OpenClaw's places (keychain only when nothing is left).
 */
export async function defaultWriteFor(ctx: Ctx, alias: string, write: string[] | undefined): Promise<{ write: string[] | undefined; leftOut: boolean }> {
  if (write !== undefined || alias === await openClawAlias(ctx)) return { write, leftOut: false };
  const configured = (await ctx.wired(KINDS)).parseList((await ctx.config()).targets ?? OPENCLAW_DEFAULT_TARGETS);
  const kept = configured.filter((name) => !OPENCLAW_KINDS.includes(name) && name !== 'none');
  return { write: kept.length ? kept : ['none'], leftOut: configured.some((name) => OPENCLAW_KINDS.includes(name)) };
}

export type { Replaced };

/**
 * The other aliases whose key ollm wrote into the OpenClaw config these flags write to. Asks on
 * a terminal; without --replace elsewhere, refuses before anything is created or written.
 */
export async function claimOpenClaw(ctx: Ctx, options: { account: string; alias: string; write: string[] | undefined; recorded: readonly TargetRecord[]; openclawConfig?: string; replace: boolean }): Promise<Replaced[]> {
  // The same order of choice as buildTargets: flag, what was written before, the configured default.
  const kinds = await ctx.wired(KINDS);
  const chosen = kinds.parseList(options.write ?? options.recorded.map((r) => r.kind));
  const names = chosen.length ? chosen : kinds.parseList((await ctx.config()).targets ?? OPENCLAW_DEFAULT_TARGETS);
  if (!names.includes('openclaw')) return [];
  const recordedFile = options.recorded.find(isOpenClawRecord)?.file;
  const file = options.openclawConfig ? resolveOpenClawPaths(resolve(options.openclawConfig), ctx.env).configFile
    : recordedFile ?? resolveOpenClawPaths(undefined, ctx.env).configFile;
  const manifest = await ctx.manifest();
  const replaced: Replaced[] = [];
  for (const account of await manifest.accounts()) {
    if (account === options.account) continue;
    const record = (await manifest.targetsOf(account)).find((r) => r.kind === 'openclaw' && r.file === file);
    const parts = splitAccount(account);
    if (record && parts) replaced.push({ account, alias: parts.alias, record });
  }
  if (replaced.length === 0 || options.replace) return replaced;
  const others = replaced.map((r) => `"${r.alias}"`).join(' and ');
  const question = `OpenClaw's config ${file} holds the key ${others}; writing "${options.alias}" there replaces it (OpenClaw then uses "${options.alias}").`;
  if (ctx.isInteractive) {
    if (await ctx.prompts.confirm(`${question} Replace it?`, ctx.io.stdin, ctx.io.stderr)) return replaced;
  }
  throw new UsageError(question, `Add --replace to make "${options.alias}" OpenClaw's key, or leave OpenClaw out with --write none (or another target).`);
}

/** After the write: the replaced aliases no longer own that config, so their rotation leaves it alone. */
export async function releaseReplaced(ctx: Ctx, replaced: Replaced[]): Promise<void> {
  const manifest = await ctx.manifest();
  for (const r of replaced) await manifest.forget(r.account, [r.record]);
}

/** The alias whose key ollm last wrote into this OpenClaw config (for this proxy), if any. */
export async function openClawOwner(ctx: Ctx, configFile: string, proxyBase: string): Promise<string | null> {
  const manifest = await ctx.manifest();
  for (const account of await manifest.accounts()) {
    const parts = splitAccount(account);
    if (!parts || parts.proxy !== proxyBase) continue;
    if ((await manifest.targetsOf(account)).some((r) => r.kind === 'openclaw' && r.file === configFile)) return parts.alias;
  }
  return null;
}

/** OpenClaw's claim on the one key its config holds, as the assistant contract names it. */
export const openClawClaim: KeyClaim = {
  kinds: OPENCLAW_KINDS,
  alias: openClawAlias,
  defaultWrite: defaultWriteFor,
  claim: (ctx, { flags, ...options }) => claimOpenClaw(ctx, { ...options, openclawConfig: (flags as OpenClawFlagValues).openclawConfig }),
  release: releaseReplaced,
};
