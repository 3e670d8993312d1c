// `ollm config set <name> <value>` / `--unset`: change one of ollm's defaults in its config file,
// checked by the same rule as the flag it stands in for; the file's other keys are kept.
import { readConfigDocument, writeConfigDocument } from '../config/ollm-config.ts';
import { showValue, type SettingValue } from '../config/setting.ts';
import { findSetting, SETTING_NAMES } from '../composition/settings.ts';
import { UsageError } from '../errors.ts';
import { withFileLock } from '../io/file-lock.ts';
import type { Options } from '../parse/options.ts';
import type { Ctx } from '../context.ts';
import { defineCommand, type CommandResult, type FlagValues } from './command.ts';

export const configSetArgs = {
  unset: { type: 'boolean', default: false, describe: 'Remove the setting from the config file (back to the built-in default)' },
} as const satisfies Record<string, Options>;

/** The flags and the two positional words (`set <name> [value]`). */
export type ConfigSetOptions = FlagValues<typeof configSetArgs> & { name: string; value: string | undefined };

export default defineCommand({
  command: 'set',
  examples: [
    ['ollm config set proxy-url https://litellm.example.com', 'talk to this proxy unless --proxy-url or LITELLM_PROXY_URL says otherwise'],
    ['ollm config set alias openclaw-laptop', '`key info`, `key rotate`, … use this key when --alias is not given'],
    ['ollm config set style keychain', '`key create` / `key write` keep the key out of OpenClaw\'s files by default'],
    ['ollm config set targets openclaw,profile', '`key create` writes the key into OpenClaw\'s config and the shell profile'],
    ['ollm config set alias --unset', 'back to the built-in default (openclaw)'],
  ],
  positionals: [
    { name: 'name', required: true, describe: `One of ${SETTING_NAMES.join(', ')}` },
    { name: 'value', required: false, describe: 'The new value' },
  ],
  args: configSetArgs,
  handler: (args, ctx) => setConfig(ctx, args),
});

/** `ollm config set` as a service: change one setting in the config file; the result it prints. */
export async function setConfig(ctx: Ctx, args: ConfigSetOptions): Promise<CommandResult> {
  const setting = findSetting(args.name);
  if (args.unset && args.value !== undefined) {
    throw new UsageError(`Give ${setting.name} a value or --unset, not both.`, `e.g. \`ollm config set ${setting.name} --unset\`.`);
  }
  if (!args.unset && args.value === undefined) {
    throw new UsageError(`\`ollm config set ${setting.name}\` needs a value.`,
      `e.g. \`ollm config set ${setting.name} ${setting.example}\`, or --unset to go back to the default (${showValue(setting.builtIn)}).`);
  }
  // Checked before the file is touched: a bad value writes nothing.
  const value = args.value === undefined ? undefined : setting.parse(args.value, 'the command line');
  const file = ctx.paths.configFile;
  const previous = await withFileLock(file, async () => {
    const document = await readConfigDocument(file);
    const before = document[setting.key] as SettingValue | undefined;
    if (value === undefined) {
      if (before === undefined) return before; // nothing to remove: leave the file as it is
      delete document[setting.key];
    } else {
      document[setting.key] = value;
    }
    await writeConfigDocument(file, document);
    ctx.configChanged();
    return before;
  });

  const changed = value !== undefined || previous !== undefined;
  const lines = [ctx.color.green(value !== undefined ? `✓ ${setting.name} = ${showValue(value)}`
    : `✓ ${changed ? `Removed ${setting.name}` : `${setting.name} was not set`}; the default is ${showValue(setting.builtIn)}`)];
  if (changed) lines.push(`  in ${file}`);
  const override = setting.envVar ? ctx.env[setting.envVar] : undefined;
  if (override) lines.push(ctx.color.yellow(`  ! ${setting.envVar} is set here and wins over the config file`));
  return {
    human: lines.join('\n'),
    json: { name: setting.name, value: value ?? null, previous: previous ?? null, unset: value === undefined, changed, config_file: file },
  };
}
