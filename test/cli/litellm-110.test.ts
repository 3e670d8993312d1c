// What LiteLLM changed after 1.108.7 (1.108.8–1.110.2, shared/litellm-api.md round 2 item 4),
// taught to the fake behind switches (LITELLM_1_110 in test/support/litellm/quirks.ts): ollm must
// work the same against both. Each test runs with the switches on, and off where that means
// something (the off side is 1.108.7, checked on the real proxy in test/real/).
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openWorld, json, type World } from '../support/fixture.ts';
import { LITELLM_1_110 } from '../support/litellm/quirks.ts';
import type { LiteLLMQuirks } from '../support/litellm-server.ts';

let world: World;
afterEach(async () => { await world?.close(); });

const ADMIN_DEFAULT: LiteLLMQuirks = { defaultAllowedRoutes: ['llm_api_routes'] };
const VERSIONS: Array<[string, LiteLLMQuirks]> = [['1.108.7', {}], ['1.110.2', LITELLM_1_110]];
const noMaster = () => ({ env: world.env({ LITELLM_MASTER_KEY: undefined, OLLM_OPENCLAW_BIN: '' }) });
const lastBody = (path: string) => world.server.requests.filter((r) => r.path === path).at(-1)?.body as Record<string, unknown> | undefined;

interface Check { id: string; status: string; message: string; fix: string | null }
async function storedKeyCheck(env = world.env({ OLLM_OPENCLAW_BIN: '' }), alias = 'openclaw'): Promise<Check> {
  const report = json<{ checks: Check[] }>(await world.ollm(['doctor', '--alias', alias, '--json'], { env }));
  const check = report.checks.find((c) => c.id === 'stored-key');
  assert.ok(check, 'the doctor has a stored-key check');
  return check;
}

/** POST to the fake with the master key, as an admin would with curl. */
async function adminCall(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${world.server.url}${path}`, {
    method: 'POST', headers: { authorization: `Bearer ${world.server.masterKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.text());
}

// 1. default_key_generate_params.allowed_routes applies when key_type is omitted.
for (const [version, quirks] of VERSIONS) {
  test(`${version} with an admin default of ["llm_api_routes"]: key create sends key_type "default", so the key reads its own info`, async () => {
    world = await openWorld({ ...quirks, ...ADMIN_DEFAULT });
    const created = await world.ollm(['key', 'create', '--alias', 'bot', '--budget', '5', '--write', 'none']);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(lastBody('/key/generate')?.['key_type'], 'default');
    assert.deepEqual(world.server.findByAlias('bot')!.allowed_routes, [], 'no route restriction reached the key');
    const info = await world.ollm(['key', 'info', '--alias', 'bot', '--json'], noMaster());
    assert.equal(info.code, 0, info.stderr);
    assert.equal(json(info).max_budget, 5);
    const check = await storedKeyCheck(undefined, 'bot');
    assert.equal(check.status, 'ok', check.message);
  });
}

test('1.110.2: rotation re-creates the key with key_type "default" too', async () => {
  world = await openWorld({ ...LITELLM_1_110, ...ADMIN_DEFAULT });
  assert.equal((await world.ollm(['key', 'create', '--alias', 'bot', '--write', 'none'])).code, 0);
  const rotated = await world.ollm(['key', 'rotate', '--alias', 'bot']);
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.deepEqual(world.server.findByAlias('bot')!.allowed_routes, []);
  assert.equal((await world.ollm(['key', 'info', '--alias', 'bot'], noMaster())).code, 0);
});

