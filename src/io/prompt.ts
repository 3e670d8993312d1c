// Reading from the user: one line from a pipe, a hidden line or a yes/no on a terminal.
import type { Readable, Writable } from 'node:stream';
import { ExitCode, UserError } from '../errors.ts';
import { terminalText } from '../output/terminal-text.ts';
import { ESCAPE } from './line-editor.ts';

/** The first line of a piped stdin (a trailing CR/LF removed). */
export async function readFirstLine(stdin: Readable): Promise<string> {
  let buffer = '';
  for await (const chunk of stdin) {
    buffer += chunk.toString();
    const newline = buffer.indexOf('\n');
    if (newline >= 0) {
      stdin.destroy?.();
      return buffer.slice(0, newline).replace(/\r$/, '');
    }
  }
  return buffer.replace(/\r$/, '');
}

export interface TtyInput extends Readable {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => void;
}

/** Ask for a secret on a terminal without echoing it. */
export function promptHidden(question: string, stdin: TtyInput, stderr: Writable): Promise<string> {
  return new Promise((resolve, reject) => {
    // Raw mode (no echo) first: a key typed as soon as the question shows is never echoed.
    stdin.setRawMode?.(true);
    stderr.write(terminalText(question));
    let value = '';
    stdin.resume();
    const finish = (error?: Error) => {
      stdin.setRawMode?.(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error); else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      // Arrow keys and other escape sequences are keys, not part of the secret: dropped whole, as
      // is any other control character (a secret typed blind must be exactly what was meant).
      for (const char of chunk.toString('utf8').replace(ESCAPE, '')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new UserError('Cancelled.', { code: 'cancelled', exitCode: ExitCode.interrupted }));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** Ask a yes/no question on a terminal; only "y"/"yes" counts as yes. */
export function confirm(question: string, stdin: Readable, stderr: Writable): Promise<boolean> {
  return new Promise((resolve) => {
    stderr.write(`${terminalText(question)} [y/N] `);
    stdin.resume();
    stdin.once('data', (chunk: Buffer) => {
      stdin.pause();
      resolve(/^\s*y(es)?\s*$/i.test(chunk.toString()));
    });
  });
}
