// Every setting of `ollm config`, in the order `ollm config list` shows them: ollm's proxy URL
// and alias, each assistant's own (OpenClaw's style), then the targets.
import { aliasSetting, parseTargetsSetting as parseTargets, proxyUrlSetting, targetsSetting } from '../config/settings.ts';
import { readOllmConfig as readConfig, type OllmConfig } from '../config/ollm-config.ts';
import { findSettingIn, type Setting } from '../config/setting.ts';
import { ASSISTANTS } from './assistants.ts';
import { KIND_TABLE } from './kinds.ts';

export const SETTINGS: readonly Setting[] = [
  proxyUrlSetting,
  aliasSetting,
  ...ASSISTANTS.flatMap((a) => a.settings),
  targetsSetting(KIND_TABLE, ASSISTANTS[0].defaultTargets),
];

export const SETTING_NAMES: readonly string[] = SETTINGS.map((s) => s.name);

/** The setting by its user-facing name; a UsageError that lists the names otherwise. */
export function findSetting(name: string): Setting {
  return findSettingIn(SETTINGS, name);
}

/** The targets setting: what --write accepts, but never an empty list (that would mean "unset"). */
export function parseTargetsSetting(values: readonly string[]): string[] {
  return parseTargets(KIND_TABLE, values);
}

/** ollm's config file, read with every setting's rule. */
export function readOllmConfig(file: string): Promise<OllmConfig> {
  return readConfig(file, SETTINGS);
}
