// The rotation runner in-process: a Ctx with the in-memory keychain against the fake LiteLLM, no
// binary. Each test checks what a rotation promises: the keychain holds a key that works, the old
// one is gone (or retired), spend carries over, and a failure before the commit point rolls back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resumeRotation, rotateHeldKey } from '../../src/rotation/runner.ts';
import { UserError } from '../../src/errors.ts';
import { proxyPerTest } from '../support/unit-ctx.ts';

const NOW = new Date('2026-03-04T05:06:07.000Z');
const each = proxyPerTest(NOW);

const account = (alias = 'openclaw') => `${alias}@${each.server.url}`;

/** A key on the proxy that this machine holds, as `key create` leaves it. */
function holdKey(alias = 'openclaw', fields: Record<string, unknown> = {}): string {
  const made = each.server.addKey({ key_alias: alias, max_budget: 50, budget_duration: '1mo', models: ['gpt-4o'], metadata: { ollm_managed: 'true' }, ...fields });
  each.unit.keychain.set('ollm', account(alias), made.key);
  return made.key;
}

async function works(key: string): Promise<boolean> {
  return (await fetch(`${each.server.url}/key/info`, { headers: { authorization: `Bearer ${key}` } })).status === 200;
}

const journals = () => {
  const dir = join(each.unit.ctx.paths.stateDir, 'rotations');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')) : [];
};

test('open source: re-creates the key with the same settings and spend; the keychain holds the new one, the old is deleted', async () => {
  const old = holdKey();
  each.server.setSpend(old, 7.5);
  const outcome = await rotateHeldKey(each.unit.ctx, { alias: 'openclaw', account: account(), grace: null });
  assert.equal(outcome.method, 'recreate');
  assert.equal(outcome.spend_carried, 7.5);
  const fresh = each.unit.keychain.get('ollm', account())!;
  assert.notEqual(fresh, old);
  assert.equal(outcome.secret, fresh);
  assert.equal(await works(fresh), true, 'the key the keychain holds works');
  assert.equal(await works(old), false, 'the old key is gone');
  const now = each.server.findByAlias('openclaw')!;
  assert.equal(now.key, fresh);
  assert.equal(now.spend, 7.5);
  assert.equal(now.max_budget, 50);
  assert.deepEqual(now.models, ['gpt-4o']);
  assert.equal(each.unit.keychain.entries('ollm-pending').size, 0, 'no parked secret left');
  assert.deepEqual(journals(), [], 'no journal left');
});

test('Enterprise: regenerates in place; the proxy keeps the same record with a new secret', async () => {
  each.server.setEnterprise(true);
  const old = holdKey();
  const outcome = await rotateHeldKey(each.unit.ctx, { alias: 'openclaw', account: account(), grace: null });
  assert.equal(outcome.method, 'regenerate');
  const fresh = each.unit.keychain.get('ollm', account())!;
  assert.notEqual(fresh, old);
  assert.equal(await works(fresh), true);
  assert.equal(each.server.keys().filter((k) => k.key_alias === 'openclaw').length, 1);
});

test('--grace keeps the old key under a retired alias named by the injected clock', async () => {
  const old = holdKey();
  const outcome = await rotateHeldKey(each.unit.ctx, { alias: 'openclaw', account: account(), grace: '24h' });
  assert.equal(outcome.retired_alias, 'openclaw-retired-20260304T050607.000Z');
  assert.equal(each.server.findByAlias('openclaw-retired-20260304T050607.000Z')?.key, old);
  assert.equal(await works(old), true, 'the old key works during the grace period');
});

test('a failed /key/generate before the commit point rolls back: the old key is still held and works', async () => {
  const old = holdKey();
  each.server.override('POST', '/key/generate', (_req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'nope', type: 'bad_request', code: '400' } }));
  });
  await assert.rejects(rotateHeldKey(each.unit.ctx, { alias: 'openclaw', account: account(), grace: null }), (error: unknown) => error instanceof UserError);
  assert.equal(each.unit.keychain.get('ollm', account()), old);
  assert.equal(await works(old), true);
  assert.equal(each.server.findByAlias('openclaw')?.key, old, 'the old key has its alias back');
  assert.equal(each.unit.keychain.entries('ollm-pending').size, 0);
  assert.deepEqual(journals(), []);
});

test('a keychain that fails to store the new key: the rotation is settled, never leaving the alias without a working held key', async () => {
  holdKey();
  let calls = 0;
  // The pending entry is written first; the commit (storing the new key as the alias's) fails.
  each.server.override('POST', '/key/generate', (_req, res, body) => {
    calls++;
    const request = JSON.parse(body.toString()) as { key: string; key_alias: string };
    const made = each.server.addKey({ key: request.key, key_alias: request.key_alias, metadata: { ollm_managed: 'true' } });
    each.unit.keychain.failWith('Platform secure storage failure: the collection is locked');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(made));
  });
  await assert.rejects(rotateHeldKey(each.unit.ctx, { alias: 'openclaw', account: account(), grace: null }), (error: unknown) => error instanceof UserError);
  assert.equal(calls, 1);
  each.unit.keychain.failWith(null);
  // Whatever it left, a resume settles it and the held key then works.
  await resumeRotation(each.unit.ctx, account());
  const held = each.unit.keychain.get('ollm', account())!;
  assert.equal(await works(held), true, 'the held key works after the resume');
  assert.equal(each.server.keys().filter((k) => k.key_alias === 'openclaw').length, 1, 'one key for the alias');
  assert.deepEqual(journals(), []);
});

test('resume with no journal does nothing and says so (null)', async () => {
  holdKey();
  assert.equal(await resumeRotation(each.unit.ctx, account()), null);
});

test('a key this machine does not hold is refused without touching the proxy', async () => {
  each.server.addKey({ key_alias: 'openclaw' });
  const before = each.server.requests.length;
  await assert.rejects(rotateHeldKey(each.unit.ctx, { alias: 'openclaw', account: account(), grace: null }), (error: unknown) => error instanceof UserError);
  assert.equal(each.server.requests.filter((r) => r.method === 'POST').length, 0);
  assert.ok(each.server.requests.length >= before);
});
