// Issue "LiteLLM as it really is", against the real proxy: each behaviour the fake reproduces
// with a switch, shown here by LiteLLM 1.108.7 itself where a single proxy can show it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json } from '../support/fixture.ts';
import { realSuite } from '../support/real-world.ts';
import { waitFor } from '../support/wait-for.ts';
import { realGate } from '../support/real-litellm-gate.ts';

const suite = realSuite();

const noMaster = () => suite.world.env({ LITELLM_MASTER_KEY: undefined });

async function create(alias: string, budget = '50', write = 'none'): Promise<string> {
  const result = await suite.world.ollm(['key', 'create', '--alias', alias, '--budget', budget, '--monthly', '--write', write, ...(write === 'none' ? [] : ['--replace'])]);
  assert.equal(result.code, 0, result.stderr);
  return suite.world.heldKey(alias)!;
}

async function doctorCheck(alias: string, id: string): Promise<{ status: string; message: string }> {
  const result = await suite.world.ollm(['doctor', '--alias', alias, '--json']);
  const check = json<{ checks: Array<{ id: string; status: string; message: string }> }>(result).checks.find((c) => c.id === id);
  assert.ok(check, `doctor has a ${id} check: ${result.stdout}`);
  return check;
}

describe('LiteLLM 1.108.7 as it really answers', realGate, () => {
  test('1. readiness without a version: the doctor calls the proxy healthy', async () => {
    const { status, body } = await suite.proxy.call('GET', '/health/readiness');
    assert.equal(status, 200);
    assert.equal(body.litellm_version, undefined, 'this version reports no version');
    await create('ready');
    const check = await doctorCheck('ready', 'proxy');
    assert.equal(check.status, 'ok', check.message);
    assert.match(check.message, /version not reported/);
  });

  test('3. a key cannot delete itself: revoke says so; --local-only forgets it here and it still works', async () => {
    const key = await create('self-revoke');
    const refused = await suite.world.ollm(['key', 'revoke', '--alias', 'self-revoke', '--yes', '--json'], { env: noMaster() });
    assert.equal(refused.code, 1, refused.stdout);
    assert.equal(json(refused).error.code, 'revoke_needs_master_key');
    assert.equal(suite.world.heldKey('self-revoke'), key, 'nothing forgotten');
    const local = await suite.world.ollm(['key', 'revoke', '--alias', 'self-revoke', '--local-only', '--yes'], { env: noMaster() });
    assert.equal(local.code, 0, local.stderr);
    assert.match(local.stdout, /still works/);
    assert.equal(suite.world.heldKey('self-revoke'), undefined);
    assert.equal(await suite.proxy.keyWorks(key), true, 'the key still works on the proxy, as ollm said');
  });

  test('4. a deleted key is archived: key info says deleted; rotate refuses before changing anything', async () => {
    const key = await create('archived');
    assert.equal((await suite.proxy.call('POST', '/key/delete', { body: { keys: [key] } })).status, 200);
    const raw = await suite.proxy.call('GET', `/key/info?key=${key}`);
    assert.equal(raw.status, 200, 'the real proxy answers 200 for a deleted key');
    assert.equal(raw.body.info.status, 'deleted');
    assert.equal(raw.body.info.key_alias, 'archived', 'the archive keeps the alias');
    assert.match(raw.body.info.deleted_at, /^\d{4}-\d\d-\d\dT/);
    // The key itself is unknown to auth: 1.108.7's short message, with the type the fake must send too.
    const self = await suite.proxy.call('GET', '/key/info', { key });
    assert.deepEqual([self.status, self.body], [401, { error: { message: 'Authentication Error, Invalid API key provided.', type: 'token_not_found_in_db', param: 'key', code: '401' } }]);
    assert.deepEqual((await suite.world.keysByAlias('archived')).length, 0, '/key/list leaves it out');
    const info = await suite.world.ollm(['key', 'info', '--alias', 'archived', '--json']);
    assert.equal(info.code, 1, info.stdout);
    assert.equal(json(info).error.code, 'key_deleted');
    const before = suite.proxy.requests.length;
    const rotate = await suite.world.ollm(['key', 'rotate', '--alias', 'archived', '--json']);
    assert.equal(rotate.code, 1, rotate.stdout);
    assert.equal(json(rotate).error.code, 'key_deleted');
    assert.deepEqual(suite.proxy.requests.slice(before).filter((r) => r.method === 'POST'), [], 'nothing changed on the proxy');
  });

  test('5. re-create carries soft_budget (from the budget table) and the narrowing settings', async () => {
    // key_type is set only by /key/generate: the real proxy drops it from /key/update.
    const key = await suite.world.holdKeyMadeWith('settings', { key_type: 'llm_api', max_budget: 50, budget_duration: '1mo' });
    const update = await suite.proxy.call('POST', '/key/update', { body: { key, soft_budget: 3, key_type: 'default', allowed_routes: ['llm_api_routes'] } });
    assert.equal(update.status, 200, JSON.stringify(update.body));
    const before = (await suite.proxy.call('GET', `/key/info?key=${key}`)).body.info;
    assert.equal(before.litellm_budget_table?.soft_budget, 3, 'the real proxy keeps soft_budget in the budget table');
    assert.equal(before.key_type, 'llm_api', '/key/update did not change key_type');
    const rotated = await suite.world.ollm(['key', 'rotate', '--alias', 'settings', '--json']);
    assert.equal(rotated.code, 0, `${rotated.stdout}\n${rotated.stderr}`);
    const fresh = suite.world.heldKey('settings')!;
    const after = (await suite.proxy.call('GET', `/key/info?key=${fresh}`)).body.info;
    assert.equal(after.litellm_budget_table?.soft_budget, 3);
    assert.equal(after.key_type, 'llm_api');
    assert.deepEqual(after.allowed_routes, ['llm_api_routes']);
    assert.equal(after.max_budget, 50);
  });

  test('8. an llm_api key may not read its own info: key info asks with the master key', async () => {
    const key = await suite.world.holdKeyMadeWith('llm-only', { key_type: 'llm_api', max_budget: 50 });
    const self = await suite.proxy.call('GET', '/key/info', { key });
    assert.equal(self.status, 403, `the real proxy refuses: ${JSON.stringify(self.body)}`);
    const info = await suite.world.ollm(['key', 'info', '--alias', 'llm-only', '--json']);
    assert.equal(info.code, 0, info.stderr);
    assert.equal(json(info).max_budget, 50);
    const alone = await suite.world.ollm(['key', 'info', '--alias', 'llm-only', '--json'], { env: noMaster() });
    assert.equal(alone.code, 1);
    assert.match(json(alone).error.message, /may not read its own info/);
  });

  test('8. an over-budget key: /v1/models refuses it, and models sync says the budget is used up', async () => {
    const key = await create('spent', '0.000001', 'openclaw'); // models sync needs OpenClaw's provider
    const response = await fetch(`${suite.proxy.directUrl}/chat/completions`, {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(response.status, 200, await response.text());
    // Spend is written in batches: the budget check sees it a moment later.
    const models = await waitFor(async () => {
      const answer = await suite.proxy.call('GET', '/v1/models', { key });
      return answer.status !== 200 && answer;
    }, { what: 'the spend to reach the budget check (/v1/models refusing the key)', timeoutMs: 60_000 });
    assert.equal(models.body.error?.type, 'budget_exceeded', JSON.stringify(models.body));
    assert.equal(models.status, 422, 'LiteLLM 1.108.7 answers budget_exceeded with 422');
    const sync = await suite.world.ollm(['models', 'sync', '--alias', 'spent', '--json']);
    assert.equal(sync.code, 1, sync.stdout);
    assert.equal(json(sync).error.code, 'budget_exceeded');
    assert.match(json(sync).error.message, /budget is used up/);
  });

  // Last: it takes the database away from this file's suite.proxy.
  test('1. the database goes away: readiness answers 503 and the doctor says the proxy\'s database is down', async () => {
    await create('db-down');
    suite.proxy.killDatabase();
    // LiteLLM notices on its next query.
    const readiness = await waitFor(async () => {
      const answer = await suite.proxy.call('GET', '/health/readiness');
      return answer.status !== 200 && answer;
    }, { what: 'readiness to stop answering 200 once the database is gone', timeoutMs: 60_000 });
    assert.equal(readiness.status, 503, JSON.stringify(readiness.body));
    const check = await doctorCheck('db-down', 'proxy');
    assert.equal(check.status, 'fail');
    assert.match(check.message, /database/);
    assert.doesNotMatch(check.message, /not a LiteLLM proxy/);
  });
});
