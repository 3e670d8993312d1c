// Runs an ollm command line inside the test process, through the binary's own way in
// (runMain, which main.ts calls) with buffer streams (not terminals), a given environment and
// given services: no process, no build. Same result shape as runOllm (test/support/cli.ts).
import { PassThrough, Writable } from 'node:stream';
import type { RunResult } from './cli.ts';
import { runMain } from '../../src/run-main.ts';
import { withServices, type Services } from '../../src/services.ts';

export interface InProcessOptions {
  env: NodeJS.ProcessEnv;
  /** All of stdin (it ends after this), as a pipe would give it. */
  input?: string;
  /** The real ones where not given. */
  services?: Services;
  /** The run fails the test after this long (it cannot be killed: nothing here is a process). */
  timeoutMs?: number;
}

/** A stream that keeps what is written to it, as a pipe to the test would. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

export async function runInProcess(argv: string[], options: InProcessOptions): Promise<RunResult> {
  const stdout = collector();
  const stderr = collector();
  const stdin = new PassThrough();
  stdin.end(options.input ?? '');
  const io = { stdout: stdout.stream, stderr: stderr.stream, stdin };
  const env = { ...options.env };
  // Never the real process replacement: `exec` must not replace the test runner.
  const run = runMain(argv, io, env, options.services ?? withServices());
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`ollm ${argv.join(' ')} did not finish in ${options.timeoutMs ?? 30_000} ms; it printed:\n${stdout.text()}\n${stderr.text()}`)), options.timeoutMs ?? 30_000);
  });
  try {
    const code = await Promise.race([run, deadline]);
    return { code, signal: null, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    clearTimeout(timer);
  }
}
