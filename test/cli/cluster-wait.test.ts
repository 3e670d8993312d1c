// Issue 23 item 3: each LiteLLM instance of a cluster caches keys for user_api_key_cache_ttl, so a
// deleted or blocked key works on the others for up to that long. `--wait-cluster` waits it out
// through the injected sleep (instant here; test/real/cluster.test.ts proves the window with two
// real LiteLLM processes), and without it the commands say how long the window is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, openWorld, type World } from '../support/fixture.ts';
import type { FakeLiteLLMOptions } from '../support/litellm-server.ts';


/** A world whose sleep records what it was asked and returns at once; `during` runs inside it. */
async function sleepyWorld(t: { after(fn: () => unknown): void }, options: FakeLiteLLMOptions = {}, during?: (world: World) => Promise<void>) {
  const slept: number[] = [];
  const holder: { world?: World } = {};
  const world = await openWorld({ ...options, services: { sleep: async (ms) => { slept.push(ms); if (during) await during(holder.world!); } } });
  holder.world = world;
  t.after(() => world.close());
  return { world, slept };
}

test('key revoke --wait-cluster waits LiteLLM\'s default key-cache TTL (60 s, the proxy does not report it) plus a second', async (t) => {
  const { world, slept } = await sleepyWorld(t);
  assert.equal((await world.ollm(['key', 'create', '--write', 'none'])).code, 0);
  const result = await world.ollm(['key', 'revoke', '--yes', '--wait-cluster', '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(slept, [61_000]);
  assert.deepEqual(json(result).key_cache, { ttl_seconds: 60, ttl_from: 'default', waited: true });
  // ollm asked the proxy first: 1.108.7 answers 400 "Invalid field" for this setting.
  assert.equal(world.server.requests.filter((r) => r.path === '/config/field/info').length, 1);
});

test('key revoke without --wait-cluster does not wait and says how long other instances may accept the key', async (t) => {
  const { world, slept } = await sleepyWorld(t);
  assert.equal((await world.ollm(['key', 'create', '--write', 'none'])).code, 0);
  const result = await world.ollm(['key', 'revoke', '--yes']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(slept, []);
  assert.match(result.stdout, /other LiteLLM instances on its database may accept it for up to 60 s \(LiteLLM's default user_api_key_cache_ttl\); add --wait-cluster/);
});

test('--key-cache-ttl names the proxy\'s TTL; a proxy that reports it is believed', async (t) => {
  const { world, slept } = await sleepyWorld(t);
  assert.equal((await world.ollm(['key', 'create', '--write', 'none'])).code, 0);
  const flagged = await world.ollm(['key', 'revoke', '--yes', '--wait-cluster', '--key-cache-ttl', '5s', '--json']);
  assert.equal(flagged.code, 0, flagged.stderr);
  assert.deepEqual(json(flagged).key_cache, { ttl_seconds: 5, ttl_from: '--key-cache-ttl', waited: true });
  assert.deepEqual(slept, [6000]);

  const reported = await sleepyWorld(t, { declaredGeneralSettings: { user_api_key_cache_ttl: 12 } });
  assert.equal((await reported.world.ollm(['key', 'create', '--write', 'none'])).code, 0);
  const asked = await reported.world.ollm(['key', 'revoke', '--yes', '--wait-cluster', '--json']);
  assert.deepEqual(json(asked).key_cache, { ttl_seconds: 12, ttl_from: 'proxy', waited: true });
  assert.deepEqual(reported.slept, [13_000]);
});

test('key rotate --wait-cluster waits once the old key is deleted; with --grace it is refused', async (t) => {
  const { world, slept } = await sleepyWorld(t);
  assert.equal((await world.ollm(['key', 'create', '--write', 'none'])).code, 0);
  const rotated = await world.ollm(['key', 'rotate', '--wait-cluster', '--key-cache-ttl', '5']);
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.deepEqual(slept, [6000]);
  assert.match(rotated.stdout, /Waited 5 s \(--key-cache-ttl\): no LiteLLM instance on this database accepts the old key any more/);
  const graced = await world.ollm(['key', 'rotate', '--wait-cluster', '--grace', '1h']);
  assert.equal(graced.code, 2, graced.stderr);
  assert.match(graced.stderr, /with --grace it is meant to keep working/);
  // A rotation with a grace keeps the old key working: no window to speak of.
  const kept = await world.ollm(['key', 'rotate', '--grace', '1h', '--json']);
  assert.equal(kept.code, 0, kept.stderr);
  assert.equal(json(kept).key_cache, undefined);
});

test('key update --block --wait-cluster waits after letting go of the key\'s lock', async (t) => {
  let during: { code: number | null; stderr: string } | undefined;
  const { world, slept } = await sleepyWorld(t, {}, async (w) => {
    // Another command on the same key while the first waits for the cluster: the lock is free.
    during = await w.ollm(['key', 'update', '--rpm', '5', '--wait', '1s']);
  });
  assert.equal((await world.ollm(['key', 'create', '--write', 'none'])).code, 0);
  const blocked = await world.ollm(['key', 'update', '--block', '--wait-cluster', '--json']);
  assert.equal(blocked.code, 0, blocked.stderr);
  assert.deepEqual(slept, [61_000]);
  assert.equal(during?.code, 0, during?.stderr);
  assert.deepEqual(json(blocked).key_cache, { ttl_seconds: 60, ttl_from: 'default', waited: true });
  // A plain change says nothing about the cluster; a block without the flag names the window.
  const plain = await world.ollm(['key', 'update', '--rpm', '9']);
  assert.doesNotMatch(plain.stdout, /LiteLLM instances/);
  const again = await world.ollm(['key', 'update', '--unblock']);
  assert.doesNotMatch(again.stdout, /LiteLLM instances/);
  const noWait = await world.ollm(['key', 'update', '--block']);
  assert.match(noWait.stdout, /may accept it for up to 60 s/);
});

test('--key-cache-ttl that is no duration, and --wait-cluster with --local-only, are usage errors', async (t) => {
  const { world } = await sleepyWorld(t);
  const bad = await world.ollm(['key', 'revoke', '--yes', '--wait-cluster', '--key-cache-ttl', 'soon']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--key-cache-ttl "soon" is not a duration from 1 s to 1 day/);
  const local = await world.ollm(['key', 'revoke', '--yes', '--wait-cluster', '--local-only']);
  assert.equal(local.code, 2);
  assert.match(local.stderr, /with --local-only nothing is deleted there/);
});
