// ollm's own sentences for command-line mistakes, found before yargs parses the line: a mistyped
// command or flag (with the closest one), a repeated single-value flag, a value outside the
// choices, a missing value, a stray argument. yargs' strict mode stays behind them as a backstop,
// but its texts ("Unknown argument: montly", "Invalid values: Argument: by…") no longer reach people.
import type { Options } from 'yargs';
import { COMMANDS, GROUPS, type CommandEntry } from './commands/registry.ts';
import type { CommandDefinition } from './commands/command.ts';
import { UsageError } from './errors.ts';
import { globalOptions } from './help/global-options.ts';
import { placeholder } from './help/placeholders.ts';
import { closest } from './help/suggest.ts';

/** The words people type for a command's help. */
export function helpOf(path: readonly string[]): string {
  return path.length === 0 ? '`ollm --help`' : `\`ollm ${path.join(' ')} --help\``;
}

/** An unknown command at the start of the line, said with the closest known one; null if the line starts otherwise. */
export function unknownCommandError(argv: readonly string[]): UsageError | null {
  const [first, second] = argv;
  if (first === undefined || first.startsWith('-')) return null;
  if (first === 'version') return new UsageError('Unknown command "version".', 'The version is a flag: `ollm --version`.');
  if (first in GROUPS) {
    if (second === undefined || second.startsWith('-')) return null;
    const subcommands = COMMANDS.filter((e) => e.path[0] === first && e.path.length === 2).map((e) => e.path[1]!);
    const guess = closest(second, subcommands);
    return new UsageError(`Unknown command "ollm ${first} ${second}".`,
      `${guess ? `Did you mean \`ollm ${first} ${guess}\`? ` : ''}Run ${helpOf([first])} for its commands: ${subcommands.join(', ')}.`);
  }
  const topLevel = [...new Set([...Object.keys(GROUPS), ...COMMANDS.filter((e) => !e.hidden).map((e) => e.path[0]!), 'help'])];
  const guess = closest(first, topLevel);
  return new UsageError(`Unknown command "${first}".`, `${guess ? `Did you mean \`ollm ${guess}\`? ` : ''}Run \`ollm --help\` for the list of commands.`);
}

const HELP_AND_VERSION: Record<string, Options> = { help: { type: 'boolean', alias: 'h' }, version: { type: 'boolean' } };

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** `<name>` and `[value]` of a definition's `set <name> [value]`. */
function positionalsOf(definition: CommandDefinition<any>): { required: string[]; optional: string[] } {
  const words = definition.command.split(' ').slice(1);
  return { required: words.filter((w) => w.startsWith('<')), optional: words.filter((w) => w.startsWith('[')) };
}

/**
 * Checks the words of a line for `entry` (the words after `--` excluded) and returns the text
 * typed for each flag, by option name, so a number yargs could not read can be quoted as typed.
 */
