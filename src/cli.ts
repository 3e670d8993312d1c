// Builds the yargs command tree from the command definitions, runs the chosen one, and turns
// its result or error into output and an exit code. Nothing else happens here.
import yargs, { type Argv } from 'yargs';
import { Ctx, type GlobalArgs, type Io } from './context.ts';
import { ExitCode, UsageError, UserError } from './errors.ts';
import type { CommandDefinition, CommandResult } from './commands/command.ts';
import { COMMANDS, GROUPS, findCommand, type CommandEntry } from './commands/registry.ts';
import { VERSION } from './version.ts';
import { globalOptions, TAGLINE, TOP_EXAMPLES } from './help/global-options.ts';

interface Outcome {
  exitCode: number;
}

/** Run ollm with these arguments; resolves to the exit code. */
export async function runCli(argv: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const outcome: Outcome = { exitCode: ExitCode.ok };
  // Flags after `--` belong to the program `ollm exec` runs, not to ollm.
  const ownArgv = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  const wantsJson = ownArgv.includes('--json');
  // Only the command being run is loaded; the others are registered by name and description.
  const chosen = findCommand(ownArgv);
  const loaded = chosen ? (await chosen.load()).default : undefined;
  const register = (parent: Argv, entry: CommandEntry) => {
    const definition = entry === chosen ? loaded : undefined;
    parent.command(...commandArgs(entry, definition, io, env, outcome));
  };
  const parser = yargs(argv)
    .scriptName('ollm')
    .usage(`$0 <command>\n\n${TAGLINE}`)
    .options(globalOptions);
  for (const [group, describe] of Object.entries(GROUPS)) {
    parser.command(group, describe, (sub: Argv) => {
      for (const entry of COMMANDS.filter((e) => e.path.length === 2 && e.path[0] === group)) register(sub, entry);
      return sub.demandCommand(1, `Name a ${group} command: ${COMMANDS.filter((e) => e.path[0] === group).map((e) => e.path[1]).join(', ')}.`);
    });
  }
  for (const entry of COMMANDS.filter((e) => e.path.length === 1)) register(parser, entry);
  for (const [example, meaning] of TOP_EXAMPLES) parser.example(example, meaning);
  parser
    .demandCommand(1, 'Name a command, e.g. `ollm key create`.')
    .parserConfiguration({ 'populate--': true })
    .strict()
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version(VERSION)
    .wrap(Math.min(110, (io.stdout as { columns?: number }).columns ?? 100))
    .exitProcess(false)
    // Throwing is what stops yargs: with exitProcess(false) it would otherwise run the handler anyway.
    .fail((message, error) => {
      throw error ?? new UsageError(message ?? 'Invalid command line.', 'Run `ollm --help` (or `ollm <command> --help`) for usage.');
    });

  skipHelpRendering(parser);
  try {
    await parser.parseAsync();
  } catch (error) {
    outcome.exitCode = reportError(io, wantsJson, error, ownArgv.includes('--debug'));
  }
  return outcome.exitCode;
}

function commandArgs(entry: CommandEntry, definition: CommandDefinition<any> | undefined, io: Io, env: NodeJS.ProcessEnv, outcome: Outcome) {
  return [
    // The loaded definition may name positionals (`set <name> [value]`); the others need only their name.
    definition?.command ?? entry.path[entry.path.length - 1]!,
    entry.describe,
    (y: Argv) => {
      if (!definition) return y;
      y.options(definition.args);
      for (const [example, meaning] of definition.examples) y.example(example, meaning);
      return y;
    },
    async (args: Record<string, unknown>) => {
      const globals = args as unknown as GlobalArgs;
      if (!(Number.isFinite(globals.timeout) && globals.timeout > 0 && globals.timeout <= 86_400)) {
        throw new UsageError(`--timeout ${String(args.timeout)} is not a number of seconds.`, 'Give a number from 0.1 to 86400, e.g. --timeout 60.');
      }
      const run = definition ?? (await entry.load()).default;
      const ctx = new Ctx(globals, io, env);
      run.validate?.(args as never);
      const result: CommandResult = await run.handler(args as never, ctx);
      writeResult(io, globals, result);
      outcome.exitCode = result.exitCode ?? ExitCode.ok;
    },
  ] as const;
}

/**
 * yargs renders the full help of the command it runs, every time, in case the handler calls
 * showHelp() — ollm's never do, and that rendering (text layout with string widths) was a third
 * of `key info`'s run. `--help` is unaffected: it renders when asked. If a future yargs moves
 * this internal, nothing breaks; the saving is lost.
 */
function skipHelpRendering(parser: Argv): void {
  type Internals = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = (parser as unknown as Internals).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

function writeResult(io: Io, globals: GlobalArgs, result: CommandResult): void {
  if (result.silent) return;
  // --json is asked for explicitly, so --quiet does not take it away.
  if (globals.json) io.stdout.write(`${JSON.stringify(result.json, null, 2)}\n`);
  else if (result.human && (!globals.quiet || result.essential)) io.stdout.write(`${result.human}\n`);
}

function reportError(io: Io, json: boolean, error: unknown, debug: boolean): number {
  if (error instanceof UserError) {
    writeError(io, json, error, debug);
    return error.exitCode;
  }
  const unexpected = new UserError(`ollm failed unexpectedly: ${(error as Error)?.message ?? String(error)}`, {
    code: 'internal', hint: debug ? undefined : 'Run again with --debug to see where; please report it.',
  });
  writeError(io, json, unexpected, false);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return ExitCode.failure;
}

function writeError(io: Io, json: boolean, error: UserError, debug: boolean): void {
  if (json) {
    io.stdout.write(`${JSON.stringify({ error: { message: error.message, hint: error.hint ?? null, code: error.code } }, null, 2)}\n`);
    return;
  }
  const colored = Boolean(io.stderr.isTTY) && !process.env.NO_COLOR;
  const mark = colored ? '\u001b[31m✗\u001b[39m' : '✗';
  io.stderr.write(`${mark} ${error.message}\n`);
  if (error.hint) io.stderr.write(`  ${error.hint}\n`);
  if (debug && error.cause instanceof Error && error.cause.stack) io.stderr.write(`${error.cause.stack}\n`);
}
