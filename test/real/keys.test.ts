// The key life cycle against the real LiteLLM proxy (Python, Postgres): create with the
// mission's flags, read it back every way, write it, run with it, revoke it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { json } from '../support/fixture.ts';
import { runOllm } from '../support/cli.ts';
import { realSuite } from '../support/real-world.ts';
import { realGate } from '../support/real-litellm-gate.ts';

const suite = realSuite();

test('key create --budget 50 --monthly: the real proxy holds a $50 key that resets on the 1st', realGate, async () => {
  const result = await suite.world.ollm(['key', 'create', '--alias', 'mission', '--budget', '50', '--monthly', '--write', 'none', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const held = suite.world.heldKey('mission');
  assert.ok(held?.startsWith('sk-'), 'the new key is held here');
  const info = await suite.proxy.call('GET', `/key/info?key=${held}`);
  assert.equal(info.status, 200, JSON.stringify(info.body));
  assert.equal(info.body.info.key_alias, 'mission');
  assert.equal(info.body.info.max_budget, 50);
  assert.equal(info.body.info.budget_duration, '1mo');
  const reset = new Date(info.body.info.budget_reset_at);
  const now = new Date();
  const firstOfNextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  assert.equal(reset.getTime(), firstOfNextMonth, `budget_reset_at ${info.body.info.budget_reset_at}`);
  const out = json(result);
  assert.equal(out.key_alias, 'mission');
  assert.equal(out.max_budget, 50);
  assert.ok(!result.stdout.includes(held!), 'the raw key is not printed');
});

test('key info (table and JSON), key get, key list read the real records', realGate, async () => {
  assert.equal((await suite.world.ollm(['key', 'create', '--alias', 'reader', '--budget', '5', '--weekly', '--write', 'none'])).code, 0);
  const held = suite.world.heldKey('reader')!;
  const infoJson = await suite.world.ollm(['key', 'info', '--alias', 'reader', '--json']);
  assert.equal(infoJson.code, 0, infoJson.stderr);
  const record = json(infoJson);
  assert.equal(record.key_alias, 'reader');
  assert.equal(record.max_budget, 5);
  assert.equal(record.budget_duration, '7d');
  assert.ok(record.budget_reset_at, 'the reset date comes from the real /key/info');

  const table = await suite.world.ollm(['key', 'info', '--alias', 'reader']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /reader/);
  assert.match(table.stdout, /\$5\.00/);
  assert.ok(!table.stdout.includes(held));

  const get = await suite.world.ollm(['key', 'get', '--alias', 'reader', '--reveal']);
  assert.equal(get.code, 0, get.stderr);
  assert.equal(get.stdout.trim(), held);

  const list = await suite.world.ollm(['key', 'list', '--json']);
  assert.equal(list.code, 0, list.stderr);
  const aliases = (json(list).keys as Array<{ key_alias: string }>).map((k) => k.key_alias);
  assert.ok(aliases.includes('reader'), `key list shows the key: ${aliases.join(', ')}`);
});

test('key write (OpenClaw\'s .env) and exec hand the real key to a program, and the proxy accepts it', realGate, async () => {
  // In the file store: exec hands the key to a program through real stdio, so it runs as a process.
  assert.equal((await suite.world.ollm(['key', 'create', '--alias', 'runner', '--write', 'none', '--store', 'file'])).code, 0);
  const held = suite.world.heldKey('runner')!;
  const dotenv = join(suite.world.home.dir, '.openclaw', '.env');
  const write = await suite.world.ollm(['key', 'write', '--alias', 'runner', '--write', 'dotenv']);
  assert.equal(write.code, 0, write.stderr);
  assert.match(readFileSync(dotenv, 'utf8'), new RegExp(`LITELLM_API_KEY=.*${held.slice(-6)}`));

  const exec = await runOllm(['exec', '--alias', 'runner', '--', 'printenv', 'LITELLM_API_KEY'], { env: suite.world.env() });
  assert.equal(exec.code, 0, exec.stderr);
  assert.equal(exec.stdout.trim(), held);
  assert.equal(await suite.proxy.keyWorks(held), true);
});

test('key revoke deletes the key on the real proxy and forgets it here', realGate, async () => {
  assert.equal((await suite.world.ollm(['key', 'create', '--alias', 'doomed', '--write', 'none'])).code, 0);
  const held = suite.world.heldKey('doomed')!;
  const revoke = await suite.world.ollm(['key', 'revoke', '--alias', 'doomed', '--yes']);
  assert.equal(revoke.code, 0, revoke.stderr);
  assert.equal(suite.world.heldKey('doomed'), undefined);
  assert.equal(await suite.proxy.keyWorks(held), false, 'the revoked key no longer works');
  assert.deepEqual(await suite.world.keysByAlias('doomed'), []);
});
