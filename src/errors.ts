// The error types a command may throw, and the exit codes they map to.
import { maskKeyLike } from './output/mask.ts';

export const ExitCode = {
  ok: 0,
  /** Something the user can fix: bad state, a refusal from the proxy, an unreachable service. */
  failure: 1,
  /** Bad flags or an unknown command (what the parser reports). */
  usage: 2,
  /** `key info --fail-above`: the budget threshold was crossed. */
  overBudget: 3,
  interrupted: 130,
} as const;

/**
 * An error the user can act on: printed as one sentence plus a hint, without a stack.
 * `code` is a stable identifier for scripts (`--json` errors carry it).
 */
export class UserError extends Error {
  readonly hint: string | undefined;
  readonly code: string;
  readonly exitCode: number;

  constructor(message: string, options: { hint?: string; code: string; exitCode?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'UserError';
    this.hint = options.hint;
    this.code = options.code;
    this.exitCode = options.exitCode ?? ExitCode.failure;
  }
}

/**
 * Bad flag values found by our own validation (the parser only checks types and choices): exit 2 like a parse error.
 * Usage errors quote what was typed, and a key typed in the wrong place must not reach the
 * terminal or a CI log, so key-like words are masked here, once for every usage error.
 */
export class UsageError extends UserError {
  constructor(message: string, hint?: string) {
    super(maskKeyLike(message), { hint: hint === undefined ? undefined : maskKeyLike(hint), code: 'usage', exitCode: ExitCode.usage });
    this.name = 'UsageError';
  }
}
