// Issue 23, smaller ones: `key write --store` was accepted and silently ignored. Now it moves the
// held key to that store (the new copy first, the old one last) and rewrites its places for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { json, openWorld, type World } from '../support/fixture.ts';

function fileStore(world: World): Record<string, string> {
  const file = join(world.home.dir, '.local', 'state', 'ollm', 'insecure-secrets.json');
  if (!existsSync(file)) return {};
  assert.equal(statSync(file).mode & 0o777, 0o600);
  return (JSON.parse(readFileSync(file, 'utf8')) as { secrets: Record<string, string> }).secrets;
}

test('key write --store keychain moves a key kept in the plain-text file into the keychain, and nothing else changes', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--budget', '5', '--write', 'profile', '--store', 'file'])).code, 0);
  const account = `openclaw@${world.server.url}`;
  const secret = fileStore(world)[`ollm/${account}`];
  assert.ok(secret, 'kept in the file');
  assert.equal(world.heldKey('openclaw'), undefined, 'not in the keychain yet');

  const moved = await world.ollm(['key', 'write', '--store', 'keychain', '--json']);
  assert.equal(moved.code, 0, moved.stderr);
  assert.deepEqual(json(moved).moved, { from: 'file', to: 'keychain' });
  assert.equal(world.heldKey('openclaw'), secret, 'the same key, now in the keychain');
  assert.equal(fileStore(world)[`ollm/${account}`], undefined, 'and no longer in the file');
  assert.equal(world.server.keys().length, 1, 'the proxy was not asked to change anything');
  const human = await world.ollm(['key', 'write']);
  assert.doesNotMatch(human.stdout, /Moved/, 'a write without --store moves nothing');
  assert.match(human.stdout, /Wrote "openclaw" to/);
});

test('key write --store file moves it out of the keychain into the 0600 file', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--budget', '5', '--write', 'none'])).code, 0);
  const secret = world.heldKey('openclaw');
  const moved = await world.ollm(['key', 'write', '--store', 'file', '--write', 'none']);
  assert.equal(moved.code, 0, moved.stderr);
  assert.match(moved.stdout, /Moved "openclaw" from the OS keychain.* to the plain-text file .*insecure-secrets\.json/);
  assert.equal(fileStore(world)[`ollm/openclaw@${world.server.url}`], secret);
  assert.equal(world.heldKey('openclaw'), undefined);
});

test('a move whose places cannot be written for the new store is refused before anything moves', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--budget', '5', '--write', 'openclaw', '--openclaw-style', 'keychain'])).code, 0);
  const secret = world.heldKey('openclaw');
  const refused = await world.ollm(['key', 'write', '--store', 'file']);
  assert.notEqual(refused.code, 0, refused.stdout);
  assert.match(refused.stderr, /keychain/);
  assert.equal(world.heldKey('openclaw'), secret, 'still in the keychain');
  assert.equal(fileStore(world)[`ollm/openclaw@${world.server.url}`], undefined, 'nothing in the file');
});
