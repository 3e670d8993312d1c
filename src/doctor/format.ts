// The doctor's report for people: a checklist (✓ green, ! yellow, ✗ red, - dim for skipped),
// each problem followed by the command that fixes it, and a closing summary line.
import type { ChalkInstance } from 'chalk';
import { checkTitle, DOCTOR_CHECKS } from '../composition/doctor-checks.ts';
import type { CheckStatus, DoctorReport } from './report.ts';
import { inlineText } from '../output/terminal-text.ts';

const MARKS: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗', skip: '-' };

export interface FormatOptions {
  /** Only the failures and their fixes, no summary (for --quiet). */
  problemsOnly?: boolean;
  /** The terminal's width: lines wrap under the message column, and a passed check is one short line. Unset on a pipe: one line per check, in full. */
  columns?: number;
  /** The assistant the key was checked for, for the closing line (default OpenClaw). */
  assistant?: string;
}

export function formatDoctorReport(report: DoctorReport, color: ChalkInstance, options: FormatOptions = {}): string {
  const paint: Record<CheckStatus, (text: string) => string> = { ok: color.green, warn: color.yellow, fail: color.red, skip: color.dim };
  // Every title's width, not only the ones reported: the columns stay put from run to run.
  const width = Math.max(...DOCTOR_CHECKS.map((c) => c.title.length));
  const indent = ' '.repeat(width + 4);
  const lines: string[] = [];
  for (const check of report.checks) {
    if (options.problemsOnly && check.status !== 'fail') continue;
    const title = checkTitle(check.id).padEnd(width);
    // One line per check: a proxy's status or error text inside a message must not fake a line.
    const text = inlineText(options.columns && check.status === 'ok' ? shortened(check.message) : check.message);
    const [first = '', ...rest] = wrap(text, options.columns ? options.columns - indent.length : Infinity);
    const style = check.status === 'skip' ? color.dim : (line: string) => line;
    lines.push(`${paint[check.status](MARKS[check.status])} ${color.bold(title)}  ${style(first)}`, ...rest.map((line) => `${indent}${style(line)}`));
    if (check.fix && (check.status === 'warn' || check.status === 'fail')) {
      // A fix is a command to copy: never broken across lines.
      lines.push(`${indent}${color.dim('fix:')} ${inlineText(check.fix)}`);
    }
  }
  if (!options.problemsOnly) lines.push('', summary(report, color, options.assistant ?? 'OpenClaw'));
  return lines.join('\n');
}

/** A passed check on a terminal: its first clause is enough (--json and a pipe keep it all). */
function shortened(message: string): string {
  const cut = message.search(/; |\. (?=[A-Z])/);
  return cut > 0 ? `${message.slice(0, cut)}.`.replace(/\.\.$/, '.') : message;
}

/** Word-wrap to `width` columns; a word longer than that (a path, a URL) keeps its own line whole. */
export function wrap(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function summary(report: DoctorReport, color: ChalkInstance, assistant: string): string {
  const count = (status: CheckStatus) => report.checks.filter((c) => c.status === status).length;
  const [failed, warned, passed, skipped] = [count('fail'), count('warn'), count('ok'), count('skip')];
  const parts = [
    failed && `${failed} failed`,
    warned && `${warned} ${warned === 1 ? 'warning' : 'warnings'}`,
    `${passed} passed`,
    skipped && `${skipped} skipped`,
  ].filter(Boolean).join(', ');
  const target = `key "${report.alias}" on ${report.proxyUrl}`;
  if (failed) return color.red(`✗ ${parts} (${target}). Run the fix under each ✗, then \`ollm doctor\` again.`);
  if (warned) return color.yellow(`! ${parts} (${target}). Nothing is broken; the ! lines say what to improve.`);
  return color.green(`✓ ${parts} (${target}). ${assistant} is set up to use this key.`);
}
