// Which help a line asks for: `ollm help [words…]`, or `--help` / `-h` anywhere before `--`.
// Every help screen is rendered here; a mistyped command gets the usage error
// with the closest command instead of a help screen.
import { findCommand, GROUPS } from '../commands/registry.ts';
import { unknownCommandError } from '../parse/unknown-command.ts';

/** The words of the command whose help is asked for, or null when the line asks for no help. */
export function helpRequest(argv: readonly string[]): string[] | null {
  const own = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (own[0] === 'help') return own.slice(1).filter((word) => !word.startsWith('-'));
  if (!own.includes('--help') && !own.includes('-h')) return null;
  return own.filter((word) => !word.startsWith('-'));
}

/** The help text for those words (top level, a group or a command); throws a UsageError for an unknown command. */
export async function renderHelp(words: string[], columns: number | undefined): Promise<string> {
  const entry = findCommand(words);
  if (entry) {
    const [{ renderCommandHelp }, loaded] = await Promise.all([import('./command-help.ts'), entry.load()]);
    return renderCommandHelp(entry, loaded.default, columns);
  }
  const error = unknownCommandError(words);
  if (error) throw error;
  if (words[0] !== undefined && words[0] in GROUPS) return (await import('./command-help.ts')).renderGroupHelp(words[0], columns);
  return (await import('./top-help.ts')).renderTopHelp(columns);
}
