// The lock's one promise: never two holders, even when its holder died and many wait at once
// (the old delete-the-stale-file takeover let two waiters in).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireFileLock, LockTimeout } from '../../src/io/file-lock.ts';

const CONTENDER = new URL('../support/lock-contender.ts', import.meta.url).pathname;

/** The pid of a process that has exited: a holder that was SIGKILLed. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

test('a dead holder and 12 processes waiting: each gets the lock in turn, never two at once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-lock-'));
  try {
    const lockDir = join(dir, 'k.lock');
    mkdirSync(lockDir);
    writeFileSync(join(lockDir, `${deadPid()}.stale`), `${deadPid()}\n`);
    writeFileSync(join(lockDir, 'unwritten'), ''); // a holder killed before writing its pid
    const log = join(dir, 'log');
    writeFileSync(log, '');
    const start = join(dir, 'go');
    const ready = join(dir, 'ready');
    writeFileSync(ready, '');
    const children = Array.from({ length: 12 }, () => spawn(process.execPath, ['--import', 'tsx', CONTENDER, lockDir, log, start, '3', ready], { stdio: 'inherit' }));
    // All of them loaded before any starts: they then all find the stale lock together.
    while (readFileSync(ready, 'utf8').trim().split('\n').filter(Boolean).length < 12) await new Promise((r) => setTimeout(r, 20));
    writeFileSync(start, '');
    const codes = await Promise.all(children.map((c) => new Promise((r) => c.on('close', r))));
    assert.deepEqual(codes, Array(12).fill(0));
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    assert.equal(lines.length, 12 * 3 * 2);
    for (let i = 0; i < lines.length; i += 2) {
      const [enter, leave] = [lines[i]!.split(' '), lines[i + 1]!.split(' ')];
      assert.equal(enter[0], 'enter', `line ${i}: ${lines.slice(i, i + 2).join(' / ')}`);
      assert.deepEqual(leave, ['leave', enter[1]], `someone entered while ${enter[1]} held the lock`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a live holder makes a waiter give up at its deadline, naming the holder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-lock-'));
  try {
    const held = await acquireFileLock(join(dir, 'k.lock'), 1000);
    await assert.rejects(acquireFileLock(join(dir, 'k.lock'), 200), (error) => error instanceof LockTimeout && error.holder === process.pid);
    await held.release();
    const again = await acquireFileLock(join(dir, 'k.lock'), 200);
    await again.release();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a ticket whose pid now belongs to another live process (pid reused) is stale: swept, the lock is taken', { skip: process.platform !== 'linux' && 'start times are read from /proc (Linux)' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-lock-'));
  // A live process that is not the ticket's writer: same pid, another start time.
  const other = spawn('sleep', ['60'], { stdio: 'ignore' });
  try {
    const lockDir = join(dir, 'k.lock');
    mkdirSync(lockDir);
    writeFileSync(join(lockDir, `${other.pid}.reused`), `${other.pid} 1\n`);
    const lock = await acquireFileLock(lockDir, 0);
    await lock.release();
    assert.deepEqual(readdirSync(lockDir), [], 'the stale ticket was swept');
    // The live process's own ticket (its real start time) still holds the lock.
    const start = readFileSync(`/proc/${other.pid}/stat`, 'utf8').split(') ').pop()!.split(' ')[19];
    writeFileSync(join(lockDir, `${other.pid}.real`), `${other.pid} ${start}\n`);
    await assert.rejects(acquireFileLock(lockDir, 0), (error) => error instanceof LockTimeout && error.holder === other.pid);
  } finally {
    other.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('contenders in one process take the lock one at a time, in the order they asked (the lock passes straight on, no polling between them)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-lock-'));
  try {
    const order: number[] = [];
    let inside = 0;
    await Promise.all(Array.from({ length: 12 }, async (_, i) => {
      const lock = await acquireFileLock(join(dir, 'k.lock'), 60_000);
      inside += 1;
      assert.equal(inside, 1, 'never two holders');
      order.push(i);
      await new Promise((resolve) => setImmediate(resolve));
      inside -= 1;
      await lock.release();
    }));
    assert.deepEqual(order, Array.from({ length: 12 }, (_, i) => i));
    assert.deepEqual(readdirSync(join(dir, 'k.lock')), [], 'every ticket withdrawn');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
