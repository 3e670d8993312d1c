// A key kept in the file store (`--store file`) never needs a keychain: on a machine without a
// session bus every command that works on it succeeds, and nothing asks the keychain for a second
// entry (the parked one of a create or rotation) and fails because there is none to ask.
// In-process the memory keychain fails as an absent one does (world.noKeychain()); the spawned
// test gives the binary a session bus address where no socket exists. No Secret Service needed.
import { beforeEach, afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { json, needsProcess, openWorld, spawnedTest, type World } from '../support/fixture.ts';
import { makeHome, runOllm } from '../support/cli.ts';
import { startFakeLiteLLM } from '../support/litellm-server.ts';

let world: World;

beforeEach(async (t) => { if (!needsProcess(t)) world = await openWorld(); });
afterEach(async () => { await world?.close(); world = undefined as unknown as World; });

const storeFile = () => join(world.home.dir, '.local', 'state', 'ollm', 'insecure-secrets.json');
const fileSecrets = () => JSON.parse(readFileSync(storeFile(), 'utf8')).secrets as Record<string, string>;

async function createInFile(env: NodeJS.ProcessEnv): Promise<string> {
  const created = await world.ollm(['key', 'create', '--alias', 'openclaw', '--budget', '5', '--store', 'file', '--json'], { env });
  assert.equal(created.code, 0, created.stderr);
  return world.server.findByAlias('openclaw')!.key;
}

test('revoke of a file-stored key with no keychain: the key is deleted on the proxy and from the file', async () => {
  const env = world.noKeychain();
  const key = await createInFile(env);
  const revoked = await world.ollm(['key', 'revoke', '--alias', 'openclaw', '--yes', '--json'], { env });
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.doesNotMatch(revoked.stderr, /Cannot read|D-Bus/);
  assert.equal(world.server.findByKey(key), undefined, 'the key is gone on the proxy');
  assert.deepEqual(Object.keys(fileSecrets()), [], 'and from the file');
});

test('revoke with only a parked key in the file (a create killed after the proxy made it) and no keychain deletes it', async () => {
  const env = world.noKeychain();
  const key = await createInFile(env);
  // What a `key create --store file` killed after /key/generate leaves: the secret parked, not held.
  const account = `openclaw@${world.server.url}`;
  writeFileSync(storeFile(), JSON.stringify({ version: 1, secrets: { [`ollm-pending/${account}`]: key } }), { mode: 0o600 });
  const revoked = await world.ollm(['key', 'revoke', '--alias', 'openclaw', '--yes', '--json'], { env });
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.equal(world.server.findByKey(key), undefined, 'the parked key is gone on the proxy');
  assert.deepEqual(fileSecrets(), {}, 'and from the file');
});

test('rotate with only a parked key in the file and no keychain adopts it, then rotates it', async () => {
  const env = world.noKeychain();
  const key = await createInFile(env);
  const account = `openclaw@${world.server.url}`;
  writeFileSync(storeFile(), JSON.stringify({ version: 1, secrets: { [`ollm-pending/${account}`]: key } }), { mode: 0o600 });
  const rotated = await world.ollm(['key', 'rotate', '--json'], { env });
  assert.equal(rotated.code, 0, rotated.stdout);
  assert.match(rotated.stderr, /an interrupted `ollm key create` had made the key "openclaw"/);
  const fresh = world.server.findByAlias('openclaw')!.key;
  assert.notEqual(fresh, key);
  assert.deepEqual(fileSecrets(), { [`ollm/${account}`]: fresh }, 'held in the file, nothing parked');
});

test('rotate, key write, key update and doctor of a file-stored key with no keychain never ask it', async () => {
  const env = world.noKeychain();
  const old = await createInFile(env);
  const rotated = await world.ollm(['key', 'rotate', '--json'], { env });
  assert.equal(rotated.code, 0, rotated.stderr);
  const fresh = world.server.findByAlias('openclaw')!.key;
  assert.notEqual(fresh, old);
  assert.deepEqual(fileSecrets(), { [`ollm/openclaw@${world.server.url}`]: fresh }, 'the file holds the new key, no parked entry');
  const written = await world.ollm(['key', 'write', '--alias', 'openclaw', '--json'], { env });
  assert.equal(written.code, 0, written.stderr);
  const updated = await world.ollm(['key', 'update', '--alias', 'openclaw', '--budget', '9', '--json'], { env });
  assert.equal(updated.code, 0, updated.stderr);
  assert.equal(world.server.findByAlias('openclaw')!.max_budget, 9);
  const doctor = await world.ollm(['doctor', '--json'], { env });
  assert.doesNotMatch(doctor.stderr, /Cannot read the key/);
  const checks = json(doctor).checks as Array<{ name: string; status: string; message?: string }>;
  assert.equal(checks.filter((c) => /Cannot read the key/.test(c.message ?? '')).length, 0, JSON.stringify(checks));
});

spawnedTest('the binary without a session bus revokes a file-stored key', {}, async () => {
  const server = await startFakeLiteLLM();
  const home = makeHome();
  try {
    const env = { ...home.env, LITELLM_PROXY_URL: server.url, LITELLM_MASTER_KEY: server.masterKey ?? undefined, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home.dir, 'no-bus')}` };
    const created = await runOllm(['key', 'create', '--alias', 'openclaw', '--store', 'file', '--write', 'none'], { env });
    assert.equal(created.code, 0, created.stderr);
    const key = server.findByAlias('openclaw')!.key;
    const revoked = await runOllm(['key', 'revoke', '--alias', 'openclaw', '--yes'], { env });
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.doesNotMatch(revoked.stderr, /D-Bus/);
    assert.equal(server.findByKey(key), undefined, 'the key is gone on the proxy');
  } finally {
    await server.close();
    home.cleanup();
  }
});
