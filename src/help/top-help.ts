// `ollm --help`: every command grouped by section, the global flags and examples — rendered from
// the registry without loading yargs, which would take longer to build its tree than the
// answer takes to print. Help of one command (`ollm key create --help`) stays with yargs.
import type { Options } from 'yargs';
import { COMMANDS, SECTIONS } from '../commands/registry.ts';
import { globalOptions, TAGLINE, TOP_EXAMPLES } from './global-options.ts';

/** The help text, wrapped to `columns` (as yargs wraps the rest: at most 110). */
export function renderTopHelp(columns: number | undefined): string {
  const width = Math.max(60, Math.min(110, columns ?? 100));
  const out: string[] = ['ollm <command>', '', ...wrap(TAGLINE, width)];

  for (const [section, heading] of Object.entries(SECTIONS)) {
    const entries = COMMANDS.filter((entry) => entry.section === section);
    if (entries.length === 0) continue;
    out.push('', `${heading}:`);
    out.push(...table(entries.map((entry) => [`ollm ${entry.path.join(' ')}`, entry.describe]), width));
  }

  const flags: Array<[string, string]> = Object.entries(globalOptions).map(([name, option]) => [flagLabel(name, option), flagText(option)]);
  flags.push(['-h, --help', 'Show help'], ['    --version', 'Show version number']);
  out.push('', 'Global options:', ...table(flags, width));

  // An example is a command to copy: it stays on one line, however wide (the terminal wraps it).
  out.push('', 'Examples:');
  for (const [example, meaning] of TOP_EXAMPLES) out.push(`  ${example}`, ...wrap(meaning, width - 6).map((line) => `      ${line}`));
  out.push('', 'Run `ollm <command> --help` for the flags of one command.');
  return `${out.join('\n')}\n`;
}

function flagLabel(name: string, option: Options): string {
  const alias = typeof option.alias === 'string' ? `-${option.alias}, ` : '    ';
  const value = option.type === 'string' ? ' <text>' : option.type === 'number' ? ' <number>' : '';
  return `${alias}--${name}${value}`;
}

function flagText(option: Options): string {
  // false is every boolean flag's default: saying so adds nothing.
  const shown = option.default !== undefined && option.default !== false;
  return shown ? `${option.describe} [default: ${String(option.default)}]` : String(option.describe ?? '');
}

/** Two columns, the right one wrapped at word boundaries under itself. */
function table(rows: Array<[string, string]>, width: number): string[] {
  const left = Math.max(...rows.map(([label]) => label.length));
  const lines: string[] = [];
  for (const [label, text] of rows) {
    wrap(text, width - left - 4).forEach((line, i) => lines.push(`  ${(i === 0 ? label : '').padEnd(left)}  ${line}`));
  }
  return lines;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line];
}
