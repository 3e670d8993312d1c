// The defaults `ollm config` manages: each setting's user-facing name and its key in config.json,
// what overrides it, its built-in value, and the flag validator that checks it (never a copy).
import { validateAlias, DEFAULT_ALIAS } from '../keys/alias.ts';
import { OPENCLAW_STYLES } from '../assistants/openclaw/styles.ts';
import { TARGET_NAMES } from '../targets/kinds.ts';
import type { TargetName } from '../targets/write-flags.ts';
import { DEFAULT_STYLE, DEFAULT_TARGETS, parseStyle, parseTargetList } from '../targets/write-flags.ts';
import { UsageError } from '../errors.ts';
import { DEFAULT_PROXY_URL, parseProxyUrl } from './proxy-url.ts';

export const SETTING_NAMES = ['proxy-url', 'alias', 'style', 'targets'] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

/** A value as config.json holds it: a string, or a list for `targets`. */
export type SettingValue = string | string[];

export interface Setting {
  name: SettingName;
  /** Its key in config.json. */
  key: 'proxyUrl' | 'alias' | 'style' | 'targets';
  describe: string;
  /** The flag that wins over the setting on the commands that have it. */
  flag: string;
  /** An environment variable that wins over the config file. */
  envVar?: string;
  builtIn: SettingValue;
  /** A realistic value for hints. */
  example: string;
  /** Values worth offering (completion, hints). */
  choices?: readonly string[];
  /** Check a value typed by a user (`from` names where it came from) → what config.json stores. Throws UsageError. */
  parse(text: string, from: string): SettingValue;
}

export const SETTINGS: readonly Setting[] = [
  {
    name: 'proxy-url', key: 'proxyUrl', describe: 'The LiteLLM proxy every command talks to',
    flag: '--proxy-url', envVar: 'LITELLM_PROXY_URL', builtIn: DEFAULT_PROXY_URL, example: 'https://litellm.example.com',
    parse: (text, from) => parseProxyUrl(text, from).base,
  },
  {
    name: 'alias', key: 'alias', describe: 'The key a command works on when it gets no --alias',
    flag: '--alias', builtIn: DEFAULT_ALIAS, example: 'openclaw-laptop',
    parse: (text) => validateAlias(text),
  },
  {
    name: 'style', key: 'style', describe: 'How `key create` / `key write` hand the key to OpenClaw',
    flag: '--openclaw-style', builtIn: DEFAULT_STYLE, example: 'keychain', choices: OPENCLAW_STYLES,
    parse: (text) => parseStyle(text, 'style'),
  },
  {
    name: 'targets', key: 'targets', describe: 'Where `key create` / `key write` put the key',
    flag: '--write', builtIn: [...DEFAULT_TARGETS], example: 'openclaw,profile', choices: TARGET_NAMES,
    parse: (text) => parseTargetsSetting([text]),
  },
];

/** The targets setting: what --write accepts, but never an empty list (that would mean "unset"). */
export function parseTargetsSetting(values: readonly string[]): TargetName[] {
  const names = parseTargetList(values, 'targets');
  if (!names.length) throw new UsageError('targets names no target.', `Choose from ${TARGET_NAMES.join(', ')} (comma-separated), e.g. openclaw,profile.`);
  return names;
}

/** The setting by its user-facing name; a UsageError that lists the names otherwise. */
export function findSetting(name: string): Setting {
  const found = SETTINGS.find((s) => s.name === name);
  if (found) return found;
  // `proxyUrl` is how the file spells it; say which name to type instead.
  const byKey = SETTINGS.find((s) => s.key === name || s.name === name.toLowerCase());
  throw new UsageError(`ollm has no setting ${JSON.stringify(name)}.`,
    byKey ? `Did you mean ${byKey.name}? Settings: ${SETTING_NAMES.join(', ')}.` : `Settings: ${SETTING_NAMES.join(', ')}, e.g. \`ollm config set alias openclaw-laptop\`.`);
}

/** A value as people read and type it (`openclaw,profile` for a list). */
export function showValue(value: SettingValue): string {
  return Array.isArray(value) ? value.join(',') : value;
}
