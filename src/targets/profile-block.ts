// The marked block ollm keeps in a shell profile: written, replaced in place, or removed, with
// every value quoted so that no key, alias or URL can become shell code.
import { exportCommandLine, exportLine } from '../output/shell-quote.ts';
import { maskKeyLike } from '../output/mask.ts';

export type ShellKind = 'posix' | 'fish';

export interface ProfileBlock {
  /** `<alias>@<proxy URL>`: one block per account. */
  account: string;
  variable: string;
  shell: ShellKind;
  /** Either the key itself, or a command whose output is the key (`--profile-mode lookup`). */
  value: { kind: 'literal'; key: string } | { kind: 'command'; argv: string[] };
}

const startMarker = (account: string) => `# >>> ollm ${oneLine(account)} >>>`;
const endMarker = (account: string) => `# <<< ollm ${oneLine(account)} <<<`;

// A marker is a comment: only a line break could end it early.
function oneLine(text: string): string {
  return text.replace(/[\r\n]/g, ' ');
}

function renderAssignment(block: ProfileBlock): string {
  return block.value.kind === 'literal'
    ? exportLine(block.shell, block.variable, block.value.key)
    : exportCommandLine(block.shell, block.variable, block.value.argv);
}

export function renderBlock(block: ProfileBlock, eol = '\n'): string {
  return [startMarker(block.account), renderAssignment(block), endMarker(block.account)].join(eol) + eol;
}

interface Span { start: number; end: number }

/** A block whose end marker is gone (edited by hand): where it ends cannot be known. */
export class UnterminatedBlockError extends Error {
  constructor(readonly startMarker: string, readonly endMarker: string, readonly line: number) {
    super(`the ollm block at line ${line} has no end marker`);
    this.name = 'UnterminatedBlockError';
  }
}

/**
 * Line ranges [start, end] (inclusive) of every block of this account. An unterminated block
 * throws when `strict` (a write would replace the user's lines after it); readers see it as
 * ending at the next line.
 */
function findBlocks(lines: string[], account: string, strict: boolean): Span[] {
  const spans: Span[] = [];
  const start = startMarker(account);
  const end = endMarker(account);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trimEnd() !== start) continue;
    let j = i + 1;
    while (j < lines.length && lines[j]!.trimEnd() !== end) j++;
    if (j === lines.length && strict) throw new UnterminatedBlockError(start, end, i + 1);
    // An unterminated block (hand-edited), for reading: its start line's successor at most.
    spans.push({ start: i, end: j < lines.length ? j : Math.min(i + 1, lines.length - 1) });
    i = j;
  }
  return spans;
}

function detectEol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The profile text with this account's block replaced in place (first one kept, others removed) or appended. */
export function upsertBlock(text: string, block: ProfileBlock): string {
  const eol = detectEol(text);
  const lines = text.split(/\r?\n/);
  const spans = findBlocks(lines, block.account, true);
  const rendered = renderBlock(block, eol).slice(0, -eol.length).split(eol);
  if (spans.length === 0) {
    const base = text.length === 0 || text.endsWith('\n') ? text : text + eol;
    const gap = base.length === 0 ? '' : eol;
    return `${base}${gap}${rendered.join(eol)}${eol}`;
  }
  for (const span of spans.slice(1).reverse()) lines.splice(span.start, span.end - span.start + 1);
  lines.splice(spans[0]!.start, spans[0]!.end - spans[0]!.start + 1, ...rendered);
  return lines.join(eol);
}

/** The profile text without any block of this account; null when there was none. */
export function removeBlock(text: string, account: string): string | null {
  const eol = detectEol(text);
  const lines = text.split(/\r?\n/);
  const spans = findBlocks(lines, account, true);
  if (spans.length === 0) return null;
  for (const span of spans.reverse()) {
    // Also drop the blank line ollm put before the block, so add + remove leaves the file as it was.
    const start = span.start > 0 && lines[span.start - 1] === '' ? span.start - 1 : span.start;
    lines.splice(start, span.end - start + 1);
  }
  return lines.join(eol);
}

/** The lines between this account's markers (its first block), or null when the file has none. */
export function readBlockBody(text: string, account: string): string | null {
  const lines = text.split(/\r?\n/);
  const [span] = findBlocks(lines, account, false);
  return span ? lines.slice(span.start + 1, span.end).join('\n') : null;
}

/** The literal key in this account's block, if the block holds one (for checks). */
export function readBlockKey(text: string, account: string): string | null {
  const body = readBlockBody(text, account);
  const match = body === null ? null : /(?:export [A-Z_]+=|set -gx [A-Z_]+ )'([^']*)'/.exec(body);
  return match ? match[1]! : null;
}

/** The profile with the values inside every ollm block masked (for a backup: ollm can write its blocks again). */
export function maskBlocks(text: string): string {
  let inside = false;
  return text.split('\n').map((line) => {
    if (/^# >>> ollm .* >>>\s*$/.test(line)) inside = true;
    else if (/^# <<< ollm .* <<<\s*$/.test(line)) inside = false;
    else if (inside) return maskKeyLike(line);
    return line;
  }).join('\n');
}

/** Throws UnterminatedBlockError for the first ollm block (of any account) without its end marker. */
export function assertBlocksTerminated(text: string): void {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = /^# >>> ollm (.*) >>>$/.exec(lines[i]!.trimEnd());
    if (!start) continue;
    const end = `# <<< ollm ${start[1]} <<<`;
    let j = i + 1;
    while (j < lines.length && lines[j]!.trimEnd() !== end) j++;
    if (j === lines.length) throw new UnterminatedBlockError(start[0], end, i + 1);
    i = j;
  }
}
