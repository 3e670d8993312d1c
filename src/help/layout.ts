// Text layout shared by every help screen: two wrapped columns, flag labels with value
// placeholders, and examples kept whole on one line (a command to copy is never wrapped).
import type { Options } from '../parse/options.ts';
import { placeholder } from './placeholders.ts';

/** Help is wrapped to the terminal: at least 60 and at most 110 columns. */
export function helpWidth(columns: number | undefined): number {
  return Math.max(60, Math.min(110, columns ?? 100));
}

/** `-a, --alias <name>`; flags without a short form are indented to line up with those that have one. */
export function flagLabel(name: string, option: Options): string {
  const short = [option.alias ?? []].flat().find((a) => a.length === 1);
  const value = option.type === 'boolean' ? '' : ` ${placeholder(name, option)}`;
  return `${short ? `-${short}, ` : '    '}--${name}${value}`;
}

export function flagText(option: Options): string {
  const describe = String(option.describe ?? '');
  const choices = Array.isArray(option.choices) ? ` {${option.choices.join('|')}}` : '';
  // false is every boolean flag's default: saying so adds nothing.
  const shown = option.default !== undefined && option.default !== false && option.type !== 'boolean';
  return `${describe}${choices}${shown ? ` [default: ${String(option.default)}]` : ''}`;
}

/** The visible flags of a set of options, as two-column rows. */
export function flagRows(options: Record<string, Options>): Array<[string, string]> {
  return Object.entries(options).filter(([, o]) => !o.hidden).map(([name, o]) => [flagLabel(name, o), flagText(o)]);
}

/** Two columns, the right one wrapped at word boundaries under itself. */
export function table(rows: Array<[string, string]>, width: number): string[] {
  const left = Math.max(...rows.map(([label]) => label.length));
  const lines: string[] = [];
  for (const [label, text] of rows) {
    wrap(text, width - left - 4).forEach((line, i) => lines.push(`  ${(i === 0 ? label : '').padEnd(left)}  ${line}`));
  }
  return lines;
}

/** Each example on its own line, whole; what it does under it. */
export function examples(list: Array<[string, string]>, width: number): string[] {
  return list.flatMap(([example, meaning]) => [`  ${example}`, ...wrap(meaning, width - 6).map((line) => `      ${line}`)]);
}

export function wrap(text: string, width: number): string[] {
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
