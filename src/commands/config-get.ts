// `ollm config get <name>`: the value one of ollm's defaults has right now, as scripts want it.
import { effectiveSetting, settingJson } from '../config/effective.ts';
import { showValue } from '../config/setting.ts';
import { findSetting, SETTING_NAMES } from '../composition/settings.ts';
import { defineCommand } from './command.ts';

export default defineCommand({
  command: 'get',
  examples: [
    ['ollm config get proxy-url', 'the proxy ollm talks to: --proxy-url, LITELLM_PROXY_URL, the config file or http://localhost:4000'],
    ['ollm config get alias', 'the key commands use when --alias is not given'],
    ['ollm config get targets --json | jq -r .source', 'where the value comes from: flag, env, config or default'],
  ],
  positionals: [{ name: 'name', required: true, describe: `One of ${SETTING_NAMES.join(', ')}` }],
  args: {},
  async handler(args, ctx) {
    const effective = await effectiveSetting(ctx, findSetting(args.name));
    // The value itself is what this command exists to print: --quiet keeps it.
    return { human: showValue(effective.value), essential: true, json: settingJson(effective) };
  },
});
