// Runs one command definition with parsed flags and turns its result or error into output and an
// exit code. cli.ts calls it with the arguments the parser read (parse/parse-line.ts).
import type { GlobalArgs, Io } from './context.ts';
import { WiredCtx } from './composition/ctx.ts';
import { ExitCode, UsageError } from './errors.ts';
import type { CommandDefinition, CommandResult } from './commands/command.ts';
import { writeResult } from './command-output.ts';
import type { Services } from './services.ts';

export { reportError, writeResult } from './command-output.ts';

/** Validate, run, print; errors propagate (the caller reports them with `reportError`). No `services`: the real ones. */
export async function runDefinition(definition: CommandDefinition<any>, args: Record<string, unknown>, io: Io, env: NodeJS.ProcessEnv, services?: Services): Promise<number> {
  const globals = args as unknown as GlobalArgs;
  // Below a tenth of a second no proxy can answer (1e-9 would fail every request as "timed out"); above a day is no deadline.
  if (!(Number.isFinite(globals.timeout) && globals.timeout >= 0.1 && globals.timeout <= 86_400)) {
    throw new UsageError(`--timeout ${String(args.timeout)} is not a number of seconds from 0.1 to 86400.`, 'Give the seconds to wait for the proxy, e.g. --timeout 60 (the default is 30).');
  }
  const ctx = new WiredCtx(globals, io, env, services);
  definition.validate?.(args as never);
  const result: CommandResult = await definition.handler(args as never, ctx);
  writeResult(io, globals, result);
  return result.exitCode ?? ExitCode.ok;
}
