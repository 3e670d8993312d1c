// `ollm --help`: every command grouped by section, the global flags and examples — rendered from
// the registry without loading any command's definition. The help of one command or group is in command-help.ts.
import { COMMANDS, SECTIONS } from '../commands/registry.ts';
import { globalOptions, TAGLINE, TOP_EXAMPLES } from './global-options.ts';
import { examples, flagRows, helpWidth, table, wrap } from './layout.ts';

/** The help text, wrapped to `columns` (at most 110). */
export function renderTopHelp(columns: number | undefined): string {
  const width = helpWidth(columns);
  const out: string[] = ['ollm <command>', '', ...wrap(TAGLINE, width)];

  for (const [section, heading] of Object.entries(SECTIONS)) {
    const entries = COMMANDS.filter((entry) => entry.section === section && !entry.hidden);
    if (entries.length === 0) continue;
    out.push('', `${heading}:`);
    out.push(...table(entries.map((entry) => [`ollm ${entry.path.join(' ')}`, entry.describe]), width));
  }

  const flags = flagRows(globalOptions);
  flags.push(['-h, --help', 'Show help'], ['    --version', 'Show version number']);
  out.push('', 'Global flags:', ...table(flags, width));

  // An example is a command to copy: it stays on one line, however wide (the terminal wraps it).
  out.push('', 'Examples:');
  out.push(...examples(TOP_EXAMPLES, width));
  out.push('', ...wrap('Run `ollm <command> --help` or `ollm help <command>` for the flags of one command.', width));
  return `${out.join('\n')}\n`;
}
