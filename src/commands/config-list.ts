// `ollm config list`: every one of ollm's defaults, its value, and what decided it.
import { access } from 'node:fs/promises';
import { describeSource, effectiveSetting, settingJson } from '../config/effective.ts';
import { showValue } from '../config/setting.ts';
import { SETTINGS } from '../composition/settings.ts';
import { defineCommand } from './command.ts';

export default defineCommand({
  command: 'list',
  examples: [
    ['ollm config list', 'each setting, its value, and whether a flag, env var, the config file or the built-in default decided it'],
    ['LITELLM_PROXY_URL=https://litellm.example.com ollm config list', 'the env var wins over the config file, and the list says so'],
    ['ollm config list --json | jq -r \'.settings[] | "\\(.name)=\\(.value)"\'', 'for scripts'],
  ],
  args: {},
  async handler(_args, ctx) {
    const settings = await Promise.all(SETTINGS.map((setting) => effectiveSetting(ctx, setting)));
    const file = ctx.paths.configFile;
    const exists = await access(file).then(() => true, () => false);
    const { bold, dim } = ctx.color;
    const rows = [['Setting', 'Value', 'Source'], ...settings.map((s) => [s.setting.name, showValue(s.value), describeSource(s)])];
    const widths = [0, 1].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
    const lines = rows.map((row, i) => {
      const text = `${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]}`;
      return i === 0 ? bold(text) : settings[i - 1]!.source === 'default' ? dim(text) : text;
    });
    lines.push('', `Config file: ${file}${exists ? '' : dim(' (none yet; `ollm config set <name> <value>` creates it)')}`);
    return {
      human: lines.join('\n'),
      // The list is what this command exists to print: --quiet keeps it.
      essential: true,
      json: { config_file: file, config_file_exists: exists, settings: settings.map(settingJson) },
    };
  },
});
