// Runs one command definition with parsed flags and turns its result or error into output and an
// exit code. cli.ts calls it with the arguments the parser read (parse/parse-line.ts).
import { Ctx, type GlobalArgs, type Io } from './context.ts';
import { ExitCode, UsageError, UserError } from './errors.ts';
import type { CommandDefinition, CommandResult } from './commands/command.ts';
import { inlineText, jsonText, printsExactly, terminalText } from './output/terminal-text.ts';
import { userErrorForSystemError } from './io/system-errors.ts';
import type { Services } from './services.ts';

/** Validate, run, print; errors propagate (the caller reports them with `reportError`). No `services`: the real ones. */
export async function runDefinition(definition: CommandDefinition<any>, args: Record<string, unknown>, io: Io, env: NodeJS.ProcessEnv, services?: Services): Promise<number> {
  const globals = args as unknown as GlobalArgs;
  // Below a tenth of a second no proxy can answer (1e-9 would fail every request as "timed out"); above a day is no deadline.
  if (!(Number.isFinite(globals.timeout) && globals.timeout >= 0.1 && globals.timeout <= 86_400)) {
    throw new UsageError(`--timeout ${String(args.timeout)} is not a number of seconds from 0.1 to 86400.`, 'Give the seconds to wait for the proxy, e.g. --timeout 60 (the default is 30).');
  }
  const ctx = new Ctx(globals, io, env, services);
  definition.validate?.(args as never);
  const result: CommandResult = await definition.handler(args as never, ctx);
  writeResult(io, globals, result);
  return result.exitCode ?? ExitCode.ok;
}

/** A command's result as the command line prints it (setup prints the services it calls this way too). */
export function writeResult(io: Io, globals: GlobalArgs, result: CommandResult): void {
  if (result.silent) return;
  // --json is asked for explicitly, so --quiet does not take it away.
  // The output boundary: strings from the proxy or a config can hold terminal controls (terminal-text.ts).
  if (globals.json) io.stdout.write(`${jsonText(JSON.stringify(result.json, null, 2))}\n`);
  else if (result.human && (!globals.quiet || result.essential)) io.stdout.write(`${result.exact ? exactText(result.human) : terminalText(result.human)}\n`);
}

/** Exact output's lines, as they are; a control in them is a command that forgot to check (a bug, never printed). */
function exactText(text: string): string {
  if (!text.split('\n').every(printsExactly)) throw new Error('exact output holds a control character; the command must refuse such a value');
  return text;
}

/** Print an error for people (or as JSON) and return its exit code; `colored`: colorLevel(stderr, --color, env) > 0. */
export function reportError(io: Io, json: boolean, error: unknown, debug: boolean, colored: boolean): number {
  const known = error instanceof UserError ? error : userErrorForSystemError(error);
  if (known) {
    writeError(io, json, known, debug, colored);
    return known.exitCode;
  }
  const unexpected = new UserError(`ollm failed unexpectedly: ${(error as Error)?.message ?? String(error)}`, {
    code: 'internal', hint: debug ? undefined : 'Run again with --debug to see where; please report it.',
  });
  writeError(io, json, unexpected, false, colored);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${terminalText(error.stack)}\n`);
  return ExitCode.failure;
}

function writeError(io: Io, json: boolean, error: UserError, debug: boolean, colored: boolean): void {
  if (json) {
    io.stdout.write(`${jsonText(JSON.stringify({ error: { message: error.message, hint: error.hint ?? null, code: error.code } }, null, 2))}\n`);
    return;
  }
  const mark = colored ? '\u001b[31m✗\u001b[39m' : '✗';
  // A message is one line (a proxy's text inside it must not start a line of its own); a hint may have several.
  io.stderr.write(`${mark} ${inlineText(error.message)}\n`);
  if (error.hint) io.stderr.write(`  ${terminalText(error.hint)}\n`);
  if (debug && error.cause instanceof Error && error.cause.stack) io.stderr.write(`${terminalText(error.cause.stack)}\n`);
}
