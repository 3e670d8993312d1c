// ollm's sentences for a line that names no command it knows: a mistyped command (with the
// closest one), a group without its command, or no command at all.
import { COMMANDS, GROUPS } from '../commands/registry.ts';
import { UsageError } from '../errors.ts';
import { closest } from '../help/suggest.ts';

/** The words people type for a command's help. */
export function helpOf(path: readonly string[]): string {
  return path.length === 0 ? '`ollm --help`' : `\`ollm ${path.join(' ')} --help\``;
}

/** An unknown command at the start of the line, said with the closest known one; null if the line starts otherwise. */
export function unknownCommandError(argv: readonly string[]): UsageError | null {
  const [first, second] = argv;
  if (first === undefined || first.startsWith('-')) return null;
  if (first === 'version') return new UsageError('Unknown command "version".', 'The version is a flag: `ollm --version`.');
  if (first in GROUPS) {
    if (second === undefined || second.startsWith('-')) return null;
    const subcommands = COMMANDS.filter((e) => e.path[0] === first && e.path.length === 2).map((e) => e.path[1]!);
    const guess = closest(second, subcommands);
    return new UsageError(`Unknown command "ollm ${first} ${second}".`,
      `${guess ? `Did you mean \`ollm ${first} ${guess}\`? ` : ''}Run ${helpOf([first])} for its commands: ${subcommands.join(', ')}.`);
  }
  const topLevel = [...new Set([...Object.keys(GROUPS), ...COMMANDS.filter((e) => !e.hidden).map((e) => e.path[0]!), 'help'])];
  const guess = closest(first, topLevel);
  return new UsageError(`Unknown command "${first}".`, `${guess ? `Did you mean \`ollm ${guess}\`? ` : ''}Run \`ollm --help\` for the list of commands.`);
}

/** The error for a line (the words before `--`) in which no command was found. */
export function noCommandError(own: readonly string[]): UsageError {
  const words = own.filter((word) => !word.startsWith('-'));
  const [first] = words;
  if (first !== undefined && first in GROUPS && words.length === 1) {
    const subcommands = COMMANDS.filter((e) => e.path[0] === first).map((e) => e.path[1]);
    return new UsageError(`Name a ${first} command: ${subcommands.join(', ')}.`, `Run ${helpOf([first])} for usage.`);
  }
  return unknownCommandError(words) ?? new UsageError('Name a command, e.g. `ollm key create`.', `Run ${helpOf([])} for usage.`);
}
