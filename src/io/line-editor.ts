// One line of input on a terminal, with a default, validation, and an optional live check that
// runs while the person types (e.g. probing a URL) and shows its verdict next to the text.
import type { Readable, Writable } from 'node:stream';
import { ExitCode, UserError } from '../errors.ts';

export interface LiveCheck {
  ok: boolean;
  /** Shown after the text, e.g. "✓ LiteLLM 1.84.0" or "✗ connection refused". */
  note: string;
}

export interface LineOptions {
  /** Accepted when the person presses Enter on an empty line. */
  initial?: string;
  /** An error message for a value that cannot be accepted, or null. */
  validate?: (value: string) => string | null;
  /** Runs after a pause in typing; a later keystroke makes an earlier answer stale. */
  check?: (value: string) => Promise<LiveCheck>;
  /** Refuse Enter until `check` says ok (the note tells why). */
  requireCheck?: boolean;
  /** Style of the notes (colour is up to the caller). */
  paint?: { ok: (s: string) => string; bad: (s: string) => string; dim: (s: string) => string };
  debounceMs?: number;
}

interface Terminal extends Readable {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => void;
}

const plain = { ok: (s: string) => s, bad: (s: string) => s, dim: (s: string) => s };
// Escape sequences (arrows, Home, function keys) are not text.
export const ESCAPE = /\u001b(?:\[[0-9;?]*[A-Za-z~]|O.|.)?/g;

export function askLine(question: string, stdin: Terminal, out: Writable, options: LineOptions = {}): Promise<string> {
  const paint = options.paint ?? plain;
  const initial = options.initial ?? '';
  return new Promise((resolve, reject) => {
    let value = '';
    let note = '';
    let verdict: { value: string; result: LiveCheck } | null = null;
    let generation = 0;
    let timer: NodeJS.Timeout | undefined;
    let pendingEnter = false;
    let inFlight: string | null = null;
    let answered = false;

    const effective = () => (value === '' ? initial : value);
    const render = () => {
      if (answered) return; // a check settling late must not draw over the next question
      const shownDefault = value === '' && initial ? paint.dim(initial) : value;
      const tail = note ? `  ${note}` : '';
      // Draw the line, then put the cursor back right after the typed text.
      const back = tail ? `\u001b[${visibleLength(tail)}D` : '';
      const cursorFix = value === '' && initial ? `\u001b[${initial.length}D` : '';
      out.write(`\r\u001b[K${question}${shownDefault}${tail}${back}${cursorFix}`);
    };
    const runCheck = () => {
      if (!options.check) return;
      const asked = effective();
      const mine = ++generation;
      if (!asked) { note = ''; verdict = null; render(); return; }
      note = paint.dim('… checking');
      inFlight = asked;
      render();
      const settle = (result: LiveCheck) => {
        if (mine !== generation) return; // typed on since: stale
        inFlight = null;
        verdict = { value: asked, result };
        note = result.ok ? paint.ok(result.note) : paint.bad(result.note);
        render();
        if (pendingEnter) { pendingEnter = false; submit(); }
      };
      options.check(asked).then(settle, (error: Error) => settle({ ok: false, note: `✗ ${error.message}` }));
    };
    const schedule = () => {
      if (!options.check) return;
      clearTimeout(timer);
      timer = setTimeout(runCheck, options.debounceMs ?? 250);
    };
    const finish = (error?: Error) => {
      answered = true;
      clearTimeout(timer);
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      out.write('\n');
      if (error) reject(error); else resolve(effective());
    };
    const submit = () => {
      const answer = effective();
      const problem = options.validate?.(answer) ?? null;
      if (problem) { note = paint.bad(`✗ ${problem}`); render(); return; }
      if (options.check && options.requireCheck) {
        if (!verdict || verdict.value !== answer) {
          // Enter before the check finished: answer as soon as it does.
          pendingEnter = true;
          clearTimeout(timer);
          if (inFlight !== answer) runCheck();
          return;
        }
        if (!verdict.result.ok) return; // the note already says why
      }
      finish();
    };
    const onData = (chunk: Buffer) => {
      const chars = [...chunk.toString('utf8').replace(ESCAPE, '')];
      for (let i = 0; i < chars.length; i++) {
        const char = chars[i]!;
        if (char === '\u0003') return finish(new UserError('Cancelled.', { code: 'cancelled', exitCode: ExitCode.interrupted }));
        if (char === '\r' || char === '\n') {
          submit();
          if (!answered) continue;
          // Pasted lines: what follows this one belongs to the next question.
          const rest = chars.slice(i + 1).join('').replace(/^\n/, '');
          if (rest) stdin.unshift(Buffer.from(rest, 'utf8'));
          return;
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char === '\u0015') value = '';
        else if (char >= ' ') value += char;
        else continue;
        pendingEnter = false;
        inFlight = null;
        generation++;
        note = '';
        render();
        schedule();
      }
    };

    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.on('data', onData);
    render();
    if (initial) schedule();
  });
}

function visibleLength(text: string): number {
  return [...text.replace(/\u001b\[[0-9;]*m/g, '')].length;
}
