// Claude Code's own flags on `key create` and `key write` (where its settings are, its style).
// `--replace` is shared with OpenClaw's (openclaw/flags.ts): one flag, read by each claim.
import type { Options } from '../../parse/options.ts';
import { CLAUDE_CODE_STYLES } from './styles.ts';

export const claudeCodeWriteFlags = {
  'claude-config': { type: 'string', describe: 'Claude Code\'s config folder (holds settings.json) [default: CLAUDE_CONFIG_DIR, ~/.claude]' },
  'claude-style': { type: 'string', choices: CLAUDE_CODE_STYLES, describe: 'How Claude Code gets the key: apiKeyHelper runs ollm (helper, no key in its files), or the key in settings.json env (file) (default: what was written before, else helper)' },
} as const satisfies Record<string, Options>;

/** The values of those flags, by camelCase name, as commands hand them over. */
export interface ClaudeCodeFlagValues {
  claudeConfig?: string;
  claudeStyle?: string;
  replace?: boolean;
}
