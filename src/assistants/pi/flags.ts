// pi's own flags: on `key create` and `key write` (its models.json, its style), and on
// `models sync` (its models.json). `--default-model` and `--replace` are shared with OpenClaw
// (declared once, in OpenClaw's flags) and read here by name. Commands spread these from the
// composition; this is their one definition.
import type { Options } from '../../parse/options.ts';
import { PI_STYLES } from './styles.ts';

const modelsFlag = { type: 'string', describe: 'pi\'s models.json [default: $PI_CODING_AGENT_DIR/models.json, ~/.pi/agent/models.json]' } as const satisfies Options;

/** `key create` and `key write`. */
export const piWriteFlags = {
  'pi-models': modelsFlag,
  'pi-style': { type: 'string', choices: PI_STYLES, describe: 'How pi gets the key: helper (pi runs ollm for it; no key in any file) or file (the key in models.json, 0600) (default: the style written before, else helper)' },
} as const satisfies Record<string, Options>;

/** `models sync`. */
export const piModelSyncFlags = {
  'pi-models': modelsFlag,
} as const satisfies Record<string, Options>;

/** The values of those flags (and the shared ones pi reads), by camelCase name, as commands hand them over. */
export interface PiFlagValues {
  piModels?: string;
  piStyle?: string;
  defaultModel?: string;
  replace?: boolean;
}
