// Revoke and write against rotations (issue 12, item 4): a revoke kills every key a rotation left
// live for the alias, waits for a running rotation, and never deletes a newer key's entry;
// `key write` never writes a key that a concurrent rotation has just replaced.
import { beforeEach, afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { killsProcess, killTest, needsProcess, openWorld, json, spawnedTest, type World } from '../support/fixture.ts';
import { needsSecretService } from '../support/cli.ts';
import { killDuring } from '../support/kill-during.ts';
import { Json5Document } from '../../src/edit/json5-document.ts';

let world: World;

beforeEach(async (t) => { world = await openWorld({ spawned: needsProcess(t), realKeychain: killsProcess(t) }); });
afterEach(async () => { await world.close(); });

const stateDir = () => join(world.home.dir, '.local', 'state', 'ollm');
const journals = () => readdirSync(join(stateDir(), 'rotations')).filter((n) => n.endsWith('.json'));
const pendingEntries = () => [...world.entries('ollm-pending').keys()].filter((account) => account.endsWith(`@${world.server.url}`));
const configKey = () => Json5Document.parse(readFileSync(join(world.home.dir, '.openclaw', 'openclaw.json'), 'utf8'), 'f').get(['env', 'vars', 'LITELLM_API_KEY']);
const aliasKeys = () => world.server.keys().filter((k) => k.key_alias?.startsWith('openclaw'));

async function authenticates(key: string): Promise<boolean> {
  return (await fetch(`${world.server.url}/key/info`, { headers: { authorization: `Bearer ${key}` } })).status === 200;
}

async function createKey(): Promise<string> {
  const result = await world.ollm(['key', 'create', '--models', 'gpt-4o', ...world.storeFlags]);
  assert.equal(result.code, 0, result.stderr);
  return world.server.findByAlias('openclaw')!.key;
}

for (const [step, hold] of [
  ['creating the new key', { method: 'POST', path: '/key/generate', when: 'after' }],
  ['deleting the old key', { method: 'POST', path: '/key/delete', when: 'before' }],
] as const) {
  killTest(`revoke after a rotation killed while ${step}: no key of the alias works, nothing is left`, {}, async () => {
    const old = await createKey();
    assert.ok(await killDuring(world, ['key', 'rotate'], hold));
    const live = aliasKeys().map((k) => k.key);
    assert.ok(live.length === 2 && live.includes(old), 'both keys are live after the kill');
    const result = await world.ollm(['key', 'revoke', '--yes', '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(json(result).deleted_tokens.length, 2);
    for (const key of live) assert.equal(await authenticates(key), false, 'revoked');
    assert.deepEqual(aliasKeys(), []);
    assert.equal(world.heldKey('openclaw'), undefined);
    assert.deepEqual(pendingEntries(), []);
    assert.deepEqual(journals(), []);
  });
}

test('revoke after --grace also deletes the retired predecessor', async () => {
  const old = await createKey();
  assert.equal((await world.ollm(['key', 'rotate', '--grace', '24h'])).code, 0);
  assert.ok(await authenticates(old), 'in its grace period');
  const result = await world.ollm(['key', 'revoke', '--yes', '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(json(result).retired_deleted.length, 1);
  assert.equal(await authenticates(old), false);
  assert.deepEqual(aliasKeys(), []);
});

spawnedTest('revoke racing a rotation: whichever runs first, no key of the alias is left working or held', {}, async () => {
  for (let round = 0; round < 3; round++) {
    await createKey();
    const [rotated, revoked] = await Promise.all([world.ollm(['key', 'rotate']), world.ollm(['key', 'revoke', '--yes'])]);
    assert.equal(revoked.code, 0, revoked.stderr);
    // A rotation that starts after the revoke finds no key: on the file store with no keychain to
    // ask, it cannot know the keychain holds none, and says it could not ask it.
    const noKey = world.store === 'file' ? /holds no key|no D-Bus session/ : /holds no key/;
    assert.ok(rotated.code === 0 || noKey.test(rotated.stderr), rotated.stderr);
    assert.deepEqual(aliasKeys(), [], `round ${round}: a key survived`);
    assert.equal(world.heldKey('openclaw'), undefined);
  }
});

spawnedTest('key write racing a rotation never leaves the replaced key in OpenClaw\'s config', {}, async () => {
  const old = await createKey();
  // Stall the write after it has read the key (it lists the models with it) until the rotation has
  // finished (deleted the old key) — which a write holding the key's lock never lets happen.
  let reached!: () => void;
  const writeStalled = new Promise<void>((r) => { reached = r; });
  world.server.override('GET', '/v1/models', (_req, res) => {
    reached();
    const start = Date.now();
    const answer = () => {
      const rotated = world.server.requests.some((r) => r.path === '/key/delete');
      if (!rotated && Date.now() - start < 3000) return void setTimeout(answer, 20);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o', object: 'model', created: 0, owned_by: 'openai' }] }));
    };
    answer();
  });
  const before = world.server.requests.length;
  const writing = world.ollm(['key', 'write']);
  await writeStalled;
  const [rotated, written] = await Promise.all([world.ollm(['key', 'rotate']), writing]);
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.equal(written.code, 0, written.stderr);
  assert.ok(world.server.requests.length > before);
  assert.notEqual(world.heldKey('openclaw'), old);
  assert.equal(configKey(), world.heldKey('openclaw'), 'the config holds the live key');
  assert.ok(await authenticates(configKey() as string));
});

for (const hold of [{ method: 'POST', path: '/key/generate', when: 'after' }, { method: 'POST', path: '/key/delete', when: 'after' }] as const) {
  // The fleet's new secret is parked in the keychain (a key not held here has no store to follow; `key
  // rotate` has no --store): this one needs the real keychain.
  killTest(`fleet --reveal killed at ${hold.path} (${hold.when}): only a resume that prints the key may finish it (item 5)`, needsSecretService, async () => {
    const fleet = world.server.addKey({ key_alias: 'fleet-a', max_budget: 2 });
    assert.ok(await killDuring(world, ['key', 'rotate', '--match', 'fleet-*', '--reveal'], hold));
    const quiet = await world.ollm(['key', 'rotate', '--resume', '--alias', 'fleet-a', '--json']);
    assert.equal(quiet.code, 1, quiet.stdout);
    assert.equal(json(quiet).error.code, 'resume_needs_reveal');
    assert.equal(pendingEntries().length, 1, 'the only copy of the new secret is kept');
    const plain = await world.ollm(['key', 'rotate', '--alias', 'fleet-a', '--json']);
    assert.equal(plain.code, 1, 'a plain rotate does not finish it either');
    assert.equal(pendingEntries().length, 1);

    const revealed = await world.ollm(['key', 'rotate', '--resume', '--alias', 'fleet-a', '--reveal', '--json']);
    assert.equal(revealed.code, 0, revealed.stderr);
    const live = world.server.findByAlias('fleet-a')!;
    assert.notEqual(live.key, fleet.key);
    assert.equal(json(revealed).results[0].new_key, live.key, 'the new secret is printed');
    assert.deepEqual(pendingEntries(), []);
    assert.equal(world.server.findByKey(fleet.key), undefined, 'the old fleet key is retired');
  });
}

killTest('key create killed after the proxy made the key, then revoke: the stranded key is deleted too', {}, async () => {
  assert.ok(await killDuring(world, ['key', 'create', ...world.storeFlags], { method: 'POST', path: '/key/generate', when: 'after' }));
  const stranded = world.server.findByAlias('openclaw')!;
  assert.equal(pendingEntries().length, 1, 'its secret waits in the pending entry');
  const result = await world.ollm(['key', 'revoke', '--yes', '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(await authenticates(stranded.key), false);
  assert.deepEqual(aliasKeys(), []);
  assert.deepEqual(pendingEntries(), []);
});

for (const [hold, settled] of [[{ method: 'POST', path: '/key/update', when: 'after' }, 'rolled-back'], [{ method: 'POST', path: '/key/generate', when: 'after' }, 'rolled-forward']] as const) {
  killTest(`rotate --grace killed at ${hold.path} (${hold.when}), resumed (${settled}): the predecessor retires with an expiry and no budget left; revoke then leaves nothing`, {}, async () => {
    const result = await world.ollm(['key', 'create', '--budget', '20', ...world.storeFlags]);
    assert.equal(result.code, 0, result.stderr);
    const old = world.server.findByAlias('openclaw')!.key;
    world.server.setSpend(old, 4);
    assert.ok(await killDuring(world, ['key', 'rotate', '--grace', '24h'], hold));
    const resumed = await world.ollm(['key', 'rotate', '--resume', '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(json(resumed).results[0].resumed, settled);
    if (settled === 'rolled-back') {
      assert.equal(world.server.findByAlias('openclaw')!.key, old, 'the old key has its alias back');
      assert.equal((await world.ollm(['key', 'rotate', '--grace', '24h'])).code, 0);
    }
    const retired = world.server.findByKey(old)!;
    assert.match(retired.key_alias!, /^openclaw-retired-/);
    assert.ok(retired.expires, 'retired with an expiry');
    assert.equal(retired.max_budget, 4, 'its budget capped at its spend');
    assert.equal(world.server.findByAlias('openclaw')!.spend, 4, 'the spend carried');
    const revoked = await world.ollm(['key', 'revoke', '--yes']);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.deepEqual(aliasKeys(), []);
  });
}
