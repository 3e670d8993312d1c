// Entry point of the bundled CLI: the process's streams and exit code around runMain.
import { runMain } from './run-main.ts';

// A reader that went away (`ollm env | head -0`, `| true`) is not an error of ollm's: what it
// would have read is gone either way, so end quietly instead of dying on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
process.exitCode = await runMain(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }, process.env);
