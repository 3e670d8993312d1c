// Codex's own setting of `ollm config`: the style `key create --for codex` / `key write` use by default.
import type { Setting } from '../../config/setting.ts';
import { CODEX_STYLES, DEFAULT_CODEX_STYLE, parseCodexStyle } from './styles.ts';

export const codexStyleSetting: Setting = {
  name: 'codex-style', key: 'codexStyle', describe: 'How `key create --for codex` / `key write` hand the key to Codex',
  flag: '--codex-style', builtIn: DEFAULT_CODEX_STYLE, example: 'file', choices: CODEX_STYLES,
  parse: (text) => parseCodexStyle(text, 'codex-style'),
};
