// A child process for test/unit/file-lock.test.ts: waits for the start file, takes the lock,
// logs entering and leaving its critical section, and releases.
import { appendFileSync, existsSync } from 'node:fs';
import { acquireFileLock } from '../../src/io/file-lock.ts';

const [lockDir, log, start, rounds, ready] = process.argv.slice(2) as [string, string, string, string, string];
appendFileSync(ready, `${process.pid}\n`);
while (!existsSync(start)) await new Promise((r) => setTimeout(r, 5));
for (let i = 0; i < Number(rounds); i++) {
  const lock = await acquireFileLock(lockDir, 60_000);
  appendFileSync(log, `enter ${process.pid}\n`);
  // Stay inside a little, so an intruder would overlap.
  await new Promise((r) => setTimeout(r, 5 + Math.random() * 10));
  appendFileSync(log, `leave ${process.pid}\n`);
  await lock.release();
}
