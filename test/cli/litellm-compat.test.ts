// ollm against LiteLLM as it really is (issue 11): each test switches the fake to one version- or
// setting-dependent behaviour (LiteLLMQuirks; docs/compatibility.md) and runs the built CLI.
import { afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { killDuring } from '../support/kill-during.ts';
import { openWorld, json, type World, type WorldOptions } from '../support/fixture.ts';
import { needsSecretService } from '../support/cli.ts';
import { probeProxy } from '../../src/setup/probe.ts';
import { Json5Document } from '../../src/edit/json5-document.ts';

let world: World | undefined;
afterEach(async () => { await world?.close(); world = undefined; });

async function open(options: WorldOptions = {}): Promise<World> {
  world = await openWorld(options);
  return world;
}

const stateDir = (w: World) => join(w.home.dir, '.local', 'state', 'ollm');
const configKey = (w: World) => (Json5Document.parse(readFileSync(join(w.home.dir, '.openclaw', 'openclaw.json'), 'utf8'), 'f').get(['env', 'vars', 'LITELLM_API_KEY']));
const noMaster = (w: World) => w.env({ LITELLM_MASTER_KEY: undefined });
const posts = (w: World, path: string) => w.server.requests.filter((r) => r.method === 'POST' && r.path === path);

async function create(w: World, args: string[] = []): Promise<string> {
  const result = await w.ollm(['key', 'create', '--budget', '50', '--monthly', ...w.storeFlags, ...args]);
  assert.equal(result.code, 0, result.stderr);
  return w.server.findByAlias(args.includes('--alias') ? args[args.indexOf('--alias') + 1]! : 'openclaw')!.key;
}

async function doctorCheck(w: World, id: string) {
  const result = await w.ollm(['doctor', '--json'], { env: w.env({ OLLM_OPENCLAW_BIN: '' }) });
  const check = json<{ checks: Array<{ id: string; status: string; message: string; fix: string | null }> }>(result).checks.find((c) => c.id === id);
  assert.ok(check, `no check ${id}`);
  return check;
}

// 1. Readiness shapes.
for (const [shape, version] of [['details', /LiteLLM 1\.84\.0/], ['modern', /version not reported, database connected/], ['pre-1.84', /LiteLLM 1\.83\.0/]] as const) {
  test(`readiness ${shape}: doctor and setup call the proxy healthy`, async () => {
    const w = await open({ readinessShape: shape });
    const check = await doctorCheck(w, 'proxy');
    assert.equal(check.status, 'ok', check.message);
    assert.match(check.message, version);
    const probe = await probeProxy(w.server.url, 5000);
    assert.equal(probe.ok, true, probe.note);
  });
}

test('readiness 503 {db: "disconnected"}: the proxy\'s database is down, not "not a LiteLLM proxy"', async () => {
  const w = await open({ readinessShape: 'modern', databaseDown: true });
  const check = await doctorCheck(w, 'proxy');
  assert.equal(check.status, 'fail');
  assert.match(check.message, /is up, but its database is unreachable \(readiness says db "disconnected"\)/);
  assert.doesNotMatch(check.message, /not LiteLLM|not a LiteLLM/);
  assert.equal(check.fix, null, 'pointing ollm at another URL is no fix');
  const probe = await probeProxy(w.server.url, 5000);
  assert.deepEqual(probe, { ok: false, note: '✗ answers, but its database is down' });
});

// 2. disable_custom_api_keys, and a proxy that ignores the chosen secret (issue 12 item 8).
test('disable_custom_api_keys: create lets the proxy choose the secret, and the refusal is remembered', async () => {
  const w = await open({ disableCustomApiKeys: true });
  const key = await create(w);
  assert.equal(w.heldKey('openclaw'), key, 'the keychain holds the key the proxy made');
  assert.equal(configKey(w), key);
  const generates = posts(w, '/key/generate');
  assert.equal(generates.length, 2, 'one refused try with a chosen key, then one without');
  assert.equal(typeof (generates[0]!.body as { key?: unknown }).key, 'string');
  assert.equal((generates[1]!.body as { key?: unknown }).key, undefined);
  await create(w, ['--alias', 'second', '--write', 'none']);
  assert.equal(posts(w, '/key/generate').length, 3, 'remembered: the second create asks only once');
  assert.ok(!existsSync(join(stateDir(w), 'creating')) || readdirSync(join(stateDir(w), 'creating')).length === 0, 'no create marker left');
});

test('disable_custom_api_keys: a lost answer to create leaves no orphan (found by tag, deleted), and a retry works', async () => {
  const w = await open({ disableCustomApiKeys: true });
  await create(w, ['--alias', 'warmup', '--write', 'none']); // learns the refusal
  w.server.hold({ method: 'POST', path: '/key/generate', when: 'after' });
  const lost = await w.ollm(['key', 'create', '--budget', '5', '--timeout', '1', '--json']);
  assert.equal(lost.code, 1);
  assert.match(json(lost).error.message, /did not answer .* ollm deleted it again/);
  assert.equal(w.server.findByAlias('openclaw'), undefined, 'no key nobody holds');
  await create(w);
  assert.equal(w.heldKey('openclaw'), w.server.findByAlias('openclaw')!.key);
});

// Issue 23 item 5 with the proxy choosing secrets: a /key/generate applied after ollm's timeout
// (and after it looked) made a key nobody held, and the next create failed "alias already exists".
test('disable_custom_api_keys: a create the proxy applies after the timeout is deleted by the next create, which then works', async () => {
  const w = await open({ disableCustomApiKeys: true });
  await create(w, ['--alias', 'warmup', '--write', 'none']); // learns the refusal
  const late = w.server.hold({ method: 'POST', path: '/key/generate', when: 'before' });
  const lost = await w.ollm(['key', 'create', '--budget', '5', '--timeout', '1', '--write', 'none', '--json']);
  assert.equal(lost.code, 1);
  assert.match(json(lost).error.message, /may still create it late; nobody would hold its secret/);
  assert.doesNotMatch(json(lost).error.message, /No key was created\./);
  await late.release(); // the proxy applies it now
  const orphan = w.server.findByAlias('openclaw')!;
  assert.ok(orphan, 'the proxy made the key after ollm gave up');

  const again = await w.ollm(['key', 'create', '--budget', '5', '--write', 'none']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /deleted the key "openclaw" an interrupted `ollm key create` had left/);
  const live = w.server.keys().filter((k) => k.key_alias === 'openclaw');
  assert.equal(live.length, 1, 'one key under the alias');
  assert.notEqual(live[0]!.key, orphan.key, 'the late one is gone');
  assert.equal(w.heldKey('openclaw'), live[0]!.key);
});

for (const when of ['before', 'after'] as const) {
  test(`disable_custom_api_keys: a create killed ${when} /key/generate took effect leaves nothing the next create cannot clean up`, async () => {
    const w = await open({ disableCustomApiKeys: true, realKeychain: true });
    await create(w, ['--alias', 'warmup', '--write', 'none']);
    assert.ok(await killDuring(w, ['key', 'create', '--budget', '5', ...w.storeFlags], { method: 'POST', path: '/key/generate', when }), 'killed at /key/generate');
    assert.equal(!!w.server.findByAlias('openclaw'), when === 'after', 'the proxy made the key only if the request took effect');
    const again = await w.ollm(['key', 'create', '--budget', '5', ...w.storeFlags]);
    assert.equal(again.code, 0, again.stderr);
    if (when === 'after') assert.match(again.stderr, /deleted the key "openclaw" an interrupted `ollm key create` had left/);
    assert.equal(w.server.keys().filter((k) => k.key_alias === 'openclaw').length, 1);
    assert.equal(w.heldKey('openclaw'), w.server.findByAlias('openclaw')!.key);
    assert.deepEqual(readdirSync(join(stateDir(w), 'creating')), [], 'no marker left');
  });
}

for (const enterprise of [false, true]) {
  test(`disable_custom_api_keys: rotation works by re-creating (${enterprise ? 'Enterprise' : 'open source'})`, async () => {
    const w = await open({ disableCustomApiKeys: true, enterprise });
    const old = await create(w);
    w.server.setSpend(old, 2.5);
    const result = await w.ollm(['key', 'rotate', '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(json(result).results[0].method, 'recreate');
    const fresh = w.server.findByAlias('openclaw')!;
    assert.notEqual(fresh.key, old);
    assert.equal(w.heldKey('openclaw'), fresh.key);
    assert.equal(configKey(w), fresh.key);
    assert.equal(fresh.spend, 2.5);
    assert.equal(w.server.keys().length, 1);
  });
}

test('a proxy that ignores the chosen secret: create and rotate keep the proxy\'s key', async () => {
  const w = await open({ ignoreChosenKey: true, enterprise: true });
  const created = await w.ollm(['key', 'create', '--budget', '5']);
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stderr, /ignored the secret ollm chose/);
  const key = w.server.findByAlias('openclaw')!.key;
  assert.equal(w.heldKey('openclaw'), key, 'the key that works, not the one sent');
  const sent = (posts(w, '/key/generate')[0]!.body as { key: string }).key;
  assert.notEqual(sent, key);
  const rotated = await w.ollm(['key', 'rotate', '--json']);
  assert.equal(rotated.code, 0, rotated.stderr);
  const fresh = w.server.findByAlias('openclaw')!.key;
  assert.notEqual(fresh, key);
  assert.equal(w.heldKey('openclaw'), fresh);
  assert.equal((await fetch(`${w.server.url}/key/info`, { headers: { authorization: `Bearer ${fresh}` } })).status, 200);
});

// 3. Revoke without the master key.
test('revoke with only the key itself: refused with what to do; --local-only forgets it here and says it still works', async () => {
  const w = await open();
  const key = await create(w);
  const refused = await w.ollm(['key', 'revoke', '--yes', '--json'], { env: noMaster(w) });
  assert.equal(refused.code, 1);
  const { error } = json(refused);
  assert.equal(error.code, 'revoke_needs_master_key');
  assert.match(error.message, /does not let a key delete itself/);
  assert.match(error.hint, /--local-only --yes/);
  assert.equal(w.heldKey('openclaw'), key, 'nothing forgotten');
  assert.ok(w.server.findByKey(key));

  const local = await w.ollm(['key', 'revoke', '--local-only', '--yes'], { env: noMaster(w) });
  assert.equal(local.code, 0, local.stderr);
  assert.match(local.stdout, /still works on http:\/\/127\.0\.0\.1:\d+: only this machine forgot it/);
  assert.equal(w.heldKey('openclaw'), undefined);
  assert.equal(configKey(w), undefined, 'removed where it was written');
  assert.ok(w.server.findByKey(key), 'still on the proxy');
  assert.equal(posts(w, '/key/delete').length, 1, '--local-only asks nothing of the proxy');
});

// 4. Deleted keys are archived.
async function deleteOnProxy(w: World, key: string): Promise<void> {
  const response = await fetch(`${w.server.url}/key/delete`, {
    method: 'POST', headers: { authorization: `Bearer ${w.server.masterKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ keys: [key] }),
  });
  assert.equal(response.status, 200);
}

test('a deleted (archived) key: key info says deleted; key rotate refuses before changing anything', async () => {
  const w = await open({ deletedKeys: 'archived' });
  const key = await create(w);
  await deleteOnProxy(w, key);
  const info = await w.ollm(['key', 'info', '--json']);
  assert.equal(info.code, 1);
  assert.equal(json(info).error.code, 'key_deleted');
  assert.match(json(info).error.message, /was deleted on http:\/\/127\.0\.0\.1:\d+/);
  const before = w.server.requests.length;
  const rotate = await w.ollm(['key', 'rotate', '--json']);
  assert.equal(rotate.code, 1);
  assert.equal(json(rotate).error.code, 'key_deleted');
  assert.deepEqual(w.server.requests.slice(before).filter((r) => r.method === 'POST'), [], 'nothing changed');
  assert.equal(w.heldKey('openclaw'), key);
});

test('resume never rolls forward onto a deleted key', async () => {
  const w = await open({ deletedKeys: 'archived', realKeychain: true });
  const old = await create(w);
  // Kill a re-create right after the proxy made the new key, then delete that key on the proxy.
  assert.ok(await killDuring(w, ['key', 'rotate'], { method: 'POST', path: '/key/generate', when: 'after' }), 'killed at /key/generate');
  const made = w.server.findByAlias('openclaw')!;
  assert.notEqual(made.key, old);
  await deleteOnProxy(w, made.key);
  const resumed = await w.ollm(['key', 'rotate', '--resume', '--json']);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(json(resumed).results[0].resumed, 'rolled-back');
  assert.equal(w.server.findByAlias('openclaw')!.key, old, 'the old key has its alias back');
  assert.equal(w.heldKey('openclaw'), old);
});

// 5. soft_budget and settings re-creating cannot copy.
test('re-create carries soft_budget (from the budget table) and narrowing settings', async () => {
  const w = await open();
  const old = await create(w);
  const update = await fetch(`${w.server.url}/key/update`, {
    method: 'POST', headers: { authorization: `Bearer ${w.server.masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ key: old, soft_budget: 3, allowed_routes: ['llm_api_routes'], model_max_budget: { 'gpt-4o': { budget_limit: 1, time_period: '1d' } } }),
  });
  assert.equal(update.status, 200);
  w.server.setKeyType(old, 'llm_api'); // /key/update cannot set it
  const result = await w.ollm(['key', 'rotate', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const fresh = w.server.findByAlias('openclaw')!;
  assert.equal(fresh.litellm_budget_table?.soft_budget, 3);
  assert.equal(fresh.key_type, 'llm_api');
  assert.deepEqual(fresh.allowed_routes, ['llm_api_routes']);
  assert.deepEqual(fresh.model_max_budget, { 'gpt-4o': { budget_limit: 1, time_period: '1d' } });
});

test('a shared budget (budget_id) cannot be re-created: refused naming it, unless --force', async () => {
  const w = await open();
  w.server.addKey({ key_alias: 'shared', budget_id: 'team-budget', litellm_budget_table: { budget_id: 'team-budget', soft_budget: null, max_budget: 100 } });
  const refused = await w.ollm(['key', 'rotate', '--match', 'shared', '--reveal', '--json']);
  assert.equal(refused.code, 1);
  const [r] = json(refused).results;
  assert.equal(r.error.code, 'rotation_loses_settings');
  assert.match(r.error.message, /budget_id \(a shared budget: max_budget\)/);
  assert.match(r.error.hint, /--force/);
  assert.equal(w.server.findByAlias('shared')!.budget_id, 'team-budget', 'unchanged');
  const forced = await w.ollm(['key', 'rotate', '--match', 'shared', '--reveal', '--force', '--json']);
  assert.equal(forced.code, 0, forced.stderr);
});

test('an older proxy that ignores a limit on /key/generate: the wider new key is deleted again and the rotation rolled back', async () => {
  const w = await open({ generateIgnores: ['allowed_routes'] });
  const old = await create(w);
  const update = await fetch(`${w.server.url}/key/update`, {
    method: 'POST', headers: { authorization: `Bearer ${w.server.masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ key: old, allowed_routes: ['llm_api_routes'] }),
  });
  assert.equal(update.status, 200);
  const result = await w.ollm(['key', 'rotate', '--json']);
  assert.equal(result.code, 1);
  assert.equal(json(result).error.code, 'rotation_wider_access');
  assert.match(json(result).error.message, /without these limits of the old key: allowed_routes .* rolled back/);
  assert.equal(w.server.findByAlias('openclaw')!.key, old, 'the old key is back under its alias');
  assert.equal(w.server.keys().length, 1, 'the wider key is gone');
  assert.equal(w.heldKey('openclaw'), old);
  const forced = await w.ollm(['key', 'rotate', '--force', '--json']);
  assert.equal(forced.code, 0, forced.stderr);
});

// 6. Regenerate's grace period, checked with one request.
test('regenerate: the old key is checked once; the proxy\'s own default grace is reported', async () => {
  const w = await open({ enterprise: true, rotationGracePeriod: '1h' });
  await create(w);
  const result = await w.ollm(['key', 'rotate', '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(json(result).results[0].method, 'regenerate');
  assert.equal(json(result).results[0].old_key_works, true);
  const human = await w.ollm(['key', 'rotate']);
  assert.match(human.stdout, /old key: still works \(the proxy keeps it alive: LITELLM_KEY_ROTATION_GRACE_PERIOD\)/);
});

test('regenerate with a broken grace period (#27193): the old key no longer works, and ollm says so', async () => {
  const w = await open({ enterprise: true, graceBroken: true });
  await create(w);
  const result = await w.ollm(['key', 'rotate', '--grace', '24h', '--json']);
  const [r] = json(result).results;
  assert.equal(r.old_key_works, false);
  assert.match(r.problems.join('\n'), /did not keep the old key working for 24h .* #27193/);
  assert.equal(result.code, 1);
  assert.equal(w.heldKey('openclaw'), w.server.findByAlias('openclaw')!.key, 'the rotation itself is done');
});

test('an expired key is refused by regenerate too (it would stay expired)', async () => {
  const w = await open({ enterprise: true });
  w.server.addKey({ key_alias: 'stale', expires: new Date(Date.now() - 60_000).toISOString() });
  const result = await w.ollm(['key', 'rotate', '--match', 'stale', '--reveal', '--json']);
  assert.equal(result.code, 1);
  assert.equal(json(result).results[0].error.code, 'key_expired');
  assert.equal(posts(w, '/key/regenerate').length, 0);
});

// 7. No database.
test('no database: master-key and virtual-key answers both become "no database, so no virtual keys"', async () => {
  const w = await open({ noDatabase: true });
  for (const [args, env] of [[['key', 'create', '--write', 'none'], w.env()], [['key', 'list'], w.env()], [['key', 'list'], w.env({ LITELLM_MASTER_KEY: 'sk-a-virtual-key-not-the-master' })]] as const) {
    const result = await w.ollm([...args, '--json'], { env });
    assert.equal(result.code, 1, result.stdout);
    assert.equal(json(result).error.code, 'no_database', `${args.join(' ')}: ${result.stdout}`);
    assert.match(json(result).error.message, /has no database, so it has no virtual keys/);
  }
  const check = await doctorCheck(w, 'proxy');
  assert.equal(check.status, 'fail');
  assert.match(check.message, /has no database/);
});

// 8. Smaller ones.
for (const status of [400, 422, 429] as const) {
  test(`an over-budget key (budget_exceeded, HTTP ${status}): models sync says the budget is used up`, async () => {
    const w = await open({ budgetExceededStatus: status });
    const key = await create(w);
    w.server.setSpend(key, 50);
    const result = await w.ollm(['models', 'sync', '--json']);
    assert.equal(result.code, 1);
    assert.equal(json(result).error.code, 'budget_exceeded');
    assert.match(json(result).error.message, /budget is used up/);
  });
}

test('key create with a budget already used up: the models note says so', async () => {
  const w = await open({ budgetExceededStatus: 429 });
  const result = await w.ollm(['key', 'create', '--budget', '0']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout + result.stderr, /could not list the proxy's models \(The key's budget is used up/);
});

test('a virtual key of a proxy-admin user is accepted as the master key', async () => {
  const w = await open({ adminUsers: ['root'] });
  const { key } = w.server.addKey({ user_id: 'root' });
  const check = await (async () => {
    const result = await w.ollm(['doctor', '--json'], { env: w.env({ OLLM_OPENCLAW_BIN: '', LITELLM_MASTER_KEY: key }) });
    return json<{ checks: Array<{ id: string; status: string; message: string }> }>(result).checks.find((c) => c.id === 'master-key')!;
  })();
  assert.equal(check.status, 'ok', check.message);
  assert.match(check.message, /admin/);
  // A plain user's key is no admin's, but since users manage their own keys (docs/users.md) it is
  // named as what it is, and what it may do.
  const plain = w.server.addKey({ user_id: 'bob' });
  const result = await w.ollm(['doctor', '--json'], { env: w.env({ OLLM_OPENCLAW_BIN: '', LITELLM_MASTER_KEY: plain.key }) });
  const user = json<{ checks: Array<{ id: string; status: string; message: string }> }>(result).checks.find((c) => c.id === 'master-key')!;
  assert.equal(user.status, 'ok', user.message);
  assert.match(user.message, /is user bob \(internal_user\).*changing a key's budget is for an admin/);
});

test('an llm_api key may not read its own info: key info and spend ask with the master key', async () => {
  const w = await open();
  const key = await create(w);
  w.server.setKeyType(key, 'llm_api'); // only /key/generate sets it on the real proxy
  const info = await w.ollm(['key', 'info', '--json']);
  assert.equal(info.code, 0, info.stderr);
  assert.equal(json(info).max_budget, 50);
  const spend = await w.ollm(['spend', '--json']);
  assert.equal(spend.code, 0, spend.stderr);
  const alone = await w.ollm(['key', 'info', '--json'], { env: noMaster(w) });
  assert.equal(alone.code, 1);
  assert.match(json(alone).error.message, /may not read its own info/);
  assert.match(json(alone).error.hint, /LITELLM_MASTER_KEY/);
});
