// Tests of the fake LiteLLM proxy itself: that it answers like the contract in
// shared/litellm-api.md says real LiteLLM does, so other tests can trust it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it, type TestContext } from 'node:test';
import { startFakeLiteLLM, type FakeLiteLLM, type FakeLiteLLMOptions } from './support/litellm-server.ts';

// A Wednesday afternoon, so every budget alignment rule lands on a different instant.
const WEDNESDAY = new Date('2026-03-18T15:30:00.000Z');

interface Clock {
  t: Date;
  advance(ms: number): void;
}

function clockAt(t: Date): Clock {
  return {
    t,
    advance(ms) {
      this.t = new Date(this.t.getTime() + ms);
    },
  };
}

async function fake(t: TestContext, opts: FakeLiteLLMOptions = {}): Promise<FakeLiteLLM> {
  const server = await startFakeLiteLLM(opts);
  t.after(() => server.close());
  return server;
}

interface Answer {
  status: number;
  // The tests read arbitrary JSON shapes; any keeps the assertions short.
  body: any;
  text: string;
  headers: Headers;
}

interface CallOptions {
  /** Sent as Authorization: Bearer; default the master key, null for none. */
  key?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function call(server: FakeLiteLLM, method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  const key = opts.key === undefined ? server.masterKey : opts.key;
  if (key) headers['authorization'] = `Bearer ${key}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  const res = await fetch(server.url + path, { method, headers, body, signal: opts.signal });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const generate = (server: FakeLiteLLM, body: Record<string, unknown> = {}) => call(server, 'POST', '/key/generate', { body });
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const envelope = (status: number, message: string, type: string, param: string | null = 'None') => ({
  error: { message, type, param, code: String(status) },
});

describe('auth', () => {
  it('answers 401 when no key is sent', async (t) => {
    const server = await fake(t);
    const res = await call(server, 'GET', '/key/list', { key: null });
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, envelope(401, 'Authentication Error, No api key passed in.', 'auth_error'));
  });

  it('calls an Authorization header without Bearer malformed', async (t) => {
    const server = await fake(t);
    const res = await call(server, 'GET', '/key/list', { key: null, headers: { authorization: 'sk-master-test' } });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.message, 'Authentication Error, Malformed API Key passed in. Ensure Key has `Bearer ` prefix.');
  });

  it('masks a non-sk key that is not the master key', async (t) => {
    const server = await fake(t);
    const res = await call(server, 'GET', '/key/list', { key: 'abcdefghijklmnopwxyz' });
    assert.equal(res.status, 401);
    assert.deepEqual(
      res.body,
      envelope(401, "LiteLLM Virtual Key expected. Received=abcd****wxyz, expected to start with 'sk-'.", 'auth_error'),
    );
    const short = await call(server, 'GET', '/key/list', { key: 'short' });
    assert.equal(short.body.error.message, "LiteLLM Virtual Key expected. Received=****, expected to start with 'sk-'.");
  });

  it('an unknown sk- key (a wrong master key too) gets 1.108.7\'s short token_not_found_in_db 401', async (t) => {
    const server = await fake(t);
    const expected = envelope(401, 'Authentication Error, Invalid API key provided.', 'token_not_found_in_db', 'key');
    for (const [path, key] of [['/v1/models', 'sk-unknown-1234'], ['/key/info', 'sk-unknown-1234'], ['/key/list', 'sk-master-wrong']]) {
      const res = await call(server, 'GET', path!, { key });
      assert.deepEqual([res.status, res.body], [401, expected], `${path} with ${key}`);
    }
  });

  it('takes x-litellm-api-key over Authorization, and API-Key when alone', async (t) => {
    const server = await fake(t);
    const preferred = await call(server, 'GET', '/key/list', {
      key: 'sk-wrong',
      headers: { 'x-litellm-api-key': 'sk-master-test' },
    });
    assert.equal(preferred.status, 200);
    const azure = await call(server, 'GET', '/key/list', { key: null, headers: { 'api-key': 'sk-master-test' } });
    assert.equal(azure.status, 200);
    const anthropic = await call(server, 'GET', '/key/list', { key: null, headers: { 'x-api-key': 'sk-master-test' } });
    assert.equal(anthropic.status, 200);
    assert.deepEqual(
      server.requests.map((r) => r.authKey),
      ['sk-master-test', 'sk-master-test', 'sk-master-test'],
    );
  });

  it('refuses a blocked key on every route until it is unblocked', async (t) => {
    const server = await fake(t);
    const { key } = server.addKey({ key_alias: 'blocked' });
    assert.equal((await call(server, 'POST', '/key/block', { body: { key } })).body.blocked, true);
    const blocked = envelope(401, "Authentication Error, Key is blocked. Update via `/key/unblock` if you're an admin.", 'auth_error');
    for (const [method, path] of [['GET', '/key/info'], ['GET', '/v1/models'], ['POST', '/chat/completions']] as const) {
      const res = await call(server, method, path, { key, body: method === 'POST' ? { model: 'gpt-4o', messages: [] } : undefined });
      assert.deepEqual([res.status, res.body], [401, blocked], path);
    }
    await call(server, 'POST', '/key/unblock', { body: { key } });
    assert.equal((await call(server, 'GET', '/key/info', { key })).status, 200);
  });

  it('refuses an expired key with type expired_key', async (t) => {
    const clock = clockAt(WEDNESDAY);
    const server = await fake(t, { now: () => clock.t });
    const { key } = (await generate(server, { duration: '1h' })).body;
    assert.equal((await call(server, 'GET', '/key/info', { key })).status, 200);
    clock.advance(3_600_001);
    const res = await call(server, 'GET', '/key/info', { key });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.type, 'expired_key');
    assert.equal(res.body.error.code, '401');
    assert.ok(res.body.error.message.startsWith('Authentication Error - Expired Key.'), res.body.error.message);
    assert.match(res.body.error.message, /Key Expiry time 2026-03-18 16:30:00\+00:00 and current time 2026-03-18 16:30:00\.001000\+00:00/);
  });

  it('keeps admin-only routes from virtual keys, naming the route', async (t) => {
    const server = await fake(t);
    const { key } = server.addKey({});
    const res = await call(server, 'POST', '/key/generate', { key, body: {} });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.type, 'auth_error');
    assert.ok(
      res.body.error.message.startsWith(
        'Authentication Error, Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=/key/generate. Your role=unknown. Your user_id=unknown',
      ),
      res.body.error.message,
    );
    assert.equal(server.keys().length, 1);
  });

  it('keeps an llm_api key off /key/info, even its own', async (t) => {
    const server = await fake(t);
    const { key } = (await generate(server, { key_type: 'llm_api' })).body;
    const res = await call(server, 'GET', '/key/info', { key });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, '403');
    assert.equal((await call(server, 'GET', '/v1/models', { key })).status, 200);
  });

  it('lets everyone in when the proxy has no master key', async (t) => {
    const server = await fake(t, { masterKey: null });
    const res = await generate(server, { key_alias: 'open' });
    assert.equal(res.status, 200);
    assert.equal(server.findByAlias('open')?.token, res.body.token);
  });
});

describe('POST /key/generate', () => {
  it('returns a new sk- key, its hash, and an exact expiry — but no budget_reset_at', async (t) => {
    const server = await fake(t, { now: () => WEDNESDAY });
    const res = await generate(server, { key_alias: 'openclaw', max_budget: 50, budget_duration: '1mo', duration: '30d', unknown_field: 1 });
    assert.equal(res.status, 200);
    assert.match(res.body.key, /^sk-[A-Za-z0-9_-]{22}$/);
    assert.equal(res.body.token, sha256(res.body.key));
    assert.equal(res.body.token_id, res.body.token);
    assert.equal(res.body.key_name, `sk-...${res.body.key.slice(-4)}`);
    assert.equal(res.body.expires, '2026-04-17T15:30:00Z');
    assert.equal(res.body.created_by, 'default_user_id');
    assert.equal('budget_reset_at' in res.body, false);
    assert.equal(server.findByKey(res.body.key)?.budget_reset_at, '2026-04-01T00:00:00Z');
  });

  it('rejects a negative max_budget with the Python-repr message', async (t) => {
    const server = await fake(t);
    const res = await generate(server, { max_budget: -1 });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, envelope(400, "{'error': 'max_budget cannot be negative. Received: -1.0'}", 'internal_server_error'));
  });

  it('rejects a duplicate alias across all keys', async (t) => {
    const server = await fake(t);
    assert.equal((await generate(server, { key_alias: 'openclaw' })).status, 200);
    const res = await generate(server, { key_alias: 'openclaw' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      error: {
        message: "Key with alias 'openclaw' already exists. Unique key aliases across all keys are required.",
        type: 'bad_request_error',
        param: 'key_alias',
        code: '400',
      },
    });
    assert.equal(server.keys().length, 1);
  });

  it('answers 500 for a duration outside <int><unit>', async (t) => {
    const server = await fake(t);
    const monthly = await generate(server, { duration: 'monthly' });
    assert.deepEqual([monthly.status, monthly.body.error.message], [500, 'Invalid duration format']);
    const unitless = await generate(server, { duration: '30' });
    assert.deepEqual([unitless.status, unitless.body.error.message], [500, 'Unsupported duration unit, passed duration: 30']);
    assert.equal(server.keys().length, 0);
  });

  it('requires a custom key to start with sk-', async (t) => {
    const server = await fake(t);
    const res = await generate(server, { key: 'my-own-secret-1234' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.message, `{'error': "Invalid key format. LiteLLM Virtual Key must start with 'sk-'. Received: my-o****1234"}`);
    const custom = await generate(server, { key: 'sk-my-own-secret-1234' });
    assert.equal(custom.body.key, 'sk-my-own-secret-1234');
  });

  it('answers FastAPI 422s for wrong types and for bad JSON', async (t) => {
    const server = await fake(t);
    const typed = await generate(server, { max_budget: 'abc', models: 'gpt-4o', key_alias: 7 });
    assert.equal(typed.status, 422);
    assert.deepEqual(typed.body.detail, [
      { type: 'string_type', loc: ['body', 'key_alias'], msg: 'Input should be a valid string', input: 7 },
      { type: 'list_type', loc: ['body', 'models'], msg: 'Input should be a valid list', input: 'gpt-4o' },
      { type: 'float_parsing', loc: ['body', 'max_budget'], msg: 'Input should be a valid number, unable to parse string as a number', input: 'abc' },
    ]);
    const broken = await call(server, 'POST', '/key/generate', { body: '{"key_alias": ' });
    assert.equal(broken.status, 422);
    assert.equal(broken.body.detail[0].type, 'json_invalid');
    assert.equal(broken.body.detail[0].loc[0], 'body');
    assert.equal((await generate(server, { max_budget: '5' })).body.max_budget, 5, 'pydantic coerces numeric strings');
  });

  it('stores budget_duration as sent and aligns budget_reset_at like LiteLLM', async (t) => {
    const server = await fake(t, { now: () => WEDNESDAY });
    const expected: Record<string, string> = {
      '1d': '2026-03-19T00:00:00Z', // next midnight
      '7d': '2026-03-23T00:00:00Z', // next Monday
      '1w': '2026-03-23T00:00:00Z',
      '30d': '2026-04-01T00:00:00Z', // first of next month
      '1mo': '2026-04-01T00:00:00Z',
      monthly: '2026-03-19T00:00:00Z', // unparseable: silently daily
      '6h': '2026-03-18T18:00:00Z', // aligned to the clock, not now + 6h
    };
    for (const [budgetDuration, resetAt] of Object.entries(expected)) {
      const { key } = (await generate(server, { budget_duration: budgetDuration })).body;
      const info = (await call(server, 'GET', `/key/info?key=${key}`)).body.info;
      assert.equal(info.budget_duration, budgetDuration);
      assert.equal(info.budget_reset_at, resetAt, budgetDuration);
    }
  });

  it('resets a weekly budget on the following Monday when created on a Monday', async (t) => {
    const server = await fake(t, { now: () => new Date('2026-03-23T08:00:00Z') });
    const { key } = (await generate(server, { budget_duration: '7d' })).body;
    assert.equal(server.findByKey(key)?.budget_reset_at, '2026-03-30T00:00:00Z');
  });

  it('refuses a multi-month budget_duration with a 500', async (t) => {
    const server = await fake(t);
    const res = await generate(server, { budget_duration: '2mo' });
    assert.equal(res.status, 500);
    assert.equal(res.body.error.message, 'Monthly resets currently only support 1 month intervals');
  });

  it('zeroes spend once budget_reset_at has passed', async (t) => {
    const clock = clockAt(WEDNESDAY);
    const server = await fake(t, { now: () => clock.t });
    const { key } = (await generate(server, { budget_duration: '1d', max_budget: 1 })).body;
    server.setSpend(key, 0.75);
    clock.advance(9 * 3_600_000); // past midnight
    const info = (await call(server, 'GET', '/key/info', { key })).body.info;
    assert.equal(info.spend, 0);
    assert.equal(info.budget_reset_at, '2026-03-20T00:00:00Z');
  });
});

describe('GET /key/info', () => {
  it("describes the caller's own key without ?key, keyed by its hash", async (t) => {
    const server = await fake(t);
    const { key, token } = (await generate(server, { key_alias: 'mine', max_budget: 5 })).body;
    const res = await call(server, 'GET', '/key/info', { key });
    assert.equal(res.status, 200);
    assert.equal(res.body.key, token);
    assert.equal(res.body.info.key_alias, 'mine');
    assert.equal(res.body.info.max_budget, 5);
    assert.equal(res.body.info.litellm_budget_table, null);
    assert.equal(JSON.stringify(res.body).includes(key), false, 'the secret never comes back');
  });

  it('echoes the ?key that was asked for', async (t) => {
    const server = await fake(t);
    const { key, token } = (await generate(server)).body;
    assert.equal((await call(server, 'GET', `/key/info?key=${key}`)).body.key, key);
    assert.equal((await call(server, 'GET', `/key/info?key=${token}`)).body.key, token);
  });

  it('answers 404 for the master key without ?key and for unknown keys', async (t) => {
    const server = await fake(t);
    const own = await call(server, 'GET', '/key/info');
    assert.deepEqual([own.status, own.body], [404, envelope(404, 'Key not found in database', 'not_found_error', 'key')]);
    assert.equal((await call(server, 'GET', '/key/info?key=sk-nothing-here')).status, 404);
  });

  it("answers 403 to a key asking about another key", async (t) => {
    const server = await fake(t);
    const a = server.addKey({ key_alias: 'a' });
    const b = server.addKey({ key_alias: 'b' });
    const res = await call(server, 'GET', `/key/info?key=${b.token}`, { key: a.key });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, '403');
  });
});

describe('GET /key/list', () => {
  it('pages newest first and filters by exact alias', async (t) => {
    const server = await fake(t, { now: () => WEDNESDAY }); // equal created_at: later-created wins the tie
    const tokens = [];
    for (const alias of ['k1', 'k2', 'k3', 'k4', 'k5']) tokens.push((await generate(server, { key_alias: alias })).body.token);
    const page1 = await call(server, 'GET', '/key/list?page=1&size=2');
    assert.deepEqual(page1.body, { keys: [tokens[4], tokens[3]], total_count: 5, current_page: 1, total_pages: 3 });
    const page3 = await call(server, 'GET', '/key/list?page=3&size=2');
    assert.deepEqual(page3.body.keys, [tokens[0]]);
    const byAlias = await call(server, 'GET', '/key/list?key_alias=k2&return_full_object=true');
    assert.equal(byAlias.body.total_count, 1);
    assert.equal(byAlias.body.keys[0].token, tokens[1]);
    assert.equal(byAlias.body.keys[0].key_alias, 'k2');
    assert.equal((await call(server, 'GET', '/key/list?key_alias=k')).body.total_count, 0, 'exact match only');
  });

  it('refuses sizes over 100 with a 422', async (t) => {
    const server = await fake(t);
    const res = await call(server, 'GET', '/key/list?size=101');
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.detail[0].loc, ['query', 'size']);
    assert.equal(res.body.detail[0].type, 'less_than_equal');
  });

  it("shows a non-admin only its own user's keys", async (t) => {
    const server = await fake(t);
    const mine = server.addKey({ user_id: 'alice' });
    server.addKey({ user_id: 'alice' });
    server.addKey({ user_id: 'bob' });
    const res = await call(server, 'GET', '/key/list', { key: mine.key });
    assert.equal(res.body.total_count, 2);
  });
});

describe('POST /key/update', () => {
  it('checks alias uniqueness against other keys only', async (t) => {
    const server = await fake(t);
    const a = (await generate(server, { key_alias: 'a' })).body;
    await generate(server, { key_alias: 'b' });
    const same = await call(server, 'POST', '/key/update', { body: { key: a.key, key_alias: 'a', max_budget: 9 } });
    assert.equal(same.status, 200);
    assert.equal(same.body.key, a.key);
    assert.equal(same.body.token, a.token);
    assert.equal(same.body.max_budget, 9);
    const taken = await call(server, 'POST', '/key/update', { body: { key: a.token, key_alias: 'b' } });
    assert.equal(taken.status, 400);
    assert.equal(taken.body.error.param, 'key_alias');
  });

  it('makes a key never expire with duration null or "-1"', async (t) => {
    const server = await fake(t);
    const { key } = (await generate(server, { duration: '1h' })).body;
    assert.notEqual(server.findByKey(key)?.expires, null);
    const res = await call(server, 'POST', '/key/update', { body: { key, duration: null } });
    assert.equal(res.body.expires, null);
    assert.equal(server.findByKey(key)?.expires, null);
    await call(server, 'POST', '/key/update', { body: { key, duration: '1h' } });
    await call(server, 'POST', '/key/update', { body: { key, duration: '-1' } });
    assert.equal(server.findByKey(key)?.expires, null);
  });

  it('keeps spend when budget_duration changes', async (t) => {
    const server = await fake(t);
    const { key } = (await generate(server, { budget_duration: '1d' })).body;
    server.setSpend(key, 3);
    await call(server, 'POST', '/key/update', { body: { key, budget_duration: '1mo' } });
    assert.deepEqual([server.findByKey(key)?.spend, server.findByKey(key)?.budget_duration], [3, '1mo']);
  });

  it("answers an unknown key with LiteLLM's misleading team message", async (t) => {
    const server = await fake(t);
    const res = await call(server, 'POST', '/key/update', { body: { key: 'sk-not-a-key', max_budget: 1 } });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.message, "{'error': 'Team not found, passed team_id=None'}");
  });
});

describe('POST /key/delete', () => {
  it('echoes the keys it was given, raw or hashed', async (t) => {
    const server = await fake(t);
    const a = server.addKey({});
    const b = server.addKey({});
    const res = await call(server, 'POST', '/key/delete', { body: { keys: [a.key, b.token] } });
    assert.deepEqual([res.status, res.body], [200, { deleted_keys: [a.key, b.token] }]);
    assert.equal(server.keys().length, 0);
  });

  it('deletes by alias, and prefers keys when both lists are sent', async (t) => {
    const server = await fake(t);
    const a = server.addKey({ key_alias: 'a' });
    server.addKey({ key_alias: 'b' });
    const res = await call(server, 'POST', '/key/delete', { body: { keys: [a.key], key_aliases: ['b'] } });
    assert.deepEqual(res.body, { deleted_keys: [a.key] });
    assert.deepEqual(server.keys().map((k) => k.key_alias), ['b']);
    await call(server, 'POST', '/key/delete', { body: { key_aliases: ['b'] } });
    assert.equal(server.keys().length, 0);
  });

  it('answers 404 when nothing matched and 422 when nothing was asked', async (t) => {
    const server = await fake(t);
    const none = await call(server, 'POST', '/key/delete', { body: { keys: ['sk-gone'] } });
    assert.deepEqual([none.status, none.body], [404, envelope(404, "{'error': 'No keys found'}", 'internal_server_error')]);
    const empty = await call(server, 'POST', '/key/delete', { body: {} });
    assert.equal(empty.status, 422);
  });
});

describe('POST /key/regenerate', () => {
  it('is an Enterprise feature on both routes', async (t) => {
    const server = await fake(t);
    const { key } = server.addKey({});
    for (const [path, body] of [['/key/regenerate', { key }], [`/key/${key}/regenerate`, {}]] as const) {
      const res = await call(server, 'POST', path, { body });
      assert.equal(res.status, 500, path);
      assert.equal(res.body.error.type, 'internal_server_error');
      assert.ok(
        res.body.error.message.startsWith(
          'Regenerating Virtual Keys is an Enterprise feature, You must be a LiteLLM Enterprise user to use this feature.',
        ),
      );
    }
    assert.equal(server.findByKey(key)?.key, key, 'nothing rotated');
  });

  it('swaps the secret in place, keeping alias, spend and budget', async (t) => {
    const server = await fake(t, { enterprise: true });
    const old = server.addKey({ key_alias: 'openclaw', max_budget: 50, budget_duration: '1mo', spend: 12 });
    const res = await call(server, 'POST', `/key/${old.key}/regenerate`, { body: { max_budget: 60 } });
    assert.equal(res.status, 200);
    assert.notEqual(res.body.key, old.key);
    assert.equal(res.body.token, sha256(res.body.key));
    assert.deepEqual([res.body.key_alias, res.body.spend, res.body.max_budget], ['openclaw', 12, 60]);
    assert.equal(server.keys().length, 1);
    assert.equal((await call(server, 'GET', '/key/info', { key: old.key })).status, 401, 'no grace: the old key dies');
    assert.equal((await call(server, 'GET', '/key/info', { key: res.body.key })).status, 200);
  });

  it('keeps the old key working until the grace period ends', async (t) => {
    const clock = clockAt(WEDNESDAY);
    const server = await fake(t, { enterprise: true, now: () => clock.t });
    const old = server.addKey({ key_alias: 'openclaw' });
    const res = await call(server, 'POST', '/key/regenerate', { body: { key: old.key, new_key: 'sk-fresh-secret-0001', grace_period: '24h' } });
    assert.equal(res.body.key, 'sk-fresh-secret-0001');
    clock.advance(23 * 3_600_000);
    const during = await call(server, 'POST', '/chat/completions', { key: old.key, body: { model: 'gpt-4o', messages: [] } });
    assert.equal(during.status, 200);
    assert.equal(server.findByAlias('openclaw')?.spend, 0.01, 'spend lands on the rotated key');
    clock.advance(3_600_000);
    assert.equal((await call(server, 'GET', '/v1/models', { key: old.key })).status, 401);
    assert.equal((await call(server, 'GET', '/v1/models', { key: 'sk-fresh-secret-0001' })).status, 200);
  });

  it('requires new_key to start with sk-', async (t) => {
    const server = await fake(t, { enterprise: true });
    const { key } = server.addKey({});
    const res = await call(server, 'POST', '/key/regenerate', { body: { key, new_key: 'plain' } });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /New key must start with 'sk-'/);
  });

  it('can be switched on at runtime', async (t) => {
    const server = await fake(t);
    const { key } = server.addKey({});
    server.setEnterprise(true);
    assert.equal((await call(server, 'POST', '/key/regenerate', { body: { key } })).status, 200);
  });
});

describe('LLM routes', () => {
  const routes = [
    ['/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }],
    ['/v1/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }],
    ['/v1/messages', { model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: 'hello' }] }],
  ] as const;

  it('charges each call to the key and writes a spend-log row', async (t) => {
    const server = await fake(t, { costPerRequest: 0.25 });
    const { key, token } = server.addKey({ key_alias: 'openclaw' });
    const chat = await call(server, 'POST', '/v1/chat/completions', { key, body: routes[1][1] });
    assert.equal(chat.status, 200);
    assert.equal(chat.body.object, 'chat.completion');
    assert.equal(chat.body.choices[0].message.content, 'hi');
    const messages = await call(server, 'POST', '/v1/messages', { key, body: routes[2][1] });
    assert.deepEqual(messages.body.content, [{ type: 'text', text: 'hi' }]);
    assert.equal(server.findByKey(key)?.spend, 0.5);
    const logs = await call(server, 'GET', `/spend/logs?api_key=${key}`);
    assert.deepEqual(
      logs.body.map((row: { api_key: string; call_type: string; spend: number; model: string }) => [row.api_key, row.call_type, row.spend, row.model]),
      [
        [token, 'acompletion', 0.25, 'gpt-4o'],
        [token, 'anthropic_messages', 0.25, 'claude-sonnet-4-6'],
      ],
    );
  });

  it('refuses an over-budget key on every LLM route, streaming or not', async (t) => {
    const server = await fake(t);
    const { key } = server.addKey({ max_budget: 50 });
    server.setSpend(key, 50.01);
    for (const [path, body] of routes) {
      for (const stream of [false, true]) {
        const res = await call(server, 'POST', path, { key, body: { ...body, stream } });
        assert.equal(res.status, 422, `${path} stream=${stream}`);
        assert.deepEqual(res.body, envelope(422, 'Budget has been exceeded! Current cost: 50.01, Max budget: 50.0', 'budget_exceeded', null));
      }
    }
    assert.equal((await call(server, 'GET', '/key/info', { key })).status, 200, 'management routes still work');
  });

  it('refuses once spend reaches the budget exactly', async (t) => {
    const server = await fake(t, { costPerRequest: 1 });
    const { key } = server.addKey({ max_budget: 1 });
    assert.equal((await call(server, 'POST', '/chat/completions', { key, body: routes[0][1] })).status, 200);
    const res = await call(server, 'POST', '/chat/completions', { key, body: routes[0][1] });
    assert.equal(res.body.error.message, 'Budget has been exceeded! Current cost: 1.0, Max budget: 1.0');
  });

  it('streams OpenAI chunks ending in [DONE]', async (t) => {
    const server = await fake(t);
    const res = await call(server, 'POST', '/chat/completions', { body: { ...routes[0][1], stream: true } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const frames = res.text.split('\n\n').filter(Boolean);
    assert.equal(frames.at(-1), 'data: [DONE]');
    const chunks = frames.slice(0, -1).map((f) => {
      assert.ok(f.startsWith('data: '), f);
      return JSON.parse(f.slice('data: '.length));
    });
    assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk'));
    assert.equal(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join(''), 'hi');
    assert.equal(chunks.at(-1).choices[0].finish_reason, 'stop');
  });

  it('streams Anthropic events in order', async (t) => {
    const server = await fake(t);
    const res = await call(server, 'POST', '/v1/messages', { body: { ...routes[2][1], stream: true } });
    const frames = res.text.split('\n\n').filter(Boolean);
    const events = frames.map((f) => {
      const [eventLine = '', dataLine = ''] = f.split('\n');
      const data = JSON.parse(dataLine.replace(/^data: /, ''));
      assert.equal(eventLine, `event: ${data.type}`);
      return data;
    });
    assert.deepEqual(
      events.map((e) => e.type),
      ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'],
    );
    assert.equal(events[2].delta.text, 'hi');
  });

  it("refuses a model outside the key's list, and lists only the allowed ones", async (t) => {
    const server = await fake(t);
    const { key } = server.addKey({ models: ['gpt-4o'] });
    const res = await call(server, 'POST', '/v1/messages', { key, body: routes[2][1] });
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, {
      error: {
        message: "key not allowed to access model. This key can only access models=['gpt-4o']. Tried to access claude-sonnet-4-6",
        type: 'key_model_access_denied',
        param: 'model',
        code: '401',
      },
    });
    const models = await call(server, 'GET', '/v1/models', { key });
    assert.deepEqual(models.body.data.map((m: { id: string }) => m.id), ['gpt-4o']);
    assert.equal(models.body.object, 'list');
    const all = await call(server, 'GET', '/models');
    assert.deepEqual(all.body.data.map((m: { id: string }) => m.id), ['claude-sonnet-4-6', 'gpt-4o']);
  });
});

describe('GET /spend/logs', () => {
  it('summarizes per day, excluding the end date past midnight as LiteLLM does', async (t) => {
    const server = await fake(t);
    server.addSpendLog({ api_key: 'sk-a', spend: 1, model: 'gpt-4o', user: 'u1', startTime: '2026-03-01T10:00:00Z' });
    server.addSpendLog({ api_key: 'sk-a', spend: 2, model: 'claude-sonnet-4-6', user: 'u1', startTime: '2026-03-01T11:00:00Z' });
    server.addSpendLog({ api_key: 'sk-b', spend: 4, model: 'gpt-4o', user: 'u2', startTime: '2026-03-02T09:00:00Z' });
    server.addSpendLog({ api_key: 'sk-b', spend: 8, model: 'gpt-4o', user: 'u2', startTime: '2026-03-04T09:00:00Z' });
    const res = await call(server, 'GET', '/spend/logs?start_date=2026-03-01&end_date=2026-03-04');
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.map((d: { startTime: string; spend: number }) => [d.startTime, d.spend]),
      [
        ['2026-03-01', 3],
        ['2026-03-02', 4],
        ['2026-03-03', 0],
        ['2026-03-04', 0],
      ],
    );
    assert.deepEqual(res.body[0].models, { 'gpt-4o': 1, 'claude-sonnet-4-6': 2 });
    assert.deepEqual(res.body[0].users, { u1: 3 });
    assert.deepEqual(res.body[0].api_keys, { [sha256('sk-a')]: 3 });
    assert.equal(res.body[0][sha256('sk-a')], 3);
  });

  it('needs both dates, and returns raw rows without them', async (t) => {
    const server = await fake(t);
    server.addSpendLog({ api_key: 'sk-a', spend: 1, request_id: 'r1' });
    server.addSpendLog({ api_key: 'sk-b', spend: 2, request_id: 'r2' });
    assert.equal((await call(server, 'GET', '/spend/logs?start_date=2026-03-01')).status, 400);
    const rows = await call(server, 'GET', `/spend/logs?api_key=${sha256('sk-b')}`);
    assert.deepEqual(rows.body.map((r: { request_id: string }) => r.request_id), ['r2']);
    assert.equal((await call(server, 'GET', '/spend/logs?request_id=r1')).body[0].spend, 1);
  });
});

describe('holds and overrides', () => {
  it("'before' never creates the key nor answers, without blocking other requests", async (t) => {
    const server = await fake(t);
    server.hold({ method: 'POST', path: '/key/generate', when: 'before' });
    const abort = new AbortController();
    const held = call(server, 'POST', '/key/generate', { body: { key_alias: 'held' }, signal: abort.signal });
    await until(() => server.requests.length === 1);
    assert.equal((await call(server, 'GET', '/health/liveliness', { key: null })).status, 200);
    assert.equal((await generate(server, { key_alias: 'next' })).status, 200, 'times defaults to 1');
    abort.abort();
    await assert.rejects(held, { name: 'AbortError' });
    assert.equal(server.findByAlias('held'), undefined);
    assert.deepEqual(server.requests.map((r) => r.path), ['/key/generate', '/health/liveliness', '/key/generate']);
  });

  it("release() applies a 'before'-held request late, after its caller gave up", async (t) => {
    const server = await fake(t);
    const { release } = server.hold({ method: 'POST', path: '/key/generate', when: 'before' });
    const abort = new AbortController();
    const gaveUp = call(server, 'POST', '/key/generate', { body: { key_alias: 'late' }, signal: abort.signal });
    await until(() => server.requests.length === 1);
    abort.abort();
    await assert.rejects(gaveUp, { name: 'AbortError' });
    assert.equal(server.findByAlias('late'), undefined, 'not applied while held');
    await release();
    assert.ok(server.findByAlias('late'), 'applied late');
  });

  it("'after' creates the key but never answers", async (t) => {
    const server = await fake(t);
    const { held } = server.hold({ path: '/key/generate', when: 'after' });
    const abort = new AbortController();
    // Give up once the server has applied it and kept the answer (not after a guessed time: a
    // loaded machine may not have delivered the request by then).
    void held.then(() => abort.abort());
    await assert.rejects(call(server, 'POST', '/key/generate', { body: { key_alias: 'lost-answer' }, signal: abort.signal }), {
      name: 'AbortError',
    });
    assert.ok(server.findByAlias('lost-answer'));
  });

  it('closes even while a request is held', async (t) => {
    const server = await startFakeLiteLLM();
    server.hold({ path: '/key/list', when: 'before' });
    const held = call(server, 'GET', '/key/list').then(
      () => 'answered',
      () => 'cut',
    );
    await until(() => server.requests.length === 1);
    await server.close();
    assert.equal(await held, 'cut');
    t.diagnostic('closed with a held socket');
  });

  it('replaces a route once with a raw handler', async (t) => {
    const server = await fake(t);
    server.override('GET', '/key/info', (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    const first = await call(server, 'GET', '/key/info?key=x');
    assert.deepEqual([first.status, first.text], [502, '<html>Bad Gateway</html>']);
    assert.equal((await call(server, 'GET', '/key/info?key=x')).status, 404, 'back to the normal route');
    assert.equal(server.requests.length, 2);
  });

  it('reset() clears keys, requests and pending holds', async (t) => {
    const server = await fake(t);
    const requests = server.requests;
    server.addKey({ key_alias: 'x' });
    server.hold({ path: '/key/list', when: 'before' });
    server.reset();
    assert.equal((await call(server, 'GET', '/key/list')).body.total_count, 0);
    assert.equal(requests.length, 1, 'the same array, cleared in place');
  });
});

describe('health and unknown routes', () => {
  it('answers health checks without auth', async (t) => {
    const server = await fake(t);
    const live = await call(server, 'GET', '/health/liveliness', { key: null });
    assert.deepEqual([live.status, live.body], [200, "I'm alive!"]);
    const ready = await call(server, 'GET', '/health/readiness', { key: null });
    assert.deepEqual(ready.body, { status: 'healthy', db: 'connected' }, 'as the real 1.108.7 answers');
    const detailed = await fake(t, { readinessShape: 'details' });
    assert.deepEqual((await call(detailed, 'GET', '/health/readiness', { key: null })).body,
      { status: 'healthy', db: 'connected', cache: null, litellm_version: '1.84.0', success_callbacks: [] });
  });

  it("answers FastAPI's 404 and 405", async (t) => {
    const server = await fake(t);
    const missing = await call(server, 'GET', '/key/nope');
    assert.deepEqual([missing.status, missing.body], [404, { detail: 'Not Found' }]);
    const wrongMethod = await call(server, 'GET', '/key/generate');
    assert.deepEqual([wrongMethod.status, wrongMethod.body], [405, { detail: 'Method Not Allowed' }]);
  });
});

// The version- and setting-dependent answers (LiteLLMQuirks), as LiteLLM 1.108.7's source gives them.
describe('quirks', () => {
  it('readiness: 1.84+ public shape without a version, pre-1.84 "connected", 503 with the database down', async (t) => {
    const modern = await fake(t, { readinessShape: 'modern' });
    assert.deepEqual((await call(modern, 'GET', '/health/readiness', { key: null })).body, { status: 'healthy', db: 'connected' });
    const old = await fake(t, { readinessShape: 'pre-1.84' });
    const oldBody = (await call(old, 'GET', '/health/readiness', { key: null })).body;
    assert.equal(oldBody.status, 'connected');
    assert.equal(oldBody.litellm_version, '1.83.0');
    modern.setQuirks({ databaseDown: true });
    const down = await call(modern, 'GET', '/health/readiness', { key: null });
    assert.deepEqual([down.status, down.body], [503, { status: 'healthy', db: 'disconnected' }]);
    const none = await fake(t, { readinessShape: 'modern', noDatabase: true });
    const noDb = await call(none, 'GET', '/health/readiness', { key: null });
    assert.deepEqual([noDb.status, noDb.body], [200, { status: 'healthy', db: 'Not connected' }]);
  });

  it('disable_custom_api_keys: 403 on key and new_key, even for the master key; generating without works', async (t) => {
    const server = await fake(t, { disableCustomApiKeys: true, enterprise: true });
    const refused = await generate(server, { key: 'sk-chosen-by-the-client-0123' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.message, "{'error': 'Custom API key values are disabled by your administrator. Keys must be auto-generated.'}");
    const made = await generate(server, { key_alias: 'a' });
    assert.equal(made.status, 200);
    const again = await call(server, 'POST', '/key/regenerate', { body: { key: made.body.key, new_key: 'sk-chosen-by-the-client-4567' } });
    assert.equal(again.status, 403);
    assert.equal((await call(server, 'POST', '/key/regenerate', { body: { key: made.body.key } })).status, 200);
  });

  it('a custom key shorter than MINIMUM_CUSTOM_KEY_LENGTH (16) is refused', async (t) => {
    const server = await fake(t);
    const short = await generate(server, { key: 'sk-short' });
    assert.deepEqual([short.status, short.body.error.message], [400, "{'error': 'Invalid key format. LiteLLM Virtual Key must be at least 16 characters long.'}"]);
  });

  it('generateIgnores: an older proxy drops fields its GenerateKeyRequest lacks', async (t) => {
    const server = await fake(t, { generateIgnores: ['allowed_routes'] });
    const made = await generate(server, { allowed_routes: ['llm_api_routes'], models: ['gpt-4o'] });
    const info = (await call(server, 'GET', `/key/info?key=${made.body.token}`)).body.info;
    assert.deepEqual([info.allowed_routes, info.models], [[], ['gpt-4o']]);
  });

  it('ignoreChosenKey: the chosen secret is dropped and another one returned', async (t) => {
    const server = await fake(t, { ignoreChosenKey: true });
    const made = await generate(server, { key: 'sk-chosen-by-the-client-0123' });
    assert.equal(made.status, 200);
    assert.notEqual(made.body.key, 'sk-chosen-by-the-client-0123');
    assert.equal(server.findByKey('sk-chosen-by-the-client-0123'), undefined);
  });

  it('a key without a user may read its own info but not delete or update itself', async (t) => {
    const server = await fake(t);
    const { key } = server.addKey({ key_alias: 'self' });
    assert.equal((await call(server, 'GET', '/key/info', { key })).status, 200);
    const del = await call(server, 'POST', '/key/delete', { key, body: { keys: [key] } });
    assert.equal(del.status, 401);
    assert.match(del.body.error.message, /Only proxy admin .* Route=\/key\/delete\. Your role=unknown/);
    assert.ok(server.findByKey(key), 'not deleted');
    const owned = server.addKey({ key_alias: 'owned', user_id: 'alice' });
    assert.equal((await call(server, 'POST', '/key/delete', { key: owned.key, body: { keys: [owned.key] } })).status, 200, 'a user\'s key is an internal user\'s');
  });

  it('deleted keys: archived (200, status "deleted") on the newest, 404 on older versions', async (t) => {
    const server = await fake(t);
    const { key, token } = server.addKey({ key_alias: 'gone' });
    assert.equal((await call(server, 'POST', '/key/delete', { body: { keys: [key] } })).status, 200);
    const info = await call(server, 'GET', `/key/info?key=${token}`);
    assert.equal(info.status, 200);
    assert.equal(info.body.info.status, 'deleted');
    assert.equal(info.body.info.key_alias, 'gone');
    assert.match(info.body.info.deleted_at, /^\d{4}-\d\d-\d\dT/);
    const self = await call(server, 'GET', '/key/info', { key });
    assert.deepEqual([self.status, self.body.error.type], [401, 'token_not_found_in_db'], 'a deleted key cannot authenticate (test/real/compat.test.ts, 4)');
    server.setQuirks({ deletedKeys: '404' });
    assert.equal((await call(server, 'GET', `/key/info?key=${token}`)).status, 404);
    const live = server.addKey({ key_alias: 'live' });
    assert.equal((await call(server, 'GET', `/key/info?key=${live.token}`)).body.info.status, 'active');
  });

  it('soft_budget lives in the budget table, not on the key', async (t) => {
    const server = await fake(t);
    const made = await generate(server, { key_alias: 's', soft_budget: 4 });
    assert.equal(made.body.soft_budget, 4, 'generate echoes it');
    const info = (await call(server, 'GET', `/key/info?key=${made.body.token}`)).body.info;
    assert.equal(info.soft_budget, undefined);
    assert.equal(info.litellm_budget_table.soft_budget, 4);
    assert.equal(info.budget_id, info.litellm_budget_table.budget_id);
  });

  it('no database: 500 "Database not connected" for the master key, 400 "No connected db." for a virtual key', async (t) => {
    const server = await fake(t, { noDatabase: true });
    const list = await call(server, 'GET', '/key/list');
    assert.deepEqual([list.status, list.body.error.message], [500, 'Database not connected']);
    const generated = await generate(server, {});
    assert.equal(generated.status, 500);
    assert.match(generated.body.error.message, /^\{'error': 'DB not connected\./);
    const virtual = await call(server, 'GET', '/key/info', { key: 'sk-some-virtual-key-0000' });
    assert.deepEqual([virtual.status, virtual.body.error.message, virtual.body.error.type], [400, 'No connected db.', 'no_db_connection']);
  });

  it('budget_exceeded: /v1/models refuses an over-budget key too, with the configured status', async (t) => {
    const server = await fake(t, { budgetExceededStatus: 429 });
    const { key } = server.addKey({ max_budget: 1, spend: 1 });
    const models = await call(server, 'GET', '/v1/models', { key });
    assert.deepEqual([models.status, models.body.error.type], [429, 'budget_exceeded']);
  });

  it('regenerate: the proxy\'s default grace applies without grace_period; graceBroken rejects the old key anyway', async (t) => {
    const server = await fake(t, { enterprise: true, rotationGracePeriod: '1h' });
    const { key } = server.addKey({});
    assert.equal((await call(server, 'POST', '/key/regenerate', { body: { key } })).status, 200);
    assert.equal((await call(server, 'GET', '/v1/models', { key })).status, 200, 'still valid by the default grace');
    server.setQuirks({ graceBroken: true });
    assert.equal((await call(server, 'GET', '/v1/models', { key })).status, 401, '#27193');
  });

  it('a virtual key of a proxy-admin user is an admin key', async (t) => {
    const server = await fake(t, { adminUsers: ['root'] });
    const { key } = server.addKey({ user_id: 'root' });
    assert.equal((await call(server, 'GET', '/key/list', { key })).status, 200);
    const user = await call(server, 'GET', '/user/info?user_id=root', { key });
    assert.deepEqual([user.status, user.body.user_info.user_role], [200, 'proxy_admin']);
    const plain = server.addKey({ user_id: 'bob' });
    assert.equal((await call(server, 'GET', '/user/info?user_id=bob', { key: plain.key })).body.user_info.user_role, 'internal_user');
    assert.equal((await call(server, 'GET', '/user/info?user_id=root', { key: plain.key })).status, 403);
  });
});
