// The two ways ollm hands a key to Claude Code, and the names Claude Code reads.
import { UsageError } from '../../errors.ts';

/**
 * `helper`: `apiKeyHelper` runs ollm, which prints the key from its store; no key in any file of
 * Claude Code's. `file`: the key itself in `env.ANTHROPIC_AUTH_TOKEN` of settings.json (0600),
 * for machines without a keychain.
 */
export type ClaudeCodeStyle = 'helper' | 'file';
export const CLAUDE_CODE_STYLES: readonly ClaudeCodeStyle[] = ['helper', 'file'];
export const DEFAULT_CLAUDE_CODE_STYLE: ClaudeCodeStyle = 'helper';

/** Where Claude Code finds the proxy (it appends /v1/messages). */
export const BASE_URL_VARIABLE = 'ANTHROPIC_BASE_URL';
/** The static key it sends as `Authorization: Bearer` (the file style, and `exec`/`env`). */
export const TOKEN_VARIABLE = 'ANTHROPIC_AUTH_TOKEN';
/** Sent as x-api-key; a different one set anywhere may be sent instead of ollm's key. */
export const API_KEY_VARIABLE = 'ANTHROPIC_API_KEY';
/** How long Claude Code keeps what apiKeyHelper printed before running it again. */
export const HELPER_TTL_VARIABLE = 'CLAUDE_CODE_API_KEY_HELPER_TTL_MS';
export const DEFAULT_HELPER_TTL_MS = 5 * 60_000;

export function parseClaudeCodeStyle(value: string): ClaudeCodeStyle {
  if ((CLAUDE_CODE_STYLES as readonly string[]).includes(value)) return value as ClaudeCodeStyle;
  throw new UsageError(`--claude-style ${JSON.stringify(value)} is not a way ollm can hand the key to Claude Code.`, `Use ${CLAUDE_CODE_STYLES.join(' or ')}.`);
}
