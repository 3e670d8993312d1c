// The value each setting has right now and what decided it: flag > environment variable >
// config file > built-in default (the same rules the commands follow, not a second copy of them).
import type { Ctx } from '../context.ts';
import { showValue, type Setting, type SettingValue } from './setting.ts';

export type SettingSource = 'flag' | 'env' | 'config' | 'default';

export interface EffectiveSetting {
  setting: Setting;
  value: SettingValue;
  source: SettingSource;
  /** `--proxy-url`, `LITELLM_PROXY_URL`, the config file's path, or `built-in`. */
  origin: string;
  /** What config.json holds for it (it may be overridden), or undefined. */
  configValue: SettingValue | undefined;
}

export async function effectiveSetting(ctx: Ctx, setting: Setting): Promise<EffectiveSetting> {
  const configValue = (await ctx.config())[setting.key] as SettingValue | undefined;
  if (setting.name === 'proxy-url') {
    // The proxy URL has a flag and an env var; ctx.proxy() applies them exactly as every command does.
    const proxy = await ctx.proxy();
    const source = proxy.kind ?? 'default';
    const origin = source === 'config' ? ctx.paths.configFile : source === 'default' ? 'built-in' : proxy.source;
    return { setting, value: proxy.base, source, origin, configValue };
  }
  if (configValue !== undefined) return { setting, value: configValue, source: 'config', origin: ctx.paths.configFile, configValue };
  return { setting, value: setting.builtIn, source: 'default', origin: 'built-in', configValue };
}

/** `env LITELLM_PROXY_URL`, `config file`, … — with the file's value when something else wins over it. */
export function describeSource(effective: EffectiveSetting): string {
  const base = effective.source === 'flag' ? `flag ${effective.origin}`
    : effective.source === 'env' ? `env ${effective.origin}`
      : effective.source === 'config' ? 'config file' : 'built-in default';
  const shadowed = effective.configValue !== undefined && effective.source !== 'config';
  return shadowed ? `${base} (overrides the config file's ${showValue(effective.configValue!)})` : base;
}

/** The JSON form shared by `config get` and `config list`. */
export function settingJson(effective: EffectiveSetting) {
  return {
    name: effective.setting.name,
    value: effective.value,
    source: effective.source,
    origin: effective.origin,
    config_value: effective.configValue ?? null,
    default: effective.setting.builtIn,
  };
}