test('1.110.2: a held key that got the admin\'s default routes (made elsewhere) is explained by the doctor, with and without the master key', async () => {
  world = await openWorld({ ...LITELLM_1_110, ...ADMIN_DEFAULT });
  assert.equal((await world.ollm(['key', 'create', '--write', 'none'])).code, 0);
  await adminCall('/key/update', { key: world.server.findByAlias('openclaw')!.token, allowed_routes: ['llm_api_routes'] });

  const withMaster = await storedKeyCheck();
  assert.equal(withMaster.status, 'warn', withMaster.message);
  assert.match(withMaster.message, /may only call models \(allowed_routes \["llm_api_routes"\].*default_key_generate_params\.allowed_routes/);
  assert.match(withMaster.fix ?? '', /key\/update/, 'the master key can give the defaults back');
  const withoutMaster = await storedKeyCheck(noMaster().env);
  assert.equal(withoutMaster.status, 'warn', withoutMaster.message);
  assert.match(withoutMaster.message, /may only call models/);
  const info = await world.ollm(['key', 'info', '--json'], {});
  assert.equal(info.code, 0, `key info falls back to the master key: ${info.stderr}`);
});

// 2. /key/update with budget_duration always recomputes budget_reset_at.
for (const [version, quirks] of VERSIONS) {
  test(`${version}: key update never resends an unchanged budget period, so the next reset stays where it was`, async () => {
    let now = new Date('2026-03-10T12:00:00Z');
    world = await openWorld({ ...quirks, now: () => now });
    assert.equal((await world.ollm(['key', 'create', '--budget', '5', '--budget-duration', '2d', '--write', 'none'])).code, 0);
    const resetAt = world.server.findByAlias('openclaw')!.budget_reset_at;
    assert.equal(resetAt, '2026-03-12T00:00:00Z');
    now = new Date('2026-03-11T12:00:00Z'); // resent, "2d" would count again from today: the 13th
    const updated = await world.ollm(['key', 'update', '--budget', '10', '--budget-duration', '2d', '--json']);
    assert.equal(updated.code, 0, updated.stderr);
    assert.equal(lastBody('/key/update')?.['budget_duration'], undefined, 'the unchanged period is not sent');
    assert.equal(world.server.findByAlias('openclaw')!.budget_reset_at, resetAt, 'the next reset stands');
    assert.equal(world.server.findByAlias('openclaw')!.max_budget, 10);
    assert.deepEqual(json(updated).changed, ['max_budget']);
  });
}

test('1.110.2: a changed budget period is still sent', async () => {
  world = await openWorld(LITELLM_1_110);
  assert.equal((await world.ollm(['key', 'create', '--budget', '5', '--monthly', '--write', 'none'])).code, 0);
  assert.equal((await world.ollm(['key', 'update', '--weekly'])).code, 0);
  assert.equal(lastBody('/key/update')?.['budget_duration'], '7d');
  assert.equal(world.server.findByAlias('openclaw')!.budget_duration, '7d');
});

// 3. New error bodies for /key/update and /key/list.
for (const [version, quirks] of VERSIONS) {
  test(`${version}: errors of /key/list and /key/update still name the problem`, async () => {
    world = await openWorld(quirks);
    const wrongMaster = await world.ollm(['key', 'list'], { env: world.env({ LITELLM_MASTER_KEY: 'sk-not-the-master-key' }) });
    assert.equal(wrongMaster.code, 1, wrongMaster.stderr);
    assert.match(wrongMaster.stderr, /rejected the master key: it is not the proxy's master key/);

    world.server.addUser({ user_id: 'alice' });
    const userKey = world.server.addKey({ user_id: 'alice', key_alias: 'alice-login' }).key;
    assert.equal((await world.ollm(['key', 'create', '--alias', 'mine', '--write', 'none'], { env: world.env({ LITELLM_MASTER_KEY: userKey }) })).code, 0);
    const raise = await world.ollm(['key', 'update', '--alias', 'mine', '--budget', '500'], { env: world.env({ LITELLM_MASTER_KEY: userKey }) });
    assert.equal(raise.code, 1, raise.stderr);
    assert.match(raise.stderr, /Your role \(internal_user\) may not change max_budget/);
    // The fake's side of it: the body ollm read is the version's own.
    const response = await fetch(`${world.server.url}/key/list`, { headers: { authorization: 'Bearer sk-not-the-master-key' } });
    const error = ((await response.json()) as { error: { message: string; type: string } }).error;
    assert.equal(response.status, 401);
    if (version === '1.110.2') assert.deepEqual([error.message, error.type], ['Invalid API key provided.', 'authentication_error']);
    else assert.deepEqual([error.message, error.type], ['Authentication Error, Invalid API key provided.', 'token_not_found_in_db']);
  });
}

// 4. /key/info answers `key` as the hash, and 400 without ?key.
for (const [version, quirks] of VERSIONS) {
  test(`${version}: key info, status and the doctor read a held key by its hash, never relying on an echo of the secret`, async () => {
    world = await openWorld(quirks);
    assert.equal((await world.ollm(['key', 'create', '--budget', '5', '--write', 'none'])).code, 0);
    const info = await world.ollm(['key', 'info', '--json'], noMaster());
    assert.equal(info.code, 0, info.stderr);
    assert.equal(json(info).max_budget, 5);
    const token = world.server.findByAlias('openclaw')!.token;
    const asked = world.server.requests.filter((r) => r.path === '/key/info');
    assert.ok(asked.length > 0 && asked.every((r) => r.query['key'] === token), 'every /key/info names the key by its hash');
    assert.equal((await storedKeyCheck()).status, 'ok');
  });
}

test('1.110.2: login with a user key (it identifies itself through /key/info), then key create on it', async () => {
  world = await openWorld(LITELLM_1_110);
  world.server.addUser({ user_id: 'bob' });
  const userKey = world.server.addKey({ user_id: 'bob' }).key;
  const personEnv = world.env({ LITELLM_MASTER_KEY: undefined });
  const login = await world.ollm(['login', '--json', ...world.storeFlags], { env: personEnv, input: `${userKey}\n` });
  assert.equal(login.code, 0, login.stderr);
  assert.equal(json(login).credential.kind, 'user');
  const made = await world.ollm(['key', 'create', '--alias', 'bobs', '--write', 'none'], { env: personEnv });
  assert.equal(made.code, 0, made.stderr);
  assert.equal(world.server.findByAlias('bobs')!.user_id, 'bob');
});

// 5. Negative tpm_limit / rpm_limit: 422 on 1.110; ollm refuses them before asking.
for (const [flag, value] of [['--tpm', '-5'], ['--rpm', '-1']] as const) {
  test(`1.110.2: ${flag}=${value} is a usage error (exit 2) and the proxy is never asked`, async () => {
    world = await openWorld(LITELLM_1_110);
    const create = await world.ollm(['key', 'create', '--alias', 'neg', `${flag}=${value}`, '--write', 'none']);
    assert.equal(create.code, 2, create.stderr);
    assert.match(create.stderr, /is not a whole number ≥ 1/);
    assert.equal(world.server.requests.filter((r) => r.path === '/key/generate').length, 0);
    assert.equal((await world.ollm(['key', 'create', '--write', 'none'])).code, 0);
    const update = await world.ollm(['key', 'update', `${flag}=${value}`]);
    assert.equal(update.code, 2, update.stderr);
    assert.equal(world.server.requests.filter((r) => r.path === '/key/update').length, 0);
  });
}

test('the fake itself: 1.110.2 answers a negative limit with 422, 1.108.7 stores it', async () => {
  for (const [version, quirks] of VERSIONS) {
    world = await openWorld(quirks);
    const response = await fetch(`${world.server.url}/key/generate`, {
      method: 'POST', headers: { authorization: `Bearer ${world.server.masterKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ tpm_limit: -5 }),
    });
    assert.equal(response.status, version === '1.110.2' ? 422 : 200, await response.text());
    await world.close();
  }
});
