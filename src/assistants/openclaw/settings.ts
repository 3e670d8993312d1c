// OpenClaw's own setting of `ollm config`: the style `key create` / `key write` use by default.
import type { Setting } from '../../config/setting.ts';
import { DEFAULT_STYLE, OPENCLAW_STYLES, parseStyle } from './styles.ts';

export const styleSetting: Setting = {
  name: 'style', key: 'style', describe: 'How `key create` / `key write` hand the key to OpenClaw',
  flag: '--openclaw-style', builtIn: DEFAULT_STYLE, example: 'keychain', choices: OPENCLAW_STYLES,
  parse: (text) => parseStyle(text, 'style'),
};
