// Issue 23, smaller ones: a file where ollm's lock folder goes, or a state folder it may not write,
// used to end in "ollm failed unexpectedly" after the proxy had made a key (key create then held a
// key it had not recorded; key rotate left a second key and a pending journal). Now both commands
// check before they ask the proxy for anything, and name the path and the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorld, type World } from '../support/fixture.ts';
import { userErrorForSystemError } from '../../src/io/system-errors.ts';

function stateDir(world: World): string {
  const dir = join(world.home.dir, '.local', 'state', 'ollm');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

test('a file at the target list\'s lock path: key create makes no key, names the path and how to clear it; then it works', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  const lock = join(stateDir(world), 'targets.json.lock');
  writeFileSync(lock, 'not a folder');

  const refused = await world.ollm(['key', 'create', '--budget', '5', '--write', 'none']);
  assert.equal(refused.code, 1, refused.stderr);
  assert.ok(refused.stderr.includes(`${lock} should be ollm's lock folder, but a file is in its place`), refused.stderr);
  assert.match(refused.stderr, /remove it \(rm -- '.*targets\.json\.lock'\)/);
  assert.doesNotMatch(refused.stderr, /failed unexpectedly/);
  assert.equal(world.server.keys().length, 0, 'the proxy made no key');
  assert.equal(world.heldKey('openclaw'), undefined, 'nothing held');

  rmSync(lock);
  const created = await world.ollm(['key', 'create', '--budget', '5', '--write', 'none']);
  assert.equal(created.code, 0, created.stderr);
  assert.equal(world.heldKey('openclaw'), world.server.findByAlias('openclaw')?.key);
});

test('a file at the target list\'s lock path: key rotate changes nothing on the proxy or here', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--budget', '5', '--write', 'none'])).code, 0);
  const before = world.heldKey('openclaw');
  rmSync(join(stateDir(world), 'targets.json.lock'), { recursive: true, force: true }); // the lock's (empty) folder
  writeFileSync(join(stateDir(world), 'targets.json.lock'), 'not a folder');

  const refused = await world.ollm(['key', 'rotate']);
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, /should be ollm's lock folder/);
  assert.deepEqual(world.server.keys().map((k) => k.key), [before], 'one key on the proxy: the old one');
  assert.equal(world.heldKey('openclaw'), before);
  rmSync(join(stateDir(world), 'targets.json.lock'));
  const rotated = await world.ollm(['key', 'rotate']);
  assert.equal(rotated.code, 0, `${rotated.stderr}`);
  assert.doesNotMatch(rotated.stderr, /interrupted/, 'there was nothing to resume');
});

test('a file in place of the locks folder: key rotate is refused before anything changes', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--budget', '5', '--write', 'none'])).code, 0);
  const before = world.heldKey('openclaw');
  rmSync(join(stateDir(world), 'locks'), { recursive: true, force: true });
  writeFileSync(join(stateDir(world), 'locks'), 'not a folder');

  const refused = await world.ollm(['key', 'rotate']);
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, /locks\/[0-9a-f]+\.lock should be ollm's lock folder, but the file \S+\/ollm\/locks is in the way/);
  assert.match(refused.stderr, /rm -- '\S+\/ollm\/locks'\)/);
  assert.deepEqual(world.server.keys().map((k) => k.key), [before]);
});

test('a path ollm may not write is named with the reason and the fix, not "failed unexpectedly"', () => {
  for (const [code, reason] of [['EACCES', 'permission denied'], ['EROFS', 'the file system is read-only'], ['EPERM', 'the operation is not permitted']] as const) {
    const error = Object.assign(new Error(`${code}: open`), { code, path: '/home/u/.local/state/ollm/targets.json' });
    const known = userErrorForSystemError(error);
    assert.equal(known?.code, 'cannot_write');
    assert.equal(known?.message, `ollm may not use /home/u/.local/state/ollm/targets.json: ${reason}.`);
    assert.match(known?.hint ?? '', /writable by you/);
  }
  assert.equal(userErrorForSystemError(Object.assign(new Error('x'), { code: 'EACCES' })), undefined, 'no path, nothing to name');
});
