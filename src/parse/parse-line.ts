// The one command-line parser: reads a line for one command into its handler's arguments, or
// throws a UsageError that says in ollm's words what is wrong (a mistyped flag with the closest
// one, a repeated single-value flag, a value outside the choices, a missing value, a stray word).
// It reads only what the definition declares (flags, positionals, pass-through); docs/parsing.md
// says why there is no second parser and which spellings are accepted.
import type { CommandDefinition } from '../commands/command.ts';
import type { CommandEntry } from '../commands/registry.ts';
import { UsageError } from '../errors.ts';
import { globalOptions } from '../help/global-options.ts';
import { placeholder } from '../help/placeholders.ts';
import { closest } from '../help/suggest.ts';
import { aliasesOf, camelCase, flagSpelling, positionalUsage, type Options, type Positional } from './options.ts';
import { helpOf } from './unknown-command.ts';

/** Answered before a command runs (main.ts, cli.ts), so any command accepts them. */
const HELP_AND_VERSION: Record<string, Options> = { help: { type: 'boolean', alias: 'h' }, version: { type: 'boolean' } };

export type ParsedArgs = Record<string, unknown>;

/** A flag's value: a word that is not a flag, or a negative number (`--fail-above -5`). */
function isValue(word: string | undefined): boolean {
  return word !== undefined && (!word.startsWith('-') || /^-\d/.test(word));
}

/**
 * A number as typed; text that is not one is kept, quoted (`"abc"`), so the command's own check
 * fails on it and names what was typed (`--days "abc" is not …`) rather than NaN.
 */
function readNumber(text: string): number | string {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(value) ? value : JSON.stringify(text);
}

/** Every flag a command line for `definition` may carry: the global ones, its own, help and version. */
function optionsOf(definition: CommandDefinition<any, any>): Record<string, Options> {
  return { ...globalOptions, ...definition.args, ...HELP_AND_VERSION };
}

/** Each spelling of each flag (`--proxy-url`, `--proxyUrl`, `-a`) → its name. */
function flagNames(options: Record<string, Options>): Map<string, string> {
  const names = new Map<string, string>();
  for (const [name, option] of Object.entries(options)) {
    names.set(`--${name}`, name);
    names.set(`--${camelCase(name)}`, name);
    for (const alias of aliasesOf(option)) names.set(flagSpelling(alias), name);
  }
  return names;
}

/**
 * Where the command's `path` starts in `words` (-1: nowhere): the first place where its words stand
 * that is not the value of the flag before it. `ollm --alias env spend` is `spend` with alias
 * "env": the `env` after `--alias` is its value, not the command `env`. (A list flag before the
 * command takes one value there; the words after it are the command's.)
 */
export function commandAt(words: readonly string[], path: readonly string[], definition: CommandDefinition<any, any>): number {
  const options = optionsOf(definition);
  const names = flagNames(options);
  const takesValue = (word: string | undefined) => {
    const name = word === undefined || word.includes('=') ? undefined : names.get(word);
    return name !== undefined && options[name]!.type !== 'boolean';
  };
  return words.findIndex((_, i) => path.every((word, j) => words[i + j] === word) && !takesValue(words[i - 1]));
}

