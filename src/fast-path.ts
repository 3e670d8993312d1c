// The way in for plain command lines: the command's definition and a small flag parser, without
// yargs. Returns null whenever yargs must handle the line (help, positionals, anything unusual).
import type { Io } from './context.ts';
import { findCommand } from './commands/registry.ts';
import { globalOptions } from './help/global-options.ts';
import { parsePlainFlags } from './plain-flags.ts';
import { colorLevel } from './output/color.ts';
import { reportError, runDefinition } from './run-command.ts';

export async function runPlainCommand(argv: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number | null> {
  const entry = findCommand(argv);
  if (!entry) return null;
  const definition = (await entry.load()).default;
  // A definition with positionals (`set <name> [value]`) is parsed by yargs.
  if (definition.command !== entry.path.at(-1)) return null;
  const args = parsePlainFlags(argv, entry.path, { ...globalOptions, ...definition.args });
  if (!args) return null;
  try {
    return await runDefinition(definition, args, io, env);
  } catch (error) {
    const colored = colorLevel(io.stderr, typeof args.color === 'boolean' ? args.color : undefined, env) > 0;
    return reportError(io, args.json === true, error, args.debug === true, colored);
  }
}
