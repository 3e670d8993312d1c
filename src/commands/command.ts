// The shape every command file exports: metadata, flags as plain data, and a handler that
// returns a result (it never prints half-way and then throws).
import type { InferredOptionTypes, Options } from 'yargs';
import type { Ctx, GlobalArgs } from '../context.ts';

export interface CommandResult {
  /** The document printed with --json. */
  json: unknown;
  /** What people see without --json. */
  human: string;
  exitCode?: number;
  /** The human text is the data the command exists to print (`key get`, `env`): --quiet keeps it. */
  essential?: boolean;
  /** Print nothing (the command wrote its own output, like `exec`). */
  silent?: boolean;
}

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
type Camelized<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };

/** What a handler receives: its flags (also under their camelCase names, as yargs provides them) and the global ones. */
export type HandlerArgs<A extends Record<string, Options>> = Camelized<InferredOptionTypes<A>> & GlobalArgs;

export interface CommandDefinition<A extends Record<string, Options> = Record<string, Options>> {
  command: string;
  examples: Array<[string, string]>;
  args: A;
  /** Checks across flags that yargs cannot express; throw UsageError. */
  validate?: (args: HandlerArgs<A>) => void;
  handler: (args: HandlerArgs<A>, ctx: Ctx) => Promise<CommandResult>;
}

/** Identity function that gives `handler` the argument types inferred from `args`. */
export function defineCommand<A extends Record<string, Options>>(definition: CommandDefinition<A>): CommandDefinition<A> {
  return definition;
}
