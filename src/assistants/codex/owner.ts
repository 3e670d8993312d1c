// Which alias Codex uses. Codex's config holds one provider ollm writes (`model_providers.ollm`),
// so one key: by default only Codex's alias ("codex", or `--alias` with `--write codex`) goes there,
// and where another alias's key was written only with `--replace` (or a yes on a terminal). The
// replaced alias then no longer owns that place, so rotating it never writes Codex's config back.
// The same rule as OpenClaw's (openclaw-owner.ts), for Codex's own kind and file.
import { resolve } from 'node:path';
import type { Ctx } from '../../context.ts';
import { UsageError } from '../../errors.ts';
import { resolveAlias } from '../../keys/alias.ts';
import { splitAccount } from '../../keys/local-keys.ts';
import type { KeyClaim, Replaced } from '../assistant.ts';
import { KINDS } from '../../targets/kinds-slot.ts';
import type { CodexFlagValues } from './flags.ts';
import { resolveCodexPaths } from './paths.ts';
import { isCodexRecord } from './record.ts';

/** Where a bare `key create --for codex` writes Codex's key. */
export const CODEX_DEFAULT_TARGETS: readonly string[] = ['codex'];
const CODEX_KINDS: readonly string[] = ['codex'];

/** The alias Codex uses: the one a bare `ollm key create --for codex` makes. */
export function codexAlias(ctx: Ctx): Promise<string> {
  return resolveAlias({ for: 'codex' }, ctx);
}

export const codexClaim: KeyClaim = {
  kinds: CODEX_KINDS,
  alias: codexAlias,

  async defaultWrite(ctx, alias, write) {
    if (write !== undefined || alias === await codexAlias(ctx)) return { write, leftOut: false };
    const configured = (await ctx.wired(KINDS)).parseList((await ctx.config()).targets ?? CODEX_DEFAULT_TARGETS);
    const kept = configured.filter((name) => !CODEX_KINDS.includes(name) && name !== 'none');
    return { write: kept.length ? kept : ['none'], leftOut: configured.some((name) => CODEX_KINDS.includes(name)) };
  },

  async claim(ctx, { account, alias, write, recorded, flags, replace }) {
    const kinds = await ctx.wired(KINDS);
    const chosen = kinds.parseList(write ?? recorded.map((r) => r.kind));
    const names = chosen.length ? chosen : kinds.parseList((await ctx.config()).targets ?? CODEX_DEFAULT_TARGETS);
    if (!names.includes('codex')) return [];
    const own = flags as CodexFlagValues;
    const file = own.codexConfig ? resolveCodexPaths(resolve(own.codexConfig), ctx.env).configFile
      : recorded.find(isCodexRecord)?.file ?? resolveCodexPaths(undefined, ctx.env).configFile;
    const manifest = await ctx.manifest();
    const replaced: Replaced[] = [];
    for (const other of await manifest.accounts()) {
      if (other === account) continue;
      const record = (await manifest.targetsOf(other)).find((r) => r.kind === 'codex' && r.file === file);
      const parts = splitAccount(other);
      if (record && parts) replaced.push({ account: other, alias: parts.alias, record });
    }
    if (replaced.length === 0 || replace) return replaced;
    const others = replaced.map((r) => `"${r.alias}"`).join(' and ');
    const question = `Codex's config ${file} holds the key ${others}; writing "${alias}" there replaces it (Codex then uses "${alias}").`;
    if (ctx.isInteractive && await ctx.prompts.confirm(`${question} Replace it?`, ctx.io.stdin, ctx.io.stderr)) return replaced;
    throw new UsageError(question, `Add --replace to make "${alias}" Codex's key, or leave Codex out with --write none (or another target).`);
  },

  async release(ctx, replaced) {
    const manifest = await ctx.manifest();
    for (const r of replaced) await manifest.forget(r.account, [r.record]);
  },
};
