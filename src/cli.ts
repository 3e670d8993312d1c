// Runs one command line: finds the command, parses the line with ollm's parser (parse/), runs the
// definition, and turns its result or error into output and an exit code. Nothing else happens here.
import type { Io } from './context.ts';
import { findCommandIn } from './parse/find-command.ts';
import { parseCommandLine, type ParsedArgs } from './parse/parse-line.ts';
import { noCommandError } from './parse/unknown-command.ts';
import { colorFlagIn, colorLevel } from './output/color.ts';
import { reportError } from './command-output.ts';
import { runDefinition } from './run-command.ts';
import { VERSION } from './version.ts';

/** Whatever runDefinition takes after (definition, args, io, env), passed through unchanged. */
type RunExtras = Parameters<typeof runDefinition> extends [unknown, unknown, unknown, unknown, ...infer Rest] ? Rest : [];

/** Run ollm with these arguments; resolves to the exit code. */
export async function runCli(argv: string[], io: Io, env: NodeJS.ProcessEnv, ...extras: RunExtras): Promise<number> {
  // Flags after `--` belong to the program `ollm exec` runs, not to ollm.
  const own = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  let parsed: { definition: Parameters<typeof runDefinition>[0]; args: ParsedArgs };
  try {
    // Only the command being run is loaded.
    const found = await findCommandIn(own);
    if (!found) throw noCommandError(own);
    const { entry, definition } = found;
    parsed = { definition, args: parseCommandLine(argv, entry, definition) };
  } catch (error) {
    return reportError(io, own.includes('--json'), error, false, colorLevel(io.stderr, colorFlagIn(own), env) > 0);
  }
  const { definition, args } = parsed;
  if (args.version === true) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  try {
    return await runDefinition(definition, args, io, env, ...extras);
  } catch (error) {
    const colored = colorLevel(io.stderr, typeof args.color === 'boolean' ? args.color : undefined, env) > 0;
    return reportError(io, args.json === true, error, args.debug === true, colored);
  }
}
