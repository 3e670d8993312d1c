// OpenClaw's own flags: on `key create` and `key write` (where its config is, its style, its
// default model, its auth profile, and taking over its config from another alias), on `exec` and
// `env` (`--style`), and on `models sync` (`--openclaw-config`). Commands spread them from the
// composition; this is their one definition.
import type { Options } from '../../parse/options.ts';
import { OPENCLAW_STYLES } from './styles.ts';

const configFlag = { type: 'string', describe: 'OpenClaw config file [default: OPENCLAW_CONFIG_PATH, OPENCLAW_STATE_DIR, ~/.openclaw/openclaw.json]' } as const satisfies Options;

/** `key create` and `key write`. */
export const openClawWriteFlags = {
  'openclaw-config': configFlag,
  'openclaw-style': { type: 'string', choices: OPENCLAW_STYLES, describe: 'How OpenClaw gets the key: env var for the litellm provider, for the anthropic provider, or from the keychain via an exec secret provider (default: key write: the style written before; else `ollm config set style`, else litellm)' },
  'default-model': { type: 'string', describe: 'Make this proxy model the assistant\'s default: OpenClaw\'s agents.defaults.model, OpenCode\'s "model" (otherwise only set when none is set)' },
  replace: { type: 'boolean', default: false, describe: 'Write this key for OpenClaw even where another alias\'s key is written (OpenClaw then uses this one)' },
  'openclaw-profile': { type: 'boolean', default: true, describe: 'Update a stored OpenClaw auth profile that would override the config (--no-openclaw-profile: only warn)' },
} as const satisfies Record<string, Options>;

/** `exec` and `env`. */
export const openClawHandOverFlags = {
  style: { type: 'string', choices: OPENCLAW_STYLES, describe: 'How OpenClaw uses the key (default: what `key create` wrote, else litellm)' },
} as const satisfies Record<string, Options>;

/** `models sync`. */
export const openClawModelSyncFlags = {
  'openclaw-config': configFlag,
} as const satisfies Record<string, Options>;

/** The values of those flags, by camelCase name, as commands hand them over. */
export interface OpenClawFlagValues {
  openclawConfig?: string;
  openclawStyle?: string;
  defaultModel?: string;
  openclawProfile?: boolean;
  replace?: boolean;
  style?: string;
}
