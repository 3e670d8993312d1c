// Readiness polling for the harness's servers, and free ports on 127.0.0.1.
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { HarnessError } from './harness-error.ts';

/** Polls until `ready` says yes; a server needs time to come up and gives no event for it. */
export async function waitFor(what: string, timeoutMs: number, ready: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new HarnessError(`${what} did not become ready within ${timeoutMs / 1000} s`);
    await delay(100);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
