// Entry point of the bundled CLI: the process's streams and exit code around runMain.
import { runMain } from './run-main.ts';
import { defaultServices, withServices } from './services.ts';

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
process.exitCode = await runMain(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }, process.env, services);
