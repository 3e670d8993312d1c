import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorFromNetwork, errorFromResponse, readEnvelope, type FailedExchange } from '../../src/litellm/errors.ts';

const MASTER = 'sk-master-secret-value-123456';

function exchange(status: number, body: unknown, extra: Partial<FailedExchange> = {}): FailedExchange {
  return {
    method: 'POST', path: '/key/generate', proxy: 'http://127.0.0.1:4000', status,
    contentType: 'application/json', body: typeof body === 'string' ? body : JSON.stringify(body),
    credential: 'master', secrets: [MASTER], ...extra,
  };
}

const envelope = (message: string, type: string, code: number) => ({ error: { message, type, param: null, code: String(code) } });

test('the three envelope shapes all yield a message', () => {
  assert.equal(readEnvelope(JSON.stringify(envelope('plain', 'x', 400)))?.message, 'plain');
  assert.equal(readEnvelope(JSON.stringify(envelope("{'error': 'No keys found'}", 'not_found', 404)))?.message, 'No keys found');
  assert.match(readEnvelope(JSON.stringify({ detail: [{ type: 'float_parsing', loc: ['body', 'max_budget'], msg: 'Input should be a valid number', input: 'abc' }] }))?.message ?? '',
    /max_budget: Input should be a valid number/);
  assert.equal(readEnvelope('<html>'), null);
});

test('a 422 never echoes the rejected input (it may be a key)', () => {
  const error = errorFromResponse(exchange(422, { detail: [{ type: 'string_type', loc: ['body', 'key'], msg: 'bad', input: 'sk-should-not-appear-123' }] }));
  assert.doesNotMatch(error.message, /should-not-appear/);
  assert.equal(error.code, 'bad_request');
});

test('duplicate alias points to rotate and --alias', () => {
  const error = errorFromResponse(exchange(400, envelope("Key with alias 'openclaw' already exists. Unique key aliases across all keys are required.", 'bad_request_error', 400)));
  assert.equal(error.code, 'alias_taken');
  assert.match(error.hint ?? '', /ollm key rotate/);
  assert.match(error.hint ?? '', /--alias/);
});

test('auth failures are told apart', () => {
  const cases: Array<[FailedExchange, string]> = [
    [exchange(401, envelope("LiteLLM Virtual Key expected. Received=abcd****wxyz, expected to start with 'sk-'.", 'auth_error', 401)), 'master_key_invalid'],
    [exchange(401, envelope('Authentication Error, Invalid proxy server token passed. Received API Key = sk-...wxyz', 'auth_error', 401)), 'master_key_invalid'],
    [exchange(401, envelope('Authentication Error, Invalid proxy server token passed. Received API Key = sk-...wxyz', 'auth_error', 401), { credential: 'virtual' }), 'key_unknown'],
    // LiteLLM 1.108.7 (test/real/compat.test.ts): one short text for every key it does not have.
    [exchange(401, { error: { message: 'Authentication Error, Invalid API key provided.', type: 'token_not_found_in_db', param: 'key', code: '401' } }), 'master_key_invalid'],
    [exchange(401, { error: { message: 'Authentication Error, Invalid API key provided.', type: 'token_not_found_in_db', param: 'key', code: '401' } }, { credential: 'virtual' }), 'key_unknown'],
    [exchange(401, envelope('Authentication Error, Key is blocked. Update via `/key/unblock` if you\'re an admin.', 'auth_error', 401)), 'key_blocked'],
    [exchange(401, envelope('Authentication Error - Expired Key. Key Expiry time 2026-01-01', 'expired_key', 401), { credential: 'virtual' }), 'key_expired'],
    [exchange(401, envelope('Authentication Error, Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=/key/generate. Your role=internal_user.', 'auth_error', 401)), 'not_admin'],
    [exchange(401, envelope('Authentication Error, No api key passed in.', 'auth_error', 401), { credential: 'none' }), 'auth_missing'],
  ];
  for (const [ex, code] of cases) assert.equal(errorFromResponse(ex).code, code, ex.body);
});

