// OpenCode's own flags: on `key create` and `key write` (where its config is, how the key gets
// there; `--default-model` is shared with OpenClaw and read here too), and on `models sync` (`--opencode-config`). `exec` and `env` take
// none: they always set OLLM_OPENCODE_API_KEY. Commands spread them from the composition.
import type { Options } from '../../parse/options.ts';
import { OPENCODE_STYLES } from './styles.ts';

const configFlag = { type: 'string', describe: 'OpenCode config file [default: OPENCODE_CONFIG, else ~/.config/opencode/opencode.jsonc if it exists, else opencode.json]' } as const satisfies Options;

/** `key create` and `key write`. */
export const openCodeWriteFlags = {
  'opencode-config': configFlag,
  'opencode-style': { type: 'string', choices: OPENCODE_STYLES, describe: 'How OpenCode gets the key: env writes {env:OLLM_OPENCODE_API_KEY} (run it with `ollm exec --for opencode -- opencode`), file writes the key into the 0600 config (default: what was written before, else env)' },
} as const satisfies Record<string, Options>;

/** `models sync`. */
export const openCodeModelSyncFlags = {
  'opencode-config': configFlag,
} as const satisfies Record<string, Options>;

/** The values of those flags, by camelCase name, as commands hand them over. */
export interface OpenCodeFlagValues {
  opencodeConfig?: string;
  opencodeStyle?: string;
  /** `--default-model` (declared with OpenClaw's flags): OpenCode's top-level `model`. */
  defaultModel?: string;
  replace?: boolean;
}
