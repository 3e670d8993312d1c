// The CLI as a process runs it: the process's streams and environment around runMain. main.ts
// calls it with process.stdin; the key helper (key-helper/main.ts) calls it when its own short
// path cannot answer, with the stdin it has already read put back in front.
import type { Readable } from 'node:stream';
import { runMain } from './run-main.ts';
import { defaultServices, withServices } from './services.ts';

/** Runs `argv` as the `ollm` process would; resolves to the exit code. */
export async function runProcess(argv: string[], stdin: Readable = process.stdin): Promise<number> {
  // A reader that went away (`ollm env | true`, `ollm key rotate 2>&1 | head -2`) is not an error of
  // ollm's: what it would have read is gone either way. It must not end the command either: a
  // rotation between two remote steps would be left half-way, its journal unsettled and OpenClaw on
  // the old key. So ollm stops writing there and finishes its work: after EPIPE the stream is
  // destroyed, and Node drops every later write to it without another error event.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  // Test-only: OLLM_TEST_NOW fixes the clock of a spawned ollm, so the tests of the scheduled job
  // (test/cli/schedule-*.test.ts) can run it as the scheduler does, days or weeks later. Read here,
  // in the composition root, and nowhere else; no user-facing behaviour depends on it.
  const testNow = process.env.OLLM_TEST_NOW ? new Date(process.env.OLLM_TEST_NOW) : null;
  const services = testNow && !Number.isNaN(testNow.getTime()) ? withServices({ now: () => new Date(testNow), replaceProcess: defaultServices().replaceProcess }) : undefined;
  return runMain(argv, { stdout: process.stdout, stderr: process.stderr, stdin }, process.env, services);
}
