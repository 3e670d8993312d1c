// Which alias OpenClaw uses. One OpenClaw config holds one key for the proxy, so several keys on
// one machine must not take turns in it: by default only OpenClaw's alias (`ollm config get
// alias`, else "openclaw") is written for OpenClaw; another alias goes there only when asked
// (`--write openclaw`), and where a different alias's key already is written only with
// `--replace` (or a yes on a terminal). The replaced alias then no longer owns that place, so
// rotating it (`rotate --all`) never writes OpenClaw back to it.
import { resolve } from 'node:path';
import type { Ctx } from '../../context.ts';
import { resolveAlias } from '../../keys/alias.ts';
import { splitAccount } from '../../keys/local-keys.ts';
import type { KeyClaim, Replaced } from '../assistant.ts';
import { claimOneKeyFile, releaseReplaced, writeWithoutKinds, type ClaimOptions } from '../one-key-claim.ts';
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
  return writeWithoutKinds(ctx, OPENCLAW_KINDS, OPENCLAW_DEFAULT_TARGETS);
}

export type { Replaced };

/**
 * The other aliases whose key ollm wrote into the OpenClaw config these flags write to. Asks on
 * a terminal; without --replace elsewhere, refuses before anything is created or written.
 */
export function claimOpenClaw(ctx: Ctx, options: ClaimOptions & { openclawConfig?: string }): Promise<Replaced[]> {
  return claimOneKeyFile(ctx, options, {
    kind: 'openclaw', displayName: 'OpenClaw', defaultTargets: OPENCLAW_DEFAULT_TARGETS,
    file: () => options.openclawConfig ? resolveOpenClawPaths(resolve(options.openclawConfig), ctx.env).configFile
      : options.recorded.find(isOpenClawRecord)?.file ?? resolveOpenClawPaths(undefined, ctx.env).configFile,
    holds: (file, others) => `OpenClaw's config ${file} holds the key ${others}`,
  });
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
