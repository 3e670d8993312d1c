// Loaded with --import by test/run.ts into every test file's process: once the file's tests are
// done, a test file that does not exit (a server left listening, a child process, a socket) fails
// within OLLM_TEST_EXIT_GRACE_MS (20 s) naming what keeps it alive, instead of at the 15-minute
// file timeout with no clue.
import { ChildProcess } from 'node:child_process';
import { Server, Socket } from 'node:net';
import { after } from 'node:test';

const DEFAULT_GRACE_MS = 20_000;

/** What one handle of `process._getActiveHandles()` is, in a line a person can act on. */
function describeHandle(handle: unknown): string | null {
  if (handle === process.stdout || handle === process.stderr || handle === process.stdin) return null;
  if (handle instanceof Server) {
    const address = handle.address();
    return `a server listening on ${typeof address === 'string' ? address : address ? `${address.address}:${address.port}` : '(no address)'}`;
  }
  if (handle instanceof Socket) {
    if (!handle.remoteAddress) return null; // a pipe: the runner's own channel, or a child's stdio
    return `a socket ${handle.localAddress}:${handle.localPort} → ${handle.remoteAddress}:${handle.remotePort}`;
  }
  if (handle instanceof ChildProcess) return `a child process ${handle.pid}: ${handle.spawnargs.join(' ')}`;
  return null;
}

/** The report printed when the file is still alive: resource kinds, then each handle named. */
export function whatKeepsAlive(): string {
  const getHandles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles;
  const named = (getHandles?.call(process) ?? []).map(describeHandle).filter((line): line is string => line !== null);
  return [`active resources: ${process.getActiveResourcesInfo().join(', ')}`, ...named].map((line) => `  ${line}`).join('\n');
}

// Only in a test file's process (the runner sets NODE_TEST_CONTEXT there), not in the runner itself.
if (process.env.NODE_TEST_CONTEXT) {
  // The first root-level after hook (this module loads before the file), so the grace also
  // covers the file's own after hooks: one that hangs is caught too.
  after(() => {
    const graceMs = Number(process.env.OLLM_TEST_EXIT_GRACE_MS) || DEFAULT_GRACE_MS;
    const timer = setTimeout(() => {
      process.stderr.write(`exit-guard: ${process.argv[1]} is still running ${graceMs / 1000} s after its last test; what keeps it alive:\n${whatKeepsAlive()}\n`);
      process.exit(1);
    }, graceMs);
    timer.unref(); // the guard itself must not keep the file alive
  });
}
