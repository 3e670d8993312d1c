// Runs ollm under a pseudo-terminal (util-linux `script`), as a person at a terminal would, and
// lets a test answer prompts as they appear.
import { spawn } from 'node:child_process';
import { OLLM, type RunResult } from './cli.ts';

export interface TerminalSession {
  /** Everything the terminal showed so far (stdout and stderr are one stream on a terminal). */
  output(): string;
  /** Resolves once the output (after what was already consumed by earlier waits) matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Type text as a person would (add '\r' for Enter). */
  type(text: string): void;
  /** The finished run; a stuck session is killed after `timeoutMs`. */
  done: Promise<RunResult>;
}

export function startInTerminal(args: string[], env: NodeJS.ProcessEnv, options: { timeoutMs?: number; columns?: number } = {}): TerminalSession {
  const quoted = [process.execPath, OLLM, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const sized = `stty cols ${options.columns ?? 100} rows 40 2>/dev/null; exec ${quoted}`;
  const child = spawn('script', ['-qec', sized, '/dev/null'], { env: { ...env, TERM: 'xterm-256color' } });
  let output = '';
  let consumed = 0;
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk) => {
    output += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const done = new Promise<RunResult>((resolve, reject) => {
    // Never wait forever on a terminal session: a stuck one fails the test instead.
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const listener of listeners) listener();
      resolve({ code, signal, stdout: output, stderr: '' });
    });
  });
  let exited = false;
  void done.then(() => { exited = true; }, () => { exited = true; });
  return {
    output: () => output,
    type: (text) => { child.stdin.write(text); },
    done,
    waitFor(pattern, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const rest = output.slice(consumed);
          const match = pattern.exec(rest);
          if (match) {
            consumed += match.index + match[0].length;
            finish();
            resolve(rest.slice(0, match.index + match[0].length));
          } else if (exited) {
            finish();
            reject(new Error(`the session ended without showing ${pattern}; it showed:\n${output}`));
          }
        };
        const timer = setTimeout(() => { finish(); reject(new Error(`no ${pattern} within ${timeoutMs} ms; the terminal showed:\n${output}`)); }, timeoutMs);
        const finish = () => { clearTimeout(timer); listeners.delete(check); };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Run a command on a terminal with nothing typed, and collect what it showed. */
export function runInTerminal(args: string[], env: NodeJS.ProcessEnv, options: { timeoutMs?: number; columns?: number } = {}): Promise<RunResult> {
  const session = startInTerminal(args, env, options);
  return session.done;
}
