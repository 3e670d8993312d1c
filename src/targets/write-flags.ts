// What `--write` and `--openclaw-style` accept, and their built-in defaults: the one copy of these
// rules, shared by the flags and by `ollm config` (light on imports: the config file is checked with it).
import { UsageError } from '../errors.ts';
import { OPENCLAW_STYLES, type OpenClawStyle } from '../assistants/openclaw/styles.ts';
import { TARGET_NAMES } from './kinds.ts';

/** A name `--write` takes: a kind of the table, or `none`. */
export type TargetName = string;

export const DEFAULT_TARGETS: readonly TargetName[] = ['openclaw'];
export const DEFAULT_STYLE: OpenClawStyle = 'litellm';

/**
 * `openclaw,profile` and `dotenv` → unique target names; `none` stands alone. An empty list means
 * "nothing chosen" and is left to the caller. `label` names where the values came from in messages.
 */
export function parseTargetList(values: readonly string[], label = '--write'): TargetName[] {
  const names = values.flatMap((v) => v.split(',')).map((n) => n.trim()).filter(Boolean);
  for (const name of names) {
    if (!(TARGET_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`${label} ${JSON.stringify(name)} is not a place ollm can write to.`, `Choose from ${TARGET_NAMES.join(', ')} (comma-separated).`);
    }
  }
  const unique = [...new Set(names)] as TargetName[];
  if (unique.includes('none') && unique.length > 1) throw new UsageError(`${label} none cannot be combined with other targets.`, 'Give either none or a list of targets.');
  return unique;
}

export function parseStyle(value: string, label = '--openclaw-style'): OpenClawStyle {
  if ((OPENCLAW_STYLES as readonly string[]).includes(value)) return value as OpenClawStyle;
  throw new UsageError(`${label} ${JSON.stringify(value)} is not a way ollm can hand the key to OpenClaw.`, `Use ${OPENCLAW_STYLES.join(', ')}.`);
}
