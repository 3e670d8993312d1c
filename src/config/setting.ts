// What a setting of `ollm config` is, in no one's terms: ollm's own settings (proxy URL, alias,
// targets) and each assistant's (OpenClaw's style) are all of this shape; the composition lists
// them (src/composition/settings.ts) and hands the list to the config reader through Ctx.
import { UsageError } from '../errors.ts';

/** A value as config.json holds it: a string, or a list (`targets`). */
export type SettingValue = string | string[];

export interface Setting {
  /** Its user-facing name: `proxy-url`. */
  name: string;
  /** Its key in config.json: `proxyUrl`. */
  key: string;
  describe: string;
  /** The flag that wins over the setting on the commands that have it. */
  flag: string;
  /** An environment variable that wins over the config file. */
  envVar?: string;
  builtIn: SettingValue;
  /** config.json holds a list (read back through `parse`, so it comes out normalised). */
  list?: boolean;
  /** A realistic value for hints. */
  example: string;
  /** Values worth offering (completion, hints). */
  choices?: readonly string[];
  /** Check a value typed by a user (`from` names where it came from) → what config.json stores. Throws UsageError. */
  parse(text: string, from: string): SettingValue;
}

/** The setting by its user-facing name; a UsageError that lists the names otherwise. */
export function findSettingIn(settings: readonly Setting[], name: string): Setting {
  const found = settings.find((s) => s.name === name);
  if (found) return found;
  const names = settings.map((s) => s.name).join(', ');
  // `proxyUrl` is how the file spells it; say which name to type instead.
  const byKey = settings.find((s) => s.key === name || s.name === name.toLowerCase());
  throw new UsageError(`ollm has no setting ${JSON.stringify(name)}.`,
    byKey ? `Did you mean ${byKey.name}? Settings: ${names}.` : `Settings: ${names}, e.g. \`ollm config set alias openclaw-laptop\`.`);
}

/** A value as people read and type it (`openclaw,profile` for a list). */
export function showValue(value: SettingValue): string {
  return Array.isArray(value) ? value.join(',') : value;
}
