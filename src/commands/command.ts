// The shape every command file exports: metadata, flags as plain data, and a handler that
// returns a result (it never prints half-way and then throws).
import type { Ctx, GlobalArgs } from '../context.ts';
import { camelCase, type FlagArgs, type Options, type Positional, type PositionalArgs } from '../parse/options.ts';
import { slot } from '../wiring.ts';

export interface CommandResult {
  /** The document printed with --json. */
  json: unknown;
  /** What people see without --json. */
  human: string;
  exitCode?: number;
  /** The human text is the data the command exists to print (`key get`, `env`): --quiet keeps it. */
  essential?: boolean;
  /**
   * The human text is data a script reads byte for byte (`key get --reveal`, `env`): printed as
   * is, never through the terminal sanitiser. The command has checked each value with
   * `printsExactly` (output/terminal-text.ts) and refused what fails it.
   */
  exact?: boolean;
  /** Print nothing (the command wrote its own output, like `exec`). */
  silent?: boolean;
}

/** A command's own flags by their camelCase names, without the global ones: what its service takes. */
export type FlagValues<A extends Record<string, Options>> = FlagArgs<A>;

/**
 * What a handler receives: its flags (also under their camelCase names), its positionals, the
 * global flags, and under `--` the words after a `--` (the command `ollm exec` runs).
 */
export type HandlerArgs<A extends Record<string, Options>, P extends readonly Positional[] = readonly []> =
  FlagArgs<A> & PositionalArgs<P> & GlobalArgs & { '--'?: string[] };

export interface CommandDefinition<A extends Record<string, Options> = Record<string, Options>, P extends readonly Positional[] = readonly Positional[]> {
  /** The command's own word, the last of its registry path (a test holds them equal). */
  command: string;
  examples: Array<[string, string]>;
  /** Its flags (the global ones are added by the parser). */
  args: A;
  /** Its positional words, in order: read by the parser, help and completion. Optional ones come last. */
  positionals?: P;
  /** What follows `--` is another command line, the command's to run (`ollm exec -- openclaw`). */
  passThrough?: boolean;
  /** Checks across flags that a declaration cannot express; throw UsageError. */
  validate?: (args: HandlerArgs<A, P>) => void;
  handler: (args: HandlerArgs<A, P>, ctx: Ctx) => Promise<CommandResult>;
}

/** Identity function that gives `handler` the argument types inferred from `args` and `positionals`. */
export function defineCommand<A extends Record<string, Options>, const P extends readonly Positional[] = readonly []>(definition: CommandDefinition<A, P>): CommandDefinition<A, P> {
  return definition;
}

/**
 * A command's flag values as a command line giving only `given` would produce them: the flags'
 * defaults (read from `args`, so they are stated once) under `given`. For code that calls a
 * command's service directly (setup) instead of parsing a line.
 */
export function flagValues<A extends Record<string, Options>>(args: A, given: Partial<FlagValues<A>>): FlagValues<A> {
  const defaults: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(args)) {
    if (option.default !== undefined) defaults[camelCase(name)] = option.default;
  }
  return { ...defaults, ...given } as FlagValues<A>;
}

/** How a command is loaded: only the command being run is imported. */
export type Loader = () => Promise<{ default: CommandDefinition<any> }>;

/** A command in the registry: where it sits, what it does in one line, how to load it. */
export interface CommandEntry {
  /** e.g. ['key', 'create'] */
  path: string[];
  /** Its heading of `ollm --help` (registry.ts SECTIONS). */
  section: 'keys' | 'assistants' | 'diagnostics' | 'setup';
  describe: string;
  load: Loader;
  /** Run by OpenClaw, not by people: left out of `ollm --help` (its own help still works). */
  hidden?: boolean;
}

/** Every command and the groups' descriptions (registry.ts). */
export interface CommandList {
  commands: readonly CommandEntry[];
  groups: Readonly<Record<string, string>>;
}

/**
 * The registry, handed down through Ctx: the one command that lists every command (`completion`)
 * is itself in the registry, so it reads the list here instead of importing it.
 */
export const COMMAND_LIST = slot<CommandList>('commands');
