// Issue 12 item 6: `key create` SIGKILLed after the proxy made the key leaves the secret parked
// under ollm-pending. The next create (or rotate) adopts it instead of looping on "alias taken".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openWorld, json, type World } from '../support/fixture.ts';
import { keychainEnv, OLLM, needsSecretService } from '../support/cli.ts';
import { lookupSecret } from '../support/secret-service.ts';

const keychain = keychainEnv();

/** `key create` killed once the proxy has made the key and its answer is lost. */
async function killCreateAfterGenerate(world: World): Promise<string> {
  const { held } = world.server.hold({ method: 'POST', path: '/key/generate', when: 'after' });
  const child = spawn(process.execPath, [OLLM, 'key', 'create', '--budget', '5', '--write', 'none'], { env: world.env(), stdio: 'ignore' });
  await held;
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('close', resolve));
  world.server.cancelHolds();
  const made = world.server.findByAlias('openclaw');
  assert.ok(made, 'the proxy made the key before the kill');
  assert.equal(world.heldKey('openclaw'), undefined, 'not held yet: only parked');
  assert.equal(lookupSecret(keychain.env, 'ollm-pending', `openclaw@${world.server.url}`), made.key, 'the secret is parked');
  return made.key;
}

for (const [name, args] of [['key create', ['key', 'create', '--budget', '5', '--write', 'none', '--json']], ['key rotate', ['key', 'rotate', '--json']]] as const) {
  test(`create killed after the proxy made the key: \`ollm ${name}\` adopts it, no second key, nothing parked`, needsSecretService, async (t) => {
    const world = await openWorld({ spawned: true }) /* SIGKILLs the binary; what it left is in the real keychain */;
    t.after(() => world.close());
    const made = await killCreateAfterGenerate(world);
    const result = await world.ollm([...args]);
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stderr, /an interrupted `ollm key create` had made the key "openclaw"/);
    assert.equal(lookupSecret(keychain.env, 'ollm-pending', `openclaw@${world.server.url}`), undefined, 'nothing left parked');
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
