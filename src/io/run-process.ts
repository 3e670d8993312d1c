// Run a helper program to completion with its output collected, input on stdin (always closed, so
// it never waits on a terminal) and a deadline after which it is killed with all it started.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { killGroup, killWithUs, OWN_GROUP } from './process-group.ts';

export interface ProcessRun {
  /** null when it was killed or never started. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Which outputs went past MAX_OUTPUT_BYTES: what is kept is their start. */
  truncated: { stdout: boolean; stderr: boolean };
  /** It could not be started (not found, not executable): spawn's error. */
  spawnError?: Error;
}

export interface RunProcessOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  input?: string;
  /** Then SIGKILL to its whole process group: a helper that overstays has no claim to a graceful end. */
  timeoutMs: number;
}

/** Per stream. ollm reads a JSON answer or a line of error from a helper; more is a helper gone wrong. */
export const MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * After the helper exits, how long its output may still take to arrive. What it wrote is already
 * in the pipes; only a child it left running can keep them open, and ollm does not wait for that.
 */
export const DRAIN_MS = 200;

export function runProcess(command: string, args: readonly string[], options: RunProcessOptions): Promise<ProcessRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: OWN_GROUP });
    const release = killWithUs(child);
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    let timedOut = false;
    let settled = false;
    let drain: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => { timedOut = true; killGroup(child); }, options.timeoutMs);

    const settle = (code: number | null, spawnError?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(drain);
      release();
      // A child the helper left behind may hold the pipes: stop reading them so they keep ollm
      // waiting no longer (the child gets EPIPE if it writes again).
      for (const stream of [child.stdin, child.stdout, child.stderr]) stream.destroy();
      const run: ProcessRun = {
        code, stdout: stdout.text(), stderr: stderr.text(), timedOut,
        truncated: { stdout: stdout.truncated(), stderr: stderr.truncated() },
      };
      resolve(spawnError ? { ...run, spawnError } : run);
    };

    child.stdin.on('error', () => {}); // it may exit before reading stdin (EPIPE)
    child.on('error', (error) => settle(null, error));
    child.on('exit', (code) => {
      clearTimeout(deadline);
      drain = setTimeout(() => settle(code), DRAIN_MS);
    });
    // Both pipes ended: everything was read.
    child.on('close', (code) => settle(code));
    child.stdin.end(options.input ?? '');
  });
}

/** Reads a stream to the end, keeping the first MAX_OUTPUT_BYTES (and reading on, so the writer is never blocked). */
function collect(stream: Readable): { text(): string; truncated(): boolean } {
  const chunks: Buffer[] = [];
  let kept = 0;
  let cut = false;
  stream.on('data', (chunk: Buffer) => {
    const room = MAX_OUTPUT_BYTES - kept;
    if (chunk.length > room) cut = true;
    if (room <= 0) return;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    chunks.push(part);
    kept += part.length;
  });
  // Decoded once at the end, so a character split between two chunks stays whole.
  return { text: () => Buffer.concat(chunks).toString('utf8'), truncated: () => cut };
}
