// Entry point of the bundled CLI: the process's streams and exit code around runMain.
import { runMain } from './run-main.ts';

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
process.exitCode = await runMain(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }, process.env);