test('server-side problems get their own codes', () => {
  assert.equal(errorFromResponse(exchange(500, envelope("{'error': 'DB not connected. See https://docs.litellm.ai/docs/proxy/virtual_keys'}", 'internal_server_error', 500))).code, 'no_database');
  assert.equal(errorFromResponse(exchange(500, envelope('Regenerating Virtual Keys is an Enterprise feature, You must be a LiteLLM Enterprise user to use this feature.', 'internal_server_error', 500))).code, 'enterprise_only');
  assert.equal(errorFromResponse(exchange(400, envelope('Budget has been exceeded! Current cost: 50.01, Max budget: 50.0', 'budget_exceeded', 400))).code, 'budget_exceeded');
  assert.equal(errorFromResponse(exchange(429, envelope('Budget has been exceeded! Current cost: 50.01, Max budget: 50.0', 'budget_exceeded', 429))).code, 'budget_exceeded');
  const generic = errorFromResponse(exchange(503, envelope('overloaded', 'internal_server_error', 503)));
  assert.equal(generic.code, 'proxy_error');
  assert.match(generic.message, /HTTP 503.*overloaded/);
});

test('an HTML page from a reverse proxy is named as such', () => {
  const error = errorFromResponse(exchange(502, '<html><body>Bad Gateway</body></html>', { contentType: 'text/html' }));
  assert.equal(error.code, 'proxy_not_litellm');
  assert.match(error.message, /HTTP 502 and an HTML page/);
});

test('a redirect is reported, never followed, and its target is redacted', () => {
  const error = errorFromResponse(exchange(301, '', { location: `https://evil.example/?k=${MASTER}` }));
  assert.equal(error.code, 'proxy_redirect');
  assert.doesNotMatch(error.message, new RegExp(MASTER));
  assert.match(error.message, /evil\.example/);
});

test('a secret echoed by the proxy is masked in the message', () => {
  const error = errorFromResponse(exchange(400, envelope(`weird echo of ${MASTER}`, 'bad_request_error', 400)));
  assert.doesNotMatch(error.message, new RegExp(MASTER));
  assert.match(error.message, /sk-…3456/);
});

test('network failures: refused, DNS, reset, timeout', () => {
  const wrap = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
  assert.equal(errorFromNetwork(wrap('ECONNREFUSED'), 'http://127.0.0.1:9', 'GET', '/key/info', 30000).code, 'proxy_unreachable');
  assert.equal(errorFromNetwork(wrap('ENOTFOUND'), 'http://nohost:9', 'GET', '/key/info', 30000).code, 'proxy_dns');
  assert.equal(errorFromNetwork(wrap('ECONNRESET'), 'http://127.0.0.1:9', 'GET', '/key/info', 30000).code, 'proxy_connection_reset');
  const timeout = errorFromNetwork(Object.assign(new Error('Request timed out'), { name: 'TimeoutError' }), 'http://h', 'POST', '/key/generate', 2000);
  assert.equal(timeout.code, 'proxy_timeout');
  assert.match(timeout.message, /within 2 s/);
  assert.match(timeout.hint ?? '', /--timeout/);
});

test('LiteLLM as it really is: readiness 503, no database, custom keys refused (docs/compatibility.md)', () => {
  const readiness = (body: unknown) => errorFromResponse(exchange(503, body, { method: 'GET', path: '/health/readiness', credential: 'none' }));
  assert.equal(readiness({ status: 'healthy', db: 'disconnected' }).code, 'proxy_database_down');
  assert.match(readiness({ status: 'healthy', db: 'stalled' }).message, /database is stalled/);
  assert.equal(readiness({ status: 'shutting_down' }).code, 'proxy_shutting_down');
  const noDb = [
    exchange(500, envelope("{'error': 'DB not connected. This endpoint needs a database; set DATABASE_URL to a PostgreSQL connection string (postgresql://...) to enable it. See https://docs.litellm.ai/docs/proxy/virtual_keys'}", 'internal_server_error', 500)),
    exchange(500, envelope('Database not connected', 'internal_server_error', 500), { method: 'GET', path: '/key/list' }),
    exchange(400, envelope('No connected db.', 'no_db_connection', 400), { method: 'GET', path: '/key/list', credential: 'virtual' }),
  ];
  for (const ex of noDb) {
    const error = errorFromResponse(ex);
    assert.equal(error.code, 'no_database', ex.body);
    assert.match(error.message, /has no database, so it has no virtual keys/);
  }
  const refused = errorFromResponse(exchange(403, envelope("{'error': 'Custom API key values are disabled by your administrator. Keys must be auto-generated.'}", 'internal_server_error', 403)));
  assert.equal(refused.code, 'custom_keys_disabled');
});