export function checkCommandLine(argv: readonly string[], entry: CommandEntry, definition: CommandDefinition<any>): Map<string, string[]> {
  const options: Record<string, Options> = { ...globalOptions, ...definition.args, ...HELP_AND_VERSION };
  const names = new Map<string, string>();
  for (const [name, option] of Object.entries(options)) {
    names.set(`--${name}`, name);
    names.set(`--${camelCase(name)}`, name);
    for (const alias of [option.alias ?? []].flat()) names.set(alias.length === 1 ? `-${alias}` : `--${alias}`, name);
  }
  const help = helpOf(entry.path);
  const command = `\`ollm ${entry.path.join(' ')}\``;
  const at = argv.findIndex((_, i) => entry.path.every((word, j) => argv[i + j] === word));
  const words = [...argv.slice(0, Math.max(0, at)), ...argv.slice(at + entry.path.length)];
  const typed = new Map<string, string[]>();
  const positionals: string[] = [];
  const takesValue = (option: Options) => option.type !== 'boolean';
  const isValue = (word: string | undefined) => word !== undefined && (!word.startsWith('-') || /^-\d/.test(word));

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('-') || word === '-' || /^-\d/.test(word)) {
      positionals.push(word);
      continue;
    }
    let flag = word;
    let inline: string | undefined;
    if (word.startsWith('--') && word.includes('=')) {
      flag = word.slice(0, word.indexOf('='));
      inline = word.slice(word.indexOf('=') + 1);
    }
    let name = names.get(flag);
    if (name === undefined && flag.startsWith('--no-')) name = names.get(`--${flag.slice(5)}`);
    if (name === undefined && !flag.startsWith('--') && flag.length > 2) {
      // -qj: several one-letter flags together, as yargs reads them; each must be a boolean.
      for (const letter of flag.slice(1)) {
        const one = names.get(`-${letter}`);
        if (one === undefined) throw unknownFlag(`-${letter}`, options, command, help);
        if (takesValue(options[one]!)) throw new UsageError(`-${letter} needs a value, so it cannot be combined in ${flag}.`, `Write it on its own: -${letter} <value>. See ${help}.`);
        record(one, 'true');
      }
      continue;
    }
    if (name === undefined) throw unknownFlag(flag, options, command, help);
    const option = options[name]!;
    if (!takesValue(option) || flag.startsWith('--no-')) {
      if (inline === undefined && (words[i + 1] === 'true' || words[i + 1] === 'false')) i++;
      record(name, 'true');
      continue;
    }
    const values: string[] = [];
    if (inline !== undefined) values.push(inline);
    else if (isValue(words[i + 1])) values.push(words[++i]!);
    else throw new UsageError(`${flag} needs a value.`, `For example ${flagWithPlaceholder(name, option)}. See ${help}.`);
    // A list flag takes the words after it too, as yargs does (`--models a b`).
    if (option.array && inline === undefined) while (isValue(words[i + 1])) values.push(words[++i]!);
    for (const value of values) {
      if (Array.isArray(option.choices) && !option.choices.map(String).includes(value)) {
        throw new UsageError(`--${name} ${JSON.stringify(value)} is not one of ${option.choices.join(', ')}.`,
          `For example --${name} ${String(option.choices[0])}. See ${help}.`);
      }
      record(name, value);
    }
  }

  const expected = positionalsOf(definition);
  if (entry.path[0] === 'exec' && positionals.length > 0) {
    throw new UsageError(`ollm exec runs the command given after --, and "${positionals.join(' ')}" came before it.`,
      `Put the command after --: ollm exec -- ${positionals.join(' ')}`);
  }
  if (positionals.length > expected.required.length + expected.optional.length) {
    const extra = positionals.slice(expected.required.length + expected.optional.length);
    throw new UsageError(`${command} does not take ${JSON.stringify(extra[0])}${expected.required.length + expected.optional.length > 0 ? ` after ${[...expected.required, ...expected.optional].join(' ')}` : ''}.`,
      `Flags start with --; see ${help}.`);
  }
  if (positionals.length < expected.required.length && !typed.has('help')) {
    const missing = expected.required.slice(positionals.length);
    throw new UsageError(`${command} needs ${missing.join(' ')}.`, `See ${help} for what it takes, with examples.`);
  }
  return typed;

  function record(name: string, value: string): void {
    const option = options[name]!;
    const before = typed.get(name) ?? [];
    // A repeated switch (`--json --json`) means the same; a repeated value is a conflict.
    if (before.length > 0 && !option.array && takesValue(option)) {
      const values = [...before, value].map((v) => JSON.stringify(v)).join(', ');
      throw new UsageError(`--${name} was given ${before.length === 1 ? 'twice' : `${before.length + 1} times`} (${values}); it takes one value.`,
        `Give --${name} once. See ${help}.`);
    }
    typed.set(name, [...before, value]);
  }
}

function flagWithPlaceholder(name: string, option: Options): string {
  return Array.isArray(option.choices) ? `--${name} ${String(option.choices[0])}` : `--${name} ${placeholder(name, option)}`;
}

function unknownFlag(flag: string, options: Record<string, Options>, command: string, help: string): UsageError {
  const long = Object.entries(options).filter(([, o]) => !o.hidden).map(([name]) => `--${name}`);
  const guess = flag.startsWith('--') ? closest(flag, long) : undefined;
  return new UsageError(`Unknown flag ${flag} for ${command}.`, `${guess ? `Did you mean ${guess}? ` : ''}Run ${help} for its flags.`);
}

/**
 * yargs reads `--days abc` as NaN; the command's own check then said "--days NaN". It gets the
 * typed text instead, in quotes as ollm quotes a bad value elsewhere (`--tpm "abc"`): a string
 * fails every number check, so it only ever reaches the message (`--days "abc" is not …`).
 */
export function restoreTypedNumbers(args: Record<string, unknown>, typed: Map<string, string[]>, definition: CommandDefinition<any>): void {
  const options: Record<string, Options> = { ...globalOptions, ...definition.args };
  for (const [name, option] of Object.entries(options)) {
    const text = typed.get(name)?.[0];
    if (option.type !== 'number' || text === undefined || !Number.isNaN(args[name])) continue;
    for (const key of [name, camelCase(name), ...[option.alias ?? []].flat()]) args[key] = JSON.stringify(text);
  }
}
