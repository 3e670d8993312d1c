// Tables the way gh prints them: on a terminal, aligned columns without borders under a bold
// header; on a pipe, one tab-separated row per line with no header or decoration (for cut, awk
// and sort). A column with nothing in any row is left out. cli-table3 (loaded only by the
// commands that print a table) measures widths, so colour codes and wide characters align.

export interface TableOptions {
  /** stdout is a terminal. */
  terminal: boolean;
  /** Bold the header (colour enabled). */
  color?: boolean;
}

export async function renderTable(head: string[], rows: string[][], options: TableOptions): Promise<string> {
  const keep = head.map((_, column) => rows.some((row) => (row[column] ?? '') !== ''));
  const pick = (cells: string[]) => cells.filter((_, column) => keep[column]);
  if (!options.terminal) {
    // A tab or newline inside a cell would split it; nothing ollm prints needs either.
    return rows.map((row) => pick(row).map((cell) => stripAnsi(cell).replace(/[\t\r\n]+/g, ' ').trim()).join('\t')).join('\n');
  }
  const { default: Table } = await import('cli-table3');
  const none = { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
    left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ' };
  const table = new Table({
    head: pick(head).map((h) => h.toUpperCase()),
    chars: none,
    style: { head: options.color ? ['bold'] : [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  table.push(...rows.map(pick));
  // cli-table3 pads the last column too; trailing blanks only get in the way of copying.
  return table.toString().split('\n').map((line) => line.trimEnd()).join('\n');
}

const ANSI = /\u001b\[[0-9;]*m/g;

function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
