// Rotation against the real LiteLLM: open-source LiteLLM refuses /key/regenerate (Enterprise),
// so every rotation here re-creates the key; a kill is simulated by the tap withholding an answer.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json } from '../support/fixture.ts';
import type { TapHold } from '../support/real-litellm.ts';
import { realSuite } from '../support/real-world.ts';
import { realGate } from '../support/real-litellm-gate.ts';
import { startUntil } from '../support/kill-during.ts';

const suite = realSuite();

async function create(alias: string, extra: string[] = []): Promise<string> {
  const result = await suite.world.ollm(['key', 'create', '--alias', alias, '--budget', '20', '--monthly', '--write', 'none', ...extra]);
  assert.equal(result.code, 0, result.stderr);
  return suite.world.heldKey(alias)!;
}

/** Live (not retired) records of an alias on the real suite.proxy. */
async function live(alias: string): Promise<Array<Record<string, any>>> {
  return suite.world.keysByAlias(alias);
}

describe('rotation on the real proxy', realGate, () => {
  test('key rotate re-creates the key: new secret works, old one is dead, alias, budget and spend carried', async () => {
    const old = await create('rot-single');
    const [record] = await live('rot-single');
    assert.equal((await suite.proxy.call('POST', '/key/update', { body: { key: record!.token, spend: 3.25 } })).status, 200);

    const result = await suite.world.ollm(['key', 'rotate', '--alias', 'rot-single', '--json']);
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const fresh = suite.world.heldKey('rot-single')!;
    assert.notEqual(fresh, old);
    assert.equal(await suite.proxy.keyWorks(fresh), true, 'the new key works');
    assert.equal(await suite.proxy.keyWorks(old), false, 'the old key is gone');
    const records = await live('rot-single');
    assert.equal(records.length, 1, 'one live key under the alias');
    assert.equal(records[0]!.max_budget, 20);
    assert.equal(records[0]!.budget_duration, '1mo');
    assert.equal(records[0]!.spend, 3.25, 'spend carried over');
    assert.ok(suite.proxy.requests.some((r) => r.path === '/key/regenerate' && r.status === 500) || suite.proxy.requests.every((r) => r.path !== '/key/regenerate'),
      'regenerate, if tried, was refused as Enterprise-only');
  });

  test('key rotate --all rotates every key held here', async () => {
    const before = await Promise.all(['rot-all-1', 'rot-all-2'].map(async (alias) => [alias, await create(alias)] as const));
    const result = await suite.world.ollm(['key', 'rotate', '--all', '--json'], { timeoutMs: 120_000 });
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    for (const [alias, old] of before) {
      const fresh = suite.world.heldKey(alias)!;
      assert.notEqual(fresh, old, alias);
      assert.equal(await suite.proxy.keyWorks(fresh), true, `${alias}: new key works`);
      assert.equal(await suite.proxy.keyWorks(old), false, `${alias}: old key is dead`);
    }
  });

  test('key rotate --grace 1h keeps the old key working, retired with an expiry', async () => {
    const old = await create('rot-grace');
    const result = await suite.world.ollm(['key', 'rotate', '--alias', 'rot-grace', '--grace', '1h', '--json']);
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const fresh = suite.world.heldKey('rot-grace')!;
    assert.equal(await suite.proxy.keyWorks(fresh), true);
    assert.equal(await suite.proxy.keyWorks(old), true, 'the old key still works during the grace period');
    const info = await suite.proxy.call('GET', `/key/info?key=${old}`);
    const expires = new Date(info.body.info.expires).getTime();
    const hours = (expires - Date.now()) / 3_600_000;
    assert.ok(hours > 0.9 && hours <= 1.01, `the retired key expires in about an hour (${hours.toFixed(2)} h)`);
    assert.notEqual(info.body.info.key_alias, 'rot-grace', 'the retired key gave up the alias');
  });

  test('a blocked key stays blocked: key rotate, --grace and --all hand out no working key (issue 23)', { timeout: 180_000 }, async () => {
    const models = async (key: string) => (await suite.proxy.call('GET', '/v1/models', { key })).status;
    await create('rot-blocked');
    await create('rot-open');
    assert.equal((await suite.world.ollm(['key', 'update', '--alias', 'rot-blocked', '--block'])).code, 0);

    const rotated = await suite.world.ollm(['key', 'rotate', '--alias', 'rot-blocked']);
    assert.equal(rotated.code, 0, `${rotated.stdout}\n${rotated.stderr}`);
    const fresh = suite.world.heldKey('rot-blocked')!;
    assert.equal(await models(fresh), 401, 'the real proxy refuses the new key');
    assert.equal((await suite.proxy.call('GET', `/key/info?key=${fresh}`)).body.info.blocked, true);
    assert.match(rotated.stdout, /new key: blocked/);

    const graced = await suite.world.ollm(['key', 'rotate', '--alias', 'rot-blocked', '--grace', '1h']);
    assert.equal(graced.code, 0, `${graced.stdout}\n${graced.stderr}`);
    assert.doesNotMatch(graced.stdout, /keeps working/);
    assert.equal(await models(fresh), 401, 'the blocked predecessor does not work in its grace');
    assert.equal(await models(suite.world.heldKey('rot-blocked')!), 401);

    const all = await suite.world.ollm(['key', 'rotate', '--all', '--json'], { timeoutMs: 120_000 });
    assert.equal(all.code, 0, `${all.stdout}\n${all.stderr}`);
    assert.equal(await models(suite.world.heldKey('rot-blocked')!), 401, '--all unblocked nothing');
    assert.equal(await models(suite.world.heldKey('rot-open')!), 200);
  });

  const points: Array<[string, TapHold]> = [
    ['renaming the old key, answer lost', { method: 'POST', path: '/key/update', when: 'after' }],
    ['creating the new key, never sent', { method: 'POST', path: '/key/generate', when: 'before' }],
    ['creating the new key, answer lost', { method: 'POST', path: '/key/generate', when: 'after' }],
    ['deleting the old key, answer lost', { method: 'POST', path: '/key/delete', when: 'after' }],
  ];
  for (const [name, hold] of points) {
    test(`killed while ${name}, then \`key rotate --resume\`: one working key, held here`, async () => {
      const alias = `rot-kill-${hold.path.split('/').pop()}-${hold.when}`;
      // In the file store: the killed ollm is a process of its own, and the resume must see what it left.
      const old = await create(alias, ['--store', 'file']);
      suite.proxy.hold(hold);
      const reached = suite.proxy.reached(hold);
      // For 'after', the real proxy has applied and answered it.
      const { child, closed } = await startUntil(reached, ['key', 'rotate', '--alias', alias], suite.world.env());
      child.kill('SIGKILL');
      await closed;

      const resumed = await suite.world.ollm(['key', 'rotate', '--alias', alias, '--resume', '--json']);
      assert.equal(resumed.code, 0, `${resumed.stdout}\n${resumed.stderr}`);
      const held = suite.world.heldKey(alias)!;
      assert.equal(await suite.proxy.keyWorks(held), true, 'the key held here works on the real proxy');
      const records = await live(alias);
      assert.equal(records.length, 1, 'exactly one live key under the alias');
      assert.equal(records[0]!.token, (await suite.proxy.call('GET', `/key/info?key=${held}`)).body.info.token ?? records[0]!.token);
      if (held !== old) assert.equal(await suite.proxy.keyWorks(old), false, 'a replaced key does not keep working');
    });
  }
});
