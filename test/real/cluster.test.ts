// Two real LiteLLM processes on one Postgres, the usual way to scale LiteLLM without Redis. Each
// caches the keys it has seen for general_settings.user_api_key_cache_ttl (60 s by default, 5 s
// here), and /key/delete, /key/block evict only the cache of the instance that handled them: a
// revoked key keeps working on the other instance until its cache entry expires (issue 23 item 3).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json } from '../support/fixture.ts';
import type { RunResult } from '../support/cli.ts';
import { realGate } from '../support/real-litellm-gate.ts';
import { waitFor } from '../support/wait-for.ts';
import { defaultConfig } from '../real-litellm/config.ts';
import { startRealLiteLLM, type RealLiteLLM } from '../support/real-litellm.ts';
import { openRealWorld, type RealWorld } from '../support/real-world.ts';

const TTL_S = 5;
/** Generous: the window must close by the TTL plus this (a loaded machine answers slowly). */
const MARGIN_MS = 15_000;

/** One chat request with the key on an instance: does that instance let it through? */
async function works(url: string, key: string): Promise<boolean> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
  });
  await response.text();
  if (response.status !== 200 && response.status !== 401) throw new Error(`${url} answered ${response.status}`);
  return response.status === 200;
}

/** Polls until the instance refuses the key; false if it still accepts it at the deadline. */
async function refusedBy(url: string, key: string, deadlineMs: number): Promise<boolean> {
  return waitFor(async () => !(await works(url, key)), { what: `${url} to refuse the key`, timeoutMs: deadlineMs, everyMs: 200 })
    .then(() => true, () => false);
}

describe('a LiteLLM cluster: two instances on one database', realGate, () => {
  let proxy: RealLiteLLM;
  let b: string;
  before(async () => {
    const config = defaultConfig();
    proxy = await startRealLiteLLM({ instances: 2, config: { ...config, general_settings: { ...config.general_settings, user_api_key_cache_ttl: TTL_S } } });
    b = proxy.otherUrls[0]!;
  });
  after(async () => { await proxy?.stop(); });

  async function createUsedOnB(world: RealWorld, alias: string): Promise<string> {
    const created = await world.ollm(['key', 'create', '--alias', alias, '--write', 'none']);
    assert.equal(created.code, 0, created.stderr);
    const key = world.heldKey(alias)!;
    // B has now seen the key: it is in B's cache.
    assert.equal(await works(b, key), true, 'the new key works on B');
    return key;
  }

  test('the window: after key revoke through A, B accepts the key until its cache expires, and ollm says so', async () => {
    const world = openRealWorld(proxy);
    try {
      const key = await createUsedOnB(world, 'window');
      const revoke = await world.ollm(['key', 'revoke', '--alias', 'window', '--yes']);
      assert.equal(revoke.code, 0, revoke.stderr);
      assert.equal(await works(proxy.directUrl, key), false, 'A refuses it at once');
      assert.equal(await works(b, key), true, 'B still accepts it right after the revoke');
      // 1.108.7 does not report its user_api_key_cache_ttl, so ollm names LiteLLM's default.
      assert.match(revoke.stdout, /other LiteLLM instances on its database may accept it for up to 60 s/i);
      assert.match(revoke.stdout, /--wait-cluster/);
      assert.equal(await refusedBy(b, key, TTL_S * 1000 + MARGIN_MS), true, `B refuses it by the cache TTL (${TTL_S} s) plus a margin`);
    } finally {
      world.close();
    }
  });

  test('key revoke --wait-cluster: when it returns, no instance accepts the key', async () => {
    const world = openRealWorld(proxy);
    try {
      const key = await createUsedOnB(world, 'revoked');
      const revoke = await world.ollm(['key', 'revoke', '--alias', 'revoked', '--yes', '--wait-cluster', '--key-cache-ttl', `${TTL_S}s`, '--json']);
      assert.equal(revoke.code, 0, `${revoke.stdout}\n${revoke.stderr}`);
      assert.deepEqual(json(revoke).key_cache, { ttl_seconds: TTL_S, ttl_from: '--key-cache-ttl', waited: true });
      assert.equal(await works(b, key), false, 'B refuses it');
      assert.equal(await works(proxy.directUrl, key), false, 'A refuses it');
    } finally {
      world.close();
    }
  });

  test('key rotate --wait-cluster (no grace): when it returns, no instance accepts the old key; the new one works on both', async () => {
    const world = openRealWorld(proxy);
    try {
      const old = await createUsedOnB(world, 'rotated');
      const rotate = await world.ollm(['key', 'rotate', '--alias', 'rotated', '--wait-cluster', '--key-cache-ttl', `${TTL_S}s`]);
      assert.equal(rotate.code, 0, `${rotate.stdout}\n${rotate.stderr}`);
      assert.match(rotate.stdout, /no LiteLLM instance on this database accepts the old key any more/);
      const fresh = world.heldKey('rotated')!;
      assert.equal(await works(b, old), false, 'B refuses the old key');
      assert.equal(await works(b, fresh), true, 'B takes the new key');
      assert.equal(await works(proxy.directUrl, fresh), true, 'A takes the new key');
    } finally {
      world.close();
    }
  });

  test('key update --block --wait-cluster: when it returns, no instance accepts the key', async () => {
    const world = openRealWorld(proxy);
    try {
      const key = await createUsedOnB(world, 'blocked');
      const block = await world.ollm(['key', 'update', '--alias', 'blocked', '--block', '--wait-cluster', '--key-cache-ttl', `${TTL_S}s`]);
      assert.equal(block.code, 0, `${block.stdout}\n${block.stderr}`);
      assert.equal(await works(b, key), false, 'B refuses the blocked key');
    } finally {
      world.close();
    }
  });

  test('the doctor on B without the master key, in the window: deleted (B reads the shared database), but B may still accept it', async () => {
    const world = openRealWorld(proxy);
    try {
      // The key is held for B's URL, as on a machine whose ollm talks to B.
      const onB = world.env({ LITELLM_PROXY_URL: b, LITELLM_MASTER_KEY: proxy.masterKey });
      assert.equal((await world.ollm(['key', 'create', '--alias', 'seen', '--write', 'none'], { env: onB })).code, 0);
      const key = (await world.ollm(['key', 'get', '--alias', 'seen', '--reveal'], { env: onB })).stdout.trim();
      assert.equal(await works(b, key), true, 'the key works on B');
      const noMaster = { ...onB };
      delete noMaster.LITELLM_MASTER_KEY;
      const storedKey = (result: RunResult) => (json(result).checks as Array<{ id: string; status: string; message: string }>).find((c) => c.id === 'stored-key')!;
      const before = await world.ollm(['doctor', '--alias', 'seen', '--json'], { env: noMaster });
      assert.equal(storedKey(before).status, 'ok', before.stdout);
      // Deleted through A, behind B's back.
      const token = (await world.keysByAlias('seen'))[0]!.token as string;
      assert.equal((await proxy.call('POST', '/key/delete', { body: { keys: [token] } })).status, 200);
      const during = await world.ollm(['doctor', '--alias', 'seen', '--json'], { env: noMaster });
      assert.equal(await works(b, key), true, 'B still accepts the key');
      // B lets the key in from its cache, then /key/info reads the shared database's archive.
      const check = storedKey(during);
      assert.equal(check.status, 'fail', during.stdout);
      assert.match(check.message, /was deleted on the proxy/);
      assert.match(check.message, /except on LiteLLM instances that still have it cached/);
      assert.doesNotMatch(check.message, /every request with it fails/);
    } finally {
      world.close();
    }
  });
});
