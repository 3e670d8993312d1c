// What a shell needs to complete ollm — commands, their flags and the values those take — built
// from a list of commands (the registry's) and each command's own definition (all loaded:
// completion runs rarely). all-commands.ts builds it from the registry itself.
import type { Options } from '../parse/options.ts';
import type { CommandDefinition, CommandList } from '../commands/command.ts';
import { SETTINGS, SETTING_NAMES } from '../composition/settings.ts';
import { TARGET_KINDS, TARGET_NAMES } from '../composition/kinds.ts';
import { SHELLS } from './shells.ts';


export interface FlagSpec {
  /** Without dashes: `budget`. */
  name: string;
  /** One-letter aliases: `q`. */
  short: string[];
  describe: string;
  takesValue: boolean;
  /** May be given more than once (`--write a --write b`). */
  repeatable: boolean;
  /** The values worth offering, if known. */
  values?: readonly string[];
  /** The value is a comma-separated list of `values`. */
  commaList: boolean;
  /** The value is a path. */
  files: boolean;
  /** Also offer `--no-<name>`. */
  negatable: boolean;
}

export interface PositionalSpec {
  name: string;
  /** Values to offer, or (for `config set <name> [value]`) values keyed by the first positional. */
  values?: readonly string[];
  valuesByFirst?: Record<string, readonly string[]>;
  commaListFor?: readonly string[];
}

export interface CommandSpec {
  /** `['key', 'create']` */
  path: string[];
  describe: string;
  flags: FlagSpec[];
  positionals: PositionalSpec[];
  /** After `--` comes another command line (`ollm exec -- openclaw`). */
  passThrough: boolean;
}

export interface CompletionModel {
  /** Flags every command accepts (ollm's global ones plus --help and --version). */
  global: FlagSpec[];
  /** First words: groups (`key`) and single-word commands (`doctor`), in registry order. */
  top: Array<{ name: string; describe: string }>;
  groups: Array<{ name: string; describe: string; commands: Array<{ name: string; describe: string }> }>;
  commands: CommandSpec[];
}

// What the definitions do not say: values of free-text flags, and which flags name files.
const FLAG_HINTS: Record<string, Partial<Pick<FlagSpec, 'values' | 'commaList' | 'files'>>> = {
  write: { values: TARGET_NAMES, commaList: true },
  ...Object.fromEntries(TARGET_KINDS.flatMap((k) => k.fileFlags.map((flag) => [flag, { files: true }]))),
};

// Positional arguments are declared in a definition's `positionals`; the values worth offering live here.
export const POSITIONAL_VALUES: Record<string, Record<string, Omit<PositionalSpec, 'name'>>> = {
  'config get': { name: { values: SETTING_NAMES } },
  'config set': {
    name: { values: SETTING_NAMES },
    value: {
      valuesByFirst: Object.fromEntries(SETTINGS.filter((s) => s.choices).map((s) => [s.name, s.choices!])),
      commaListFor: ['targets'],
    },
  },
  completion: { shell: { values: SHELLS } },
};

const HELP_AND_VERSION: Record<string, Options> = {
  help: { type: 'boolean', alias: 'h', describe: 'Show help' },
  version: { type: 'boolean', describe: 'Show version number' },
};

/** The flags of one set of options; hidden ones are not offered. */
export function flagsOf(options: Record<string, Options>): FlagSpec[] {
  return Object.entries(options).filter(([, o]) => !o.hidden).map(([name, o]) => {
    const hint = FLAG_HINTS[name] ?? {};
    const choices = Array.isArray(o.choices) ? o.choices.map(String) : undefined;
    const aliases = o.alias === undefined ? [] : Array.isArray(o.alias) ? o.alias : [o.alias];
    return {
      name,
      short: aliases.filter((a) => a.length === 1),
      describe: o.describe ?? '',
      takesValue: o.type !== 'boolean',
      repeatable: Boolean(o.array),
      values: choices ?? hint.values,
      commaList: hint.commaList ?? false,
      files: hint.files ?? false,
      // The parser takes --no-x for every boolean; offered only where it means something.
      negatable: o.type === 'boolean' && (o.default === true || String(o.describe ?? '').includes(`--no-${name}`)),
    };
  });
}

/** Build the model of these commands: loads every command's definition (fine here; normal runs load only one). */
export async function completionModelOf({ commands: COMMANDS, groups: GROUPS }: CommandList, globalOptions: Record<string, Options>): Promise<CompletionModel> {
  const loaded: Array<CommandDefinition<any>> = await Promise.all(COMMANDS.map(async (entry) => (await entry.load()).default));
  const commands = COMMANDS.map((entry, i): CommandSpec => {
    const definition = loaded[i]!;
    const key = entry.path.join(' ');
    return {
      path: entry.path,
      describe: entry.describe,
      flags: flagsOf(definition.args),
      positionals: (definition.positionals ?? []).map(({ name }) => ({ name, ...POSITIONAL_VALUES[key]?.[name] })),
      passThrough: definition.passThrough === true,
    };
  });
  const top: CompletionModel['top'] = [];
  for (const entry of COMMANDS) {
    const [first] = entry.path;
    if (top.some((t) => t.name === first)) continue;
    top.push({ name: first!, describe: entry.path.length > 1 ? GROUPS[first!] ?? '' : entry.describe });
  }
  const groups = Object.entries(GROUPS).map(([name, describe]) => ({
    name, describe, commands: COMMANDS.filter((e) => e.path.length === 2 && e.path[0] === name).map((e) => ({ name: e.path[1]!, describe: e.describe })),
  }));
  return { global: flagsOf({ ...globalOptions, ...HELP_AND_VERSION }), top, groups, commands };
}

/** The words that may follow each command path: `''` → the first words, `'key'` → its commands. */
export function wordsByPath(model: CompletionModel): Array<[string, string[]]> {
  return [['', model.top.map((t) => t.name)], ...model.groups.map((g): [string, string[]] => [g.name, g.commands.map((c) => c.name)])];
}

/** The flags accepted at each command path (a group takes only the global ones). */
export function flagsByPath(model: CompletionModel): Array<[string, FlagSpec[]]> {
  return [
    ['', model.global],
    ...model.groups.map((g): [string, FlagSpec[]] => [g.name, model.global]),
    ...model.commands.map((c): [string, FlagSpec[]] => [c.path.join(' '), [...c.flags, ...model.global]]),
  ];
}

/**
 * Names and values go into shell scripts unquoted-safe only if they are plain words; every
 * generator passes them through here, so a strange name fails loudly instead of breaking a shell.
 */
export function safeWord(word: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(word)) return word;
  throw new Error(`Not a plain word for a completion script: ${JSON.stringify(word)}`);
}
