// Codex's own flags: on `key create` and `key write` (its config file, its style, whether to make
// ollm's provider Codex's choice when another is chosen), and on `exec`/`env` (`--codex-style`).
import type { Options } from '../../parse/options.ts';
import { CODEX_STYLES } from './styles.ts';

/** `key create` and `key write`. */
export const codexWriteFlags = {
  'codex-config': { type: 'string', describe: 'Codex config file [default: $CODEX_HOME/config.toml, ~/.codex/config.toml]' },
  'codex-style': { type: 'string', choices: CODEX_STYLES, describe: 'How Codex gets the key: helper = Codex runs ollm for it (no key in any file), env = from LITELLM_API_KEY (ollm exec), file = the key in config.toml (default: what was written before, else helper)' },
  'codex-select': { type: 'boolean', default: false, describe: 'Make ollm\'s provider Codex\'s model_provider even where the config chooses another one' },
} as const satisfies Record<string, Options>;

/** `exec` and `env`. */
export const codexHandOverFlags = {
  'codex-style': codexWriteFlags['codex-style'],
} as const satisfies Record<string, Options>;

/** The values of those flags, by camelCase name, as commands hand them over. */
export interface CodexFlagValues {
  codexConfig?: string;
  codexStyle?: string;
  codexSelect?: boolean;
  replace?: boolean;
}
