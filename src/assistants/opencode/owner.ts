// Which alias's key OpenCode's provider entry holds. One `provider.litellm` holds one key, so two
// keys must not take turns in it: writing a second alias there replaces the first only with
// `--replace` (or a yes on a terminal), and the replaced alias then no longer owns that place, so
// rotating it never writes OpenCode back to it.
import type { Ctx } from '../../context.ts';
import { UsageError } from '../../errors.ts';
import { splitAccount } from '../../keys/local-keys.ts';
import { KINDS } from '../../targets/kinds-slot.ts';
import type { KeyClaim, Replaced } from '../assistant.ts';
import { openCodeWrite } from './write-policy.ts';

/** Where a bare `key create --for opencode` writes (unless `ollm config set targets` says otherwise). */
export const OPENCODE_DEFAULT_TARGETS: readonly string[] = ['opencode'];

export const openCodeClaim: KeyClaim = {
  kinds: ['opencode'],
  alias: () => Promise.resolve('opencode'),
  // `--for opencode` says where the key is for, whatever its alias: the claim below guards the entry.
  defaultWrite: (_ctx, _alias, write) => Promise.resolve({ write, leftOut: false }),

  async claim(ctx, { account, alias, write, recorded, flags, replace }) {
    const kinds = await ctx.wired(KINDS);
    const chosen = kinds.parseList(write ?? recorded.map((r) => r.kind));
    const names = chosen.length ? chosen : kinds.parseList((await ctx.config()).targets ?? OPENCODE_DEFAULT_TARGETS);
    if (!names.includes('opencode')) return [];
    const file = openCodeWrite(ctx, flags, recorded).paths.configFile;
    const manifest = await ctx.manifest();
    const replaced: Replaced[] = [];
    for (const other of await manifest.accounts()) {
      if (other === account) continue;
      const record = (await manifest.targetsOf(other)).find((r) => r.kind === 'opencode' && r.file === file);
      const parts = splitAccount(other);
      if (record && parts) replaced.push({ account: other, alias: parts.alias, record });
    }
    if (replaced.length === 0 || replace) return replaced;
    const others = replaced.map((r) => `"${r.alias}"`).join(' and ');
    const question = `OpenCode's config ${file} holds the key ${others} in its litellm provider; writing "${alias}" there replaces it (OpenCode then uses "${alias}").`;
    if (ctx.isInteractive && await ctx.prompts.confirm(`${question} Replace it?`, ctx.io.stdin, ctx.io.stderr)) return replaced;
    throw new UsageError(question, `Add --replace to make "${alias}" OpenCode's key, or leave OpenCode out with --write none (or another target).`);
  },

  async release(ctx, replaced) {
    const manifest = await ctx.manifest();
    for (const r of replaced) await manifest.forget(r.account, [r.record]);
  },
};
