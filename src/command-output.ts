// What a command line prints: a command's result (human or --json, --quiet honoured) and an
// error (its exit code). Apart from run-command.ts so that setup, which prints the services it
// calls this way, and the help path need not load the command runner.
import type { GlobalArgs, Io } from './context.ts';
import { ExitCode, UserError } from './errors.ts';
import type { CommandResult } from './commands/command.ts';
import { inlineText, jsonText, printsExactly, terminalText } from './output/terminal-text.ts';
import { userErrorForSystemError } from './io/system-errors.ts';

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
