// ollm's block in a crontab: one marked block, found, replaced or removed with every other line
// kept exactly as it was (pure text work, so the edits are tested on their own).
import { UserError } from '../errors.ts';
import { quotePosix } from '../output/shell-quote.ts';
import type { JobSpec } from './job-spec.ts';

export const BEGIN = '# BEGIN ollm schedule';
export const END = '# END ollm schedule';

/**
 * The job as one cron line: `env -i` empties cron's environment, then only what the job carries
 * is set. stdout (one line per key) goes to ollm's own log; stderr is kept, so cron's mail (where
 * it is set up) arrives only when a person is needed.
 */
export function cronLine(job: JobSpec, at: { hour: number; minute: number }): string {
  const env = Object.entries(job.env).map(([name, value]) => cronWord(`${name}=${value}`));
  return `${at.minute} ${at.hour} * * * /usr/bin/env -i ${[...env, ...job.argv.map(cronWord)].join(' ')} >/dev/null`;
}

// In a crontab a bare % ends the command (the rest becomes its stdin): escape it after quoting.
function cronWord(word: string): string {
  return quotePosix(word).replace(/%/g, '\\%');
}

export function cronBlock(job: JobSpec, at: { hour: number; minute: number }): string[] {
  return [
    BEGIN,
    '# Written by `ollm schedule set`; `ollm schedule remove` takes it away. No secret here: the job reads its credential from the keychain.',
    cronLine(job, at),
    END,
  ];
}

interface Found { start: number; end: number }

function findBlock(lines: string[]): Found | null {
  const start = lines.indexOf(BEGIN);
  if (start < 0) {
    if (lines.includes(END)) throw damaged();
    return null;
  }
  const end = lines.indexOf(END, start);
  if (end < 0 || lines.indexOf(BEGIN, start + 1) >= 0 && lines.indexOf(BEGIN, start + 1) < end) throw damaged();
  if (lines.indexOf(BEGIN, end) >= 0) throw damaged(); // two blocks: which one is ollm's?
  return { start, end };
}

function damaged(): UserError {
  return new UserError('Your crontab has an unmatched or repeated "# BEGIN ollm schedule" / "# END ollm schedule" line, so ollm cannot tell which lines are its own.', {
    code: 'crontab_block_damaged', hint: 'Fix it by hand with `crontab -e` (keep one BEGIN and one END line around ollm\'s job, or delete both and the job), then run the command again.',
  });
}

function splitTable(table: string): string[] {
  if (table === '') return [];
  const lines = table.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function joinTable(lines: string[]): string {
  // cron ignores a last line without a newline: every line ends with one.
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** The table with ollm's block in place of the old one, or added at the end. */
export function withBlock(table: string, block: string[]): string {
  const lines = splitTable(table);
  const found = findBlock(lines);
  if (found) lines.splice(found.start, found.end - found.start + 1, ...block);
  else lines.push(...block);
  return joinTable(lines);
}

/** The table without ollm's block; the same text when it has none. */
export function withoutBlock(table: string): string {
  const lines = splitTable(table);
  const found = findBlock(lines);
  if (!found) return table;
  lines.splice(found.start, found.end - found.start + 1);
  return joinTable(lines);
}

/** The job line inside ollm's block, or null. */
export function blockJobLine(table: string): string | null {
  const lines = splitTable(table);
  const found = findBlock(lines);
  if (!found) return null;
  return lines.slice(found.start + 1, found.end).find((l) => l.trim() && !l.startsWith('#')) ?? null;
}