// The texts of the real LiteLLM 1.108.7 (test/real/users.test.ts), and 1.110's ceiling check.
test('refusals from the caller\'s role or ceiling get their own code, message and hint', () => {
  const user = { credential: 'user' as const };
  const cases: Array<[FailedExchange, string, RegExp]> = [
    [exchange(403, envelope("{'error': 'Only proxy admins, team admins, or org admins can call /key/update (max_budget/spend). user_role=internal_user, user_id=alice'}", 'auth_error', 403), { ...user, path: '/key/update' }),
      'role_refused', /Your role \(internal_user\) may not change max_budget or spend with \/key\/update/],
    [exchange(403, { detail: { error: 'Only proxy admins, team admins, or org admins can call /key/block. user_role=internal_user, user_id=alice' } }, { ...user, path: '/key/block' }),
      'role_refused', /may not call \/key\/block/],
    [exchange(401, envelope('Authentication Error, Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=/key/generate. Your role=internal_user_viewer. Your user_id=***', 'auth_error', 401), user),
      'role_refused', /Your role \(internal_user_viewer\) may not call \/key\/generate/],
    [exchange(403, { detail: "Virtual key is not allowed to call this route. Only allowed to call routes: ['llm_api_routes']. Tried to call route: /key/info" }, user),
      'route_not_allowed', /may only call models/],
    [exchange(401, envelope("Team member does not have permissions for endpoint: KeyManagementRoutes.KEY_GENERATE. You only have access to the following endpoints: ['/key/info', '/key/health'] for team t1.", 'team_member_permission_error', 401), { credential: 'team' }),
      'team_permission_refused', /team's members may not call \/key\/generate/],
    [exchange(403, envelope('User can only create keys for themselves. Got user_id=bob, Your ID=alice', 'internal_server_error', 403), user),
      'role_refused', /only for yourself/],
    [exchange(400, envelope("{'error': 'Personal key creation has been restricted by admin. Allowed roles=[proxy_admin]. Your role=internal_user'}", 'bad_request_error', 400), user),
      'personal_keys_restricted', /restricted personal key creation/],
    [exchange(400, envelope("{'error': \"max_budget (50.0) cannot exceed the caller's own max_budget (20.0)\"}", 'bad_request_error', 400), user),
      'budget_above_ceiling', /above your own budget/],
    [exchange(401, { error: { message: 'Authentication Error, Invalid API key provided.', type: 'token_not_found_in_db', param: 'key', code: '401' } }, user),
      'credential_unknown', /does not know the user key/],
  ];
  for (const [ex, code, message] of cases) {
    const error = errorFromResponse(ex);
    assert.equal(error.code, code, ex.body);
    assert.match(error.message, message, ex.body);
    assert.ok(error.hint, `${code} has a hint`);
  }
  // The master key meeting "Only proxy admin" is still not the admin key.
  assert.equal(errorFromResponse(exchange(401, envelope('Authentication Error, Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=/key/generate. Your role=internal_user.', 'auth_error', 401))).code, 'not_admin');
});

test('1.110.2 error bodies of /key/update and /key/list (no "Authentication Error, " prefix, type by status) name the same problems', () => {
  const on = (path: string, credential: FailedExchange['credential'] = 'master') => ({ path, method: path === '/key/list' ? 'GET' : 'POST', credential });
  const cases: Array<[FailedExchange, string]> = [
    [exchange(401, envelope('Invalid API key provided.', 'authentication_error', 401), on('/key/list')), 'master_key_invalid'],
    [exchange(401, envelope('Invalid API key provided.', 'authentication_error', 401), on('/key/list', 'user')), 'credential_unknown'],
    [exchange(401, envelope("Key is blocked. Update via `/key/unblock` if you're an admin.", 'authentication_error', 401), on('/key/update', 'user')), 'key_blocked'],
    [exchange(401, envelope('Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=/key/update. Your role=internal_user_viewer. Your user_id=a***e', 'authentication_error', 401), on('/key/update', 'user')), 'role_refused'],
    [exchange(403, envelope("{'error': 'Only proxy admins, team admins, or org admins can call /key/update (max_budget/spend). user_role=internal_user, user_id=alice'}", 'permission_error', 403), on('/key/update', 'user')), 'role_refused'],
    [exchange(403, envelope("You are not authorized to check another user's keys", 'permission_error', 403), on('/key/list', 'user')), 'forbidden'],
    [exchange(503, envelope('Database not connected', 'no_db_connection', 503), on('/key/list')), 'no_database'],
    [exchange(400, envelope("{'error': 'Invalid sort column. Must be one of: created_at'}", 'invalid_request_error', 400), on('/key/list')), 'bad_request'],
  ];
  for (const [ex, code] of cases) assert.equal(errorFromResponse(ex).code, code, ex.body);
});
