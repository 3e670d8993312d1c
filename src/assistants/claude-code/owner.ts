// Which alias Claude Code uses. Its settings.json holds one key for the proxy, so several keys on
// one machine must not take turns in it: by default only the alias "claude-code" is written there;
// another alias goes there only when asked (`--write claude-code`), and where a different alias's
// key already is written only with `--replace` (or a yes on a terminal). The replaced alias then no
// longer owns that file, so rotating it never writes Claude Code's settings back. (OpenClaw's claim,
// openclaw/openclaw-owner.ts, is the same rule for its config.)
import type { Ctx } from '../../context.ts';
import { UsageError } from '../../errors.ts';
import { splitAccount } from '../../keys/local-keys.ts';
import type { KeyClaim, Replaced } from '../assistant.ts';
import { KINDS } from '../../targets/kinds-slot.ts';
import type { TargetRecord } from '../../targets/record.ts';
import type { ClaudeCodeFlagValues } from './flags.ts';
import { resolveClaudeCodePaths } from './paths.ts';
import { isClaudeCodeRecord } from './record.ts';

export const CLAUDE_CODE_ALIAS = 'claude-code';
export const CLAUDE_CODE_DEFAULT_TARGETS: readonly string[] = ['claude-code'];
const CLAUDE_CODE_KINDS: readonly string[] = ['claude-code'];

/**
 * `--write` for a new key: as given; for Claude Code's alias its settings (not `ollm config set
 * targets`, which names OpenClaw's places); for any other alias, the keychain only.
 */
function defaultWrite(_ctx: Ctx, alias: string, write: string[] | undefined): Promise<{ write: string[] | undefined; leftOut: boolean }> {
  if (write !== undefined) return Promise.resolve({ write, leftOut: false });
  if (alias === CLAUDE_CODE_ALIAS) return Promise.resolve({ write: [...CLAUDE_CODE_DEFAULT_TARGETS], leftOut: false });
  return Promise.resolve({ write: ['none'], leftOut: true });
}

/** The other aliases whose key ollm wrote into the settings file these flags write to; asks on a terminal, else refuses without --replace. */
async function claim(ctx: Ctx, options: { account: string; alias: string; write: string[] | undefined; recorded: readonly TargetRecord[]; flags: object; replace: boolean }): Promise<Replaced[]> {
  const kinds = await ctx.wired(KINDS);
  // The same order of choice as buildTargets: flag, what was written before, the configured default.
  const chosen = kinds.parseList(options.write ?? options.recorded.map((r) => r.kind));
  const names = chosen.length ? chosen : kinds.parseList((await ctx.config()).targets ?? CLAUDE_CODE_DEFAULT_TARGETS);
  if (!names.includes('claude-code')) return [];
  const flag = (options.flags as ClaudeCodeFlagValues).claudeConfig;
  const recorded = options.recorded.find(isClaudeCodeRecord)?.file;
  const file = flag !== undefined || recorded === undefined ? resolveClaudeCodePaths(flag, ctx.env).settingsFile : recorded;
  const manifest = await ctx.manifest();
  const replaced: Replaced[] = [];
  for (const account of await manifest.accounts()) {
    if (account === options.account) continue;
    const record = (await manifest.targetsOf(account)).find((r) => r.kind === 'claude-code' && r.file === file);
    const parts = splitAccount(account);
    if (record && parts) replaced.push({ account, alias: parts.alias, record });
  }
  if (replaced.length === 0 || options.replace) return replaced;
  const others = replaced.map((r) => `"${r.alias}"`).join(' and ');
  const question = `Claude Code's settings ${file} hold the key ${others}; writing "${options.alias}" there replaces it (Claude Code then uses "${options.alias}").`;
  if (ctx.isInteractive && await ctx.prompts.confirm(`${question} Replace it?`, ctx.io.stdin, ctx.io.stderr)) return replaced;
  throw new UsageError(question, `Add --replace to make "${options.alias}" Claude Code's key, or leave Claude Code out with --write none (or another target).`);
}

async function release(ctx: Ctx, replaced: Replaced[]): Promise<void> {
  const manifest = await ctx.manifest();
  for (const r of replaced) await manifest.forget(r.account, [r.record]);
}

export const claudeCodeClaim: KeyClaim = {
  kinds: CLAUDE_CODE_KINDS,
  alias: () => Promise.resolve(CLAUDE_CODE_ALIAS),
  defaultWrite,
  claim,
  release,
};
