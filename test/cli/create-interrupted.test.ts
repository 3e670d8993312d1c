// Issue 12 item 6: `key create` SIGKILLed after the proxy made the key leaves the secret parked
// under ollm-pending. The next create (or rotate) adopts it instead of looping on "alias taken".
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openWorld, json, type World } from '../support/fixture.ts';
import { startUntil } from '../support/kill-during.ts';

/** `key create` killed once the proxy has made the key and its answer is lost. */
async function killCreateAfterGenerate(world: World): Promise<string> {
  const { held } = world.server.hold({ method: 'POST', path: '/key/generate', when: 'after' });
  const { child, closed } = await startUntil(held, ['key', 'create', '--budget', '5', '--write', 'none', ...world.storeFlags], world.env());
  child.kill('SIGKILL');
  await closed;
  world.server.cancelHolds();
  const made = world.server.findByAlias('openclaw');
  assert.ok(made, 'the proxy made the key before the kill');
  assert.equal(world.heldKey('openclaw'), undefined, 'not held yet: only parked');
  assert.equal(world.entries('ollm-pending').get(`openclaw@${world.server.url}`), made.key, 'the secret is parked');
  return made.key;
}

for (const [name, args] of [['key create', ['key', 'create', '--budget', '5', '--write', 'none', '--json']], ['key rotate', ['key', 'rotate', '--json']]] as const) {
  test(`create killed after the proxy made the key: \`ollm ${name}\` adopts it, no second key, nothing parked`, async (t) => {
    // SIGKILLs the binary: what it left is in the real keychain, or without a Secret Service in the shared file store.
    const world = await openWorld({ spawned: true });
    t.after(() => world.close());
    const made = await killCreateAfterGenerate(world);
    const result = await world.ollm(name === 'key create' ? [...args, ...world.storeFlags] : [...args]);
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stderr, /an interrupted `ollm key create` had made the key "openclaw"/);
    assert.equal(world.entries('ollm-pending').get(`openclaw@${world.server.url}`), undefined, 'nothing left parked');
    const live = world.server.keys().filter((k) => k.key_alias === 'openclaw');
    assert.equal(live.length, 1, 'one key under the alias');
    assert.equal(world.heldKey('openclaw'), live[0]!.key, 'the key held here is the live one');
    if (name === 'key create') assert.equal(live[0]!.key, made, 'create adopted the key the proxy had made');
    else assert.notEqual(live[0]!.key, made, 'rotate adopted it, then rotated it');
    if (name === 'key create') assert.equal(json(result).key_alias, 'openclaw');
  });
}

// A create interrupted under --store file, then run again without it: the key goes where this run
// asked (the keychain), not silently to the plain-text file, and the output says where it is.
test('an interrupted --store file create adopted by a plain `key create` is kept in the keychain it asked for', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  const secret = `sk-${'a1'.repeat(16)}`;
  const account = `openclaw@${world.server.url}`;
  const file = join(world.home.dir, '.local', 'state', 'ollm', 'insecure-secrets.json');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify({ version: 1, secrets: { [`ollm-pending/${account}`]: secret } }), { mode: 0o600 });
  world.server.addKey({ key: secret, key_alias: 'openclaw', max_budget: 5, metadata: { ollm_managed: 'true' } });

  const result = await world.ollm(['key', 'create', '--budget', '5', '--write', 'none', '--json']);
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stderr, /an interrupted `ollm key create` had made the key "openclaw"/);
  assert.equal(json(result).storage, 'keychain', 'reported where this run was asked to keep it');
  assert.equal(world.heldKey('openclaw'), secret, 'and it is there');
  const left = JSON.parse(readFileSync(file, 'utf8')).secrets as Record<string, string>;
  assert.deepEqual(Object.keys(left), [], 'no plaintext copy left in the file store');
});

// Issue 23 item 5: the proxy applies /key/generate after ollm stopped waiting (a timeout). The
// key then exists with the secret ollm chose and parked: ollm must keep that parked secret (not say
// "No key was created"), so the next create adopts the key instead of failing on "alias taken".
test('a /key/generate the proxy applies after ollm timed out: "may have been created", and the next create adopts it', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  const { release } = world.server.hold({ method: 'POST', path: '/key/generate', when: 'before' });
  const timedOut = await world.ollm(['key', 'create', '--budget', '5', '--write', 'none', '--timeout', '1', '--json']);
  assert.equal(timedOut.code, 1, timedOut.stdout);
  assert.match(json(timedOut).error.message, /may have been created/);
  assert.doesNotMatch(json(timedOut).error.message, /No key was created/);
  assert.equal(world.entries('ollm-pending').size, 1, 'its secret stays parked');

  await release(); // the proxy finishes the request ollm gave up on
  const late = world.server.findByAlias('openclaw');
  assert.ok(late, 'the key exists after all');
  assert.equal(world.entries('ollm-pending').get(`openclaw@${world.server.url}`), late.key, 'and ollm holds its secret');

  const again = await world.ollm(['key', 'create', '--budget', '5', '--write', 'none', '--json']);
  assert.equal(again.code, 0, `${again.stdout}\n${again.stderr}`);
  assert.match(again.stderr, /an interrupted `ollm key create` had made the key "openclaw"/);
  assert.deepEqual(world.server.keys().map((k) => k.key), [late.key], 'one key on the proxy: the late one');
  assert.equal(world.heldKey('openclaw'), late.key, 'held in the keychain');
  assert.equal(world.entries('ollm-pending').size, 0, 'nothing left parked');
});

// Found by the model-based test (test/model/assistants-state.test.ts): a rotation killed after it
// renamed the old key left no key aliased "claude-code" on the proxy, and `key create --store file`
// asked only the file whether this machine held the key. It made a second key for the alias (kept
// in the file beside the keychain's), and the interrupted rotation could never be resumed ("a key
// with this alias already exists").
test('key create --store file while the keychain holds the alias (its rotation killed after the rename) is refused; the rotation can still be resumed', async (t) => {
  const world = await openWorld({ realKeychain: true }); // it SIGKILLs a rotation
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--for', 'claude-code', '--claude-style', 'file', '--budget', '5', ...world.storeFlags])).code, 0);
  const old = world.heldKey('claude-code')!;
  const { held } = world.server.hold({ method: 'POST', path: '/key/update', when: 'after' });
  const { child, closed } = await startUntil(held, ['key', 'rotate', '--for', 'claude-code'], world.env());
  child.kill('SIGKILL');
  await closed;
  world.server.cancelHolds();
  assert.equal(world.server.findByAlias('claude-code'), undefined, 'the old key was renamed, so the alias is free on the proxy');

  // Where the key is kept already in the file store (no Secret Service here), ask for the keychain instead.
  const other = world.store === 'file' ? [] : ['--store', 'file'];
  const second = await world.ollm(['key', 'create', '--for', 'claude-code', '--budget', '5', ...other]);
  assert.equal(second.code, 1, second.stdout);
  assert.match(second.stderr, /already holds a key "claude-code"/);
  assert.equal(world.server.keys().length, 1, 'no second key on the proxy');

  const resumed = await world.ollm(['key', 'rotate', '--resume', '--for', 'claude-code']);
  assert.equal(resumed.code, 0, resumed.stderr);
  // Cut short before the new key existed, the resume rolls back: the old key has its alias again.
  assert.equal(world.heldKey('claude-code'), old);
  assert.equal(world.server.findByAlias('claude-code')?.key, old);
  assert.equal(world.server.keys().length, 1);
});