/** The arguments `definition`'s handler gets for `argv` (the whole line; `entry.path` is found in it). */
export function parseCommandLine(argv: readonly string[], entry: CommandEntry, definition: CommandDefinition<any, any>): ParsedArgs {
  const dashdash = argv.indexOf('--');
  const own = dashdash < 0 ? argv : argv.slice(0, dashdash);
  const options = optionsOf(definition);
  const names = flagNames(options);
  const help = helpOf(entry.path);
  const command = `\`ollm ${entry.path.join(' ')}\``;
  const at = commandAt(own, entry.path, definition);
  const words = [...own.slice(0, Math.max(0, at)), ...own.slice(at + entry.path.length)];
  const given = new Map<string, unknown[]>();
  const typed = new Map<string, string[]>();
  const positionals: string[] = [];

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (isValue(word) || word === '-') {
      positionals.push(word);
      continue;
    }
    const equals = word.startsWith('--') ? word.indexOf('=') : -1;
    const flag = equals > 0 ? word.slice(0, equals) : word;
    const inline = equals > 0 ? word.slice(equals + 1) : undefined;
    let name = names.get(flag);
    let negated = false;
    if (name === undefined && flag.startsWith('--no-') && names.has(`--${flag.slice(5)}`)) {
      name = names.get(`--${flag.slice(5)}`)!;
      negated = true;
      if (options[name]!.type !== 'boolean') {
        throw new UsageError(`${flag} is not a flag: --${name} takes a value.`, `Leave it out, or give ${flagWithPlaceholder(name, options[name]!)}. See ${help}.`);
      }
    }
    if (name === undefined && !flag.startsWith('--') && flag.length > 2) {
      // -qj: several one-letter flags together; each must be a switch.
      for (const letter of flag.slice(1)) {
        const one = names.get(`-${letter}`);
        if (one === undefined) throw unknownFlag(`-${letter}`, options, command, help);
        if (options[one]!.type !== 'boolean') throw new UsageError(`-${letter} needs a value, so it cannot be combined in ${flag}.`, `Write it on its own: -${letter} <value>. See ${help}.`);
        given.set(one, [true]);
      }
      continue;
    }
    if (name === undefined) throw unknownFlag(flag, options, command, help);
    const option = options[name]!;

    if (option.type === 'boolean') {
      let value = !negated;
      const spelled = inline ?? (!negated && (words[i + 1] === 'true' || words[i + 1] === 'false') ? words[++i] : undefined);
      if (spelled !== undefined) {
        if (negated || (spelled !== 'true' && spelled !== 'false')) {
          throw new UsageError(`${word} is not a switch: --${name} is on or off.`, `Write --${name}${option.default === true ? ` or --no-${name}` : ''}. See ${help}.`);
        }
        value = spelled === 'true';
      }
      // A switch given twice means the same; the last one wins (`--color --no-color`).
      given.set(name, [value]);
      continue;
    }
    const values: string[] = [];
    if (inline !== undefined) values.push(inline);
    else if (isValue(words[i + 1])) values.push(words[++i]!);
    else throw new UsageError(`${flag} needs a value.`, `For example ${flagWithPlaceholder(name, option)}. See ${help}.`);
    // A list flag takes the words after it too (`--models a b`), as yargs does.
    if (option.array && inline === undefined) while (isValue(words[i + 1])) values.push(words[++i]!);
    for (const value of values) {
      if (option.choices && !option.choices.includes(value)) {
        throw new UsageError(`--${name} ${JSON.stringify(value)} is not one of ${option.choices.join(', ')}.`,
          `For example --${name} ${option.choices[0]}. See ${help}.`);
      }
      const before = typed.get(name) ?? [];
      // A repeated list flag adds up; a repeated single-value flag is a conflict.
      if (before.length > 0 && !option.array) {
        const all = [...before, value].map((v) => JSON.stringify(v)).join(', ');
        throw new UsageError(`--${name} was given ${before.length === 1 ? 'twice' : `${before.length + 1} times`} (${all}); it takes one value.`,
          `Give --${name} once. See ${help}.`);
      }
      typed.set(name, [...before, value]);
      given.set(name, [...(given.get(name) ?? []), option.type === 'number' ? readNumber(value) : value]);
    }
  }

  const declared: readonly Positional[] = definition.positionals ?? [];
  checkPositionals(positionals, declared, entry, definition, given.has('help'), command, help);

  const args: ParsedArgs = { _: [...entry.path, ...positionals], $0: 'ollm' };
  if (dashdash >= 0) args['--'] = argv.slice(dashdash + 1);
  for (const [name, option] of Object.entries(options)) {
    const values = given.get(name);
    const value = values === undefined ? option.default : option.array ? values : values[0];
    if (value === undefined) continue;
    // Under every name a handler may read it by, as yargs provided them.
    for (const key of new Set([name, camelCase(name), ...aliasesOf(option)])) args[key] = value;
  }
  declared.forEach((positional, i) => {
    if (positionals[i] !== undefined) args[positional.name] = args[camelCase(positional.name)] = positionals[i];
  });
  return args;
}

function checkPositionals(positionals: string[], declared: readonly Positional[], entry: CommandEntry, definition: CommandDefinition<any, any>, helpAsked: boolean, command: string, help: string): void {
  if (definition.passThrough && positionals.length > 0) {
    throw new UsageError(`ollm ${entry.path.join(' ')} runs the command given after --, and "${positionals.join(' ')}" came before it.`,
      `Put the command after --: ollm ${entry.path.join(' ')} -- ${positionals.join(' ')}`);
  }
  const usage = positionalUsage(declared);
  if (positionals.length > declared.length) {
    throw new UsageError(`${command} does not take ${JSON.stringify(positionals[declared.length])}${usage ? ` after ${usage}` : ''}.`,
      `Flags start with --; see ${help}.`);
  }
  const missing = declared.slice(positionals.length).filter((p) => p.required);
  if (missing.length > 0 && !helpAsked) {
    throw new UsageError(`${command} needs ${positionalUsage(missing)}.`, `See ${help} for what it takes, with examples.`);
  }
}

function flagWithPlaceholder(name: string, option: Options): string {
  return option.choices ? `--${name} ${option.choices[0]}` : `--${name} ${placeholder(name, option)}`;
}

function unknownFlag(flag: string, options: Record<string, Options>, command: string, help: string): UsageError {
  const long = Object.entries(options).filter(([, o]) => !o.hidden).map(([name]) => `--${name}`);
  const guess = flag.startsWith('--') ? closest(flag, long) : undefined;
  return new UsageError(`Unknown flag ${flag} for ${command}.`, `${guess ? `Did you mean ${guess}? ` : ''}Run ${help} for its flags.`);
}
