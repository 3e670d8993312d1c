// Issue 23, smaller ones: a lock ticket whose pid belongs to another live process blocked a key
// forever with nothing naming it. Tickets now carry the process's start time (test/unit/file-lock),
// and for older tickets (or an ollm stuck for long) the doctor names the holder and the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { keyLockDir } from '../../src/rotation/lock.ts';
import { json, openWorld } from '../support/fixture.ts';

test('an old ticket whose pid now belongs to another program: the doctor names it and how to clear it; after that the key can change', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--budget', '5', '--write', 'none'])).code, 0);
  const stranger = spawn('sleep', ['600'], { stdio: 'ignore' });
  t.after(() => stranger.kill());
  const lock = keyLockDir(join(world.home.dir, '.local', 'state', 'ollm'), `openclaw@${world.server.url}`);
  mkdirSync(lock, { recursive: true });
  const ticket = join(lock, `${stranger.pid}.abcdef`);
  writeFileSync(ticket, `${stranger.pid}\n`); // the older format: a pid, no start time

  const blocked = await world.ollm(['key', 'rotate', '--wait', '1s']);
  assert.equal(blocked.code, 1);
  assert.match(blocked.stderr, new RegExp(`pid ${stranger.pid}\\) is rotating`));
  assert.match(blocked.stderr, /`ollm doctor` names what holds the lock/);

  const doctor = await world.ollm(['doctor', '--json']);
  const locks = (json(doctor).checks as Array<{ id: string; status: string; message: string; fix: string }>).find((c) => c.id === 'locks')!;
  assert.equal(locks.status, 'warn');
  assert.match(locks.message, new RegExp(`The lock of the key "openclaw" is held by pid ${stranger.pid} \\(sleep 600\\), which is not ollm`));
  assert.equal(locks.fix, `If no ollm command is running: rm -- ${ticket}`);

  await world.ollm(['--version']); // nothing else touches the lock
  assert.ok(existsSync(ticket), 'the doctor removes nothing itself');
  const { rmSync } = await import('node:fs');
  rmSync(ticket);
  const rotated = await world.ollm(['key', 'rotate', '--wait', '1s']);
  assert.equal(rotated.code, 0, rotated.stderr);
});

test('a free lock reads ok', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--budget', '5', '--write', 'none'])).code, 0);
  const doctor = await world.ollm(['doctor', '--json']);
  const locks = (json(doctor).checks as Array<{ id: string; status: string; message: string }>).find((c) => c.id === 'locks')!;
  assert.deepEqual([locks.status, locks.message], ['ok', 'no command holds the key\'s lock']);
});
