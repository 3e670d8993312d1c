// How a command declares what it takes, as plain data: flags (`Options`) and positional words
// (`Positional`). The parser (parse-line.ts), help and completion all read these and nothing else.

/** One flag. Only what the parser implements can be declared, so a definition cannot ask for more. */
export interface Options {
  type: 'string' | 'number' | 'boolean';
  /** Other spellings: one letter is a short flag (`-a`), longer ones are long flags. */
  alias?: string | readonly string[];
  default?: string | number | boolean | readonly string[];
  describe?: string;
  /** The value must be one of these (checked per value for a list). */
  choices?: readonly string[];
  /** A list: the flag may be repeated, and takes the words after it (`--models a b`), as yargs does. */
  array?: boolean;
  /** Accepted but left out of help and completion. */
  hidden?: boolean;
}

/** A word the command takes in order, not as a flag (`ollm config set <name> [value]`). */
export interface Positional {
  name: string;
  required: boolean;
  describe: string;
}

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
type Camelized<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };

type BaseValue<O> = O extends { choices: readonly (infer C)[] } ? C
  : O extends { type: 'string' } ? string : O extends { type: 'number' } ? number : O extends { type: 'boolean' } ? boolean : never;
type FlagValue<O> = O extends { array: true } ? Array<BaseValue<O>> : BaseValue<O>;
type FlagArg<O> = O extends { default: unknown } ? FlagValue<O> : FlagValue<O> | undefined;

/** The handler's view of a set of flags (kebab-case names also under their camelCase name). */
export type FlagArgs<A extends Record<string, Options>> = Camelized<{ [K in keyof A]: FlagArg<A[K]> }>;

/** The handler's view of positionals: a required one is a string, an optional one may be missing. */
export type PositionalArgs<P extends readonly Positional[]> = {
  [Item in P[number] as Item['name']]: Item['required'] extends true ? string : string | undefined;
};

/** `positionals` as usage lines and messages show them: `<name> [value]`. */
export function positionalUsage(positionals: readonly Positional[]): string {
  return positionals.map((p) => (p.required ? `<${p.name}>` : `[${p.name}]`)).join(' ');
}

export function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** `-a`, or `--alias` for a longer alias. */
export function flagSpelling(alias: string): string {
  return alias.length === 1 ? `-${alias}` : `--${alias}`;
}

export function aliasesOf(option: Options): string[] {
  return option.alias === undefined ? [] : typeof option.alias === 'string' ? [option.alias] : [...option.alias];
}
