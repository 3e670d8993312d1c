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

// Found by the model-based test (test/model/assistants-state.test.ts): a move from the keychain to
// the file cut short after its first step leaves the key in both stores; the file is read first, so
// `key write --store file` saw no move to make and left the keychain's copy for ever (after a
// rotation, an old key that still works during its grace).
test('key write --store file finishes a move that was cut short: the copy left in the keychain goes', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--for', 'codex', '--codex-style', 'file', '--budget', '5'])).code, 0);
  const account = `codex@${world.server.url}`;
  const secret = world.heldKey('codex')!;
  // The state a SIGKILL between the move's two steps leaves: the file written, the keychain not yet emptied.
  const cut = await world.ollm(['key', 'write', '--for', 'codex', '--store', 'file']);
  assert.equal(cut.code, 0, cut.stderr);
  world.keychain!.set('ollm', account, secret);

  const finished = await world.ollm(['key', 'write', '--for', 'codex', '--store', 'file', '--json']);
  assert.equal(finished.code, 0, finished.stderr);
  assert.equal(fileStore(world)[`ollm/${account}`], secret, 'kept in the file');
  assert.equal(world.heldKey('codex'), undefined, 'and no longer in the keychain');
  assert.deepEqual(json(finished).moved, { from: 'keychain', to: 'file' });
});

test('key write --store file with the key in the file only needs no keychain (a machine without one)', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--for', 'codex', '--codex-style', 'file', '--budget', '5', '--store', 'file'])).code, 0);
  const secret = fileStore(world)[`ollm/codex@${world.server.url}`];
  const again = await world.ollm(['key', 'write', '--for', 'codex', '--store', 'file', '--json'], { env: world.noKeychain() });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(json(again).moved, undefined, 'nothing to move');
  assert.equal(fileStore(world)[`ollm/codex@${world.server.url}`], secret);
});

test('key write --store file with the key in the file and a locked keychain: the write succeeds, and says it could not look for a copy there', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--for', 'codex', '--codex-style', 'file', '--budget', '5', '--store', 'file'])).code, 0);
  world.keychain!.failWith('Platform secure storage failure: the collection is locked');
  const again = await world.ollm(['key', 'write', '--for', 'codex', '--store', 'file']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /could not remove a copy an earlier move may have left in the OS keychain/);
  assert.ok(fileStore(world)[`ollm/codex@${world.server.url}`], 'still kept in the file');
});
