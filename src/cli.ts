// Builds the yargs command tree from the command definitions, runs the chosen one, and turns
// its result or error into output and an exit code. Nothing else happens here.
import yargs, { type Argv } from 'yargs';
import type { Io } from './context.ts';
import { ExitCode, UsageError } from './errors.ts';
import type { CommandDefinition } from './commands/command.ts';
import { reportError, runDefinition } from './run-command.ts';
import { COMMANDS, GROUPS, findCommand, type CommandEntry } from './commands/registry.ts';
import { VERSION } from './version.ts';
import { globalOptions, TAGLINE, TOP_EXAMPLES } from './help/global-options.ts';
import { checkCommandLine, helpOf, restoreTypedNumbers, unknownCommandError } from './usage-checks.ts';
import { colorFlagIn, colorLevel } from './output/color.ts';

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
  // ollm's own sentences for mistakes in the line; yargs' strict mode is only the backstop.
  let typed = new Map<string, string[]>();
  try {
    if (chosen && loaded) typed = checkCommandLine(ownArgv, chosen, loaded);
    else { const error = unknownCommandError(ownArgv); if (error) throw error; }
  } catch (error) {
    return reportError(io, wantsJson, error, false, colorLevel(io.stderr, colorFlagIn(ownArgv), env) > 0);
  }
  const register = (parent: Argv, entry: CommandEntry) => {
    const definition = entry === chosen ? loaded : undefined;
    parent.command(...commandArgs(entry, definition, io, env, outcome, typed));
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
      // yargs echoes the values it rejects; UsageError masks anything key-like in them.
      throw error ?? new UsageError((message ?? 'Invalid command line.').replace(/\s*\n\s*/g, ' '), `Run ${helpOf(chosen?.path ?? ownArgv.filter((w) => w in GROUPS).slice(0, 1))} for usage.`);
    });

  skipHelpRendering(parser);
  try {
    await parser.parseAsync();
  } catch (error) {
    const colored = colorLevel(io.stderr, colorFlagIn(ownArgv), env) > 0;
    outcome.exitCode = reportError(io, wantsJson, error, ownArgv.includes('--debug'), colored);
  }
  return outcome.exitCode;
}

function commandArgs(entry: CommandEntry, definition: CommandDefinition<any> | undefined, io: Io, env: NodeJS.ProcessEnv, outcome: Outcome, typed: Map<string, string[]>) {
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
      const run = definition ?? (await entry.load()).default;
      restoreTypedNumbers(args, typed, run);
      outcome.exitCode = await runDefinition(run, args, io, env);
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
