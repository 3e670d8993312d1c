// Which alias Claude Code uses. Its settings.json holds one key for the proxy, so several keys on
// one machine must not take turns in it: by default only the alias "claude-code" is written there;
// another alias goes there only when asked (`--write claude-code`), and where a different alias's
// key already is written only with `--replace` (or a yes on a terminal). The replaced alias then no
// longer owns that file, so rotating it never writes Claude Code's settings back. (The rule every
// assistant's claim follows: one-key-claim.ts.)
import type { Ctx } from '../../context.ts';
import type { KeyClaim } from '../assistant.ts';
import { claimOneKeyFile, releaseReplaced } from '../one-key-claim.ts';
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

export const claudeCodeClaim: KeyClaim = {
  kinds: CLAUDE_CODE_KINDS,
  alias: () => Promise.resolve(CLAUDE_CODE_ALIAS),
  defaultWrite,
  claim: (ctx, { flags, ...options }) => claimOneKeyFile(ctx, options, {
    kind: 'claude-code', displayName: 'Claude Code', defaultTargets: CLAUDE_CODE_DEFAULT_TARGETS,
    file: () => {
      const flag = (flags as ClaudeCodeFlagValues).claudeConfig;
      const recorded = options.recorded.find(isClaudeCodeRecord)?.file;
      return flag !== undefined || recorded === undefined ? resolveClaudeCodePaths(flag, ctx.env).settingsFile : recorded;
    },
    holds: (file, others) => `Claude Code's settings ${file} hold the key ${others}`,
  }),
  release: releaseReplaced,
};
