// ollm's own settings of `ollm config` (the proxy URL, the alias, the targets): each one's
// user-facing name and key in config.json, what overrides it, its built-in value, and the flag
// validator that checks it (never a copy). Each assistant brings its own (OpenClaw's style); the
// composition lists them all (src/composition/settings.ts).
import { validateAlias, DEFAULT_ALIAS } from '../keys/alias.ts';
import type { KindTable } from '../targets/kind-table.ts';
import { UsageError } from '../errors.ts';
import { DEFAULT_PROXY_URL, parseProxyUrl } from './proxy-url.ts';
import type { Setting } from './setting.ts';

export const proxyUrlSetting: Setting = {
  name: 'proxy-url', key: 'proxyUrl', describe: 'The LiteLLM proxy every command talks to',
  flag: '--proxy-url', envVar: 'LITELLM_PROXY_URL', builtIn: DEFAULT_PROXY_URL, example: 'https://litellm.example.com',
  parse: (text, from) => parseProxyUrl(text, from).base,
};

export const aliasSetting: Setting = {
  name: 'alias', key: 'alias', describe: 'The key a command works on when it gets no --alias',
  flag: '--alias', builtIn: DEFAULT_ALIAS, example: 'openclaw-laptop',
  parse: (text) => validateAlias(text),
};

/** `targets`: what --write accepts (the kind table), never empty; built in: the default assistant's targets. */
export function targetsSetting(kinds: KindTable, builtIn: readonly string[]): Setting {
  return {
    name: 'targets', key: 'targets', describe: 'Where `key create` / `key write` put the key',
    flag: '--write', builtIn: [...builtIn], list: true, example: 'openclaw,profile', choices: kinds.names,
    parse: (text) => parseTargetsSetting(kinds, [text]),
  };
}

/** The targets setting: what --write accepts, but never an empty list (that would mean "unset"). */
export function parseTargetsSetting(kinds: KindTable, values: readonly string[]): string[] {
  const names = kinds.parseList(values, 'targets');
  if (!names.length) throw new UsageError('targets names no target.', `Choose from ${kinds.names.join(', ')} (comma-separated), e.g. openclaw,profile.`);
  return names;
}
