// OpenCode's own flags: on `key create` and `key write` (where its config is, how the key gets
// there, its default model), and on `models sync` (`--opencode-config`). `exec` and `env` take
// none: they always set OLLM_OPENCODE_API_KEY. Commands spread them from the composition.
import type { Options } from '../../parse/options.ts';
import { OPENCODE_STYLES } from './styles.ts';

const configFlag = { type: 'string', describe: 'OpenCode config file [default: OPENCODE_CONFIG, else ~/.config/opencode/opencode.jsonc if it exists, else opencode.json]' } as const satisfies Options;

/** `key create` and `key write`. */
export const openCodeWriteFlags = {
  'opencode-config': configFlag,
  'opencode-style': { type: 'string', choices: OPENCODE_STYLES, describe: 'How OpenCode gets the key: env writes {env:OLLM_OPENCODE_API_KEY} (run it with `ollm exec --for opencode -- opencode`), file writes the key into the 0600 config (default: what was written before, else env)' },
  'opencode-default-model': { type: 'string', describe: 'Make this proxy model OpenCode\'s default (its top-level "model"; otherwise only set when none is set)' },
} as const satisfies Record<string, Options>;

/** `models sync`. */
export const openCodeModelSyncFlags = {
  'opencode-config': configFlag,
} as const satisfies Record<string, Options>;

/** The values of those flags, by camelCase name, as commands hand them over. */
export interface OpenCodeFlagValues {
  opencodeConfig?: string;
  opencodeStyle?: string;
  opencodeDefaultModel?: string;
  replace?: boolean;
}
