// `ollm key create` end to end: the built CLI, the LiteLLM-compatible server, a real keychain.
import { beforeEach, afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { statSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { needsProcess, openWorld, json, spawnedTest, type World } from '../support/fixture.ts';
import { needsSecretService } from '../support/cli.ts';
import { startSecretService } from '../support/secret-service.ts';
import { startFakeLiteLLM, hashKey } from '../support/litellm-server.ts';

let world: World;

beforeEach(async (t) => { world = await openWorld({ spawned: needsProcess(t) }); });
afterEach(async () => { await world.close(); });

const generateCalls = () => world.server.requests.filter((r) => r.path === '/key/generate');

test('creates a $50 monthly key with alias "openclaw" and keeps exactly that key in the keychain', async () => {
  const result = await world.ollm(['key', 'create', '--budget', '50', '--monthly', '--json']);
  assert.equal(result.code, 0, result.stderr);

  const [stored] = world.server.keys();
  assert.equal(world.server.keys().length, 1);
  assert.equal(stored!.key_alias, 'openclaw');
  assert.equal(stored!.max_budget, 50);
  assert.equal(stored!.budget_duration, '1mo');
  assert.equal(stored!.metadata.ollm_managed, 'true');

  assert.deepEqual([...world.heldKeys()], [['openclaw', stored!.key]]);

  const out = json(result);
  assert.equal(out.key_alias, 'openclaw');
  assert.equal(out.key, `sk-…${stored!.key.slice(-4)}`);
  assert.equal(out.token, stored!.token);
  assert.equal(out.max_budget, 50);
  assert.equal(out.budget_duration, '1mo');
  assert.equal(out.storage, 'keychain');
  assert.equal(out.proxy_url, world.server.url);
  assert.ok(!result.stdout.includes(stored!.key) && !result.stderr.includes(stored!.key), 'the raw key must not be printed');
});

test('human output names the key masked, the budget and where it is stored', async () => {
  const result = await world.ollm(['key', 'create', '--budget', '12.5', '--weekly', '--models', 'gpt-4o']);
  assert.equal(result.code, 0, result.stderr);
  const key = world.server.keys()[0]!.key;
  assert.match(result.stdout, /Created key "openclaw"/);
  assert.match(result.stdout, new RegExp(`sk-…${key.slice(-4)}`));
  assert.match(result.stdout, /Budget\s+\$12\.50 \(weekly\)/);
  assert.match(result.stdout, /Models\s+gpt-4o/);
  assert.match(result.stdout, /OS keychain \(Secret Service\)/);
  assert.doesNotMatch(result.stdout, /\u001b\[/, 'no colour on a pipe');
  assert.ok(!result.stdout.includes(key));
});

test('--reveal shows the key once', async () => {
  const result = await world.ollm(['key', 'create', '--reveal', '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(json(result).key, world.server.keys()[0]!.key);
});

test('--reveal says where the key stays and how to print it again, without claiming this is the only time', async () => {
  const result = await world.ollm(['key', 'create', '--reveal']);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(result.stdout.includes(world.server.keys()[0]!.key));
  assert.match(result.stdout, /shown in full because of --reveal; it is kept in the OS keychain \(Secret Service\), and `ollm key get --reveal --alias openclaw` prints it again/);
  assert.doesNotMatch(result.stdout, /only time/);
});

test('one budget and date format: "$5.00 (never resets)", expiry as "YYYY-MM-DD HH:MM UTC (in N days)"', async () => {
  const result = await world.ollm(['key', 'create', '--budget', '5', '--expires', '30d']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Budget\s+\$5\.00 \(never resets\)\n/);
  assert.match(result.stdout, /Expires\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(in 30 days\)\n/);
  const info = await world.ollm(['key', 'info']);
  assert.match(info.stdout, /Budget\s+\$5\.00 \(never resets\)\n/, 'key info says it the same way');
  assert.match(info.stdout, /Expires\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(in 30 days\)\n/);
  assert.doesNotMatch(info.stdout, /Next reset/, 'a budget that never resets has no next reset');
});

test('limits, expiry and metadata reach the proxy', async () => {
  const result = await world.ollm(['key', 'create', '--alias', 'bot', '--rpm', '60', '--tpm', '1000', '--max-parallel', '2',
    '--expires', '30d', '--metadata', 'owner=alice', '--models', 'gpt-4o,claude-sonnet-4-6']);
  assert.equal(result.code, 0, result.stderr);
  const key = world.server.findByAlias('bot')!;
  assert.equal(key.rpm_limit, 60);
  assert.equal(key.tpm_limit, 1000);
  assert.equal(key.max_parallel_requests, 2);
  assert.deepEqual(key.models, ['gpt-4o', 'claude-sonnet-4-6']);
  assert.equal(key.metadata.owner, 'alice');
  const days = (new Date(key.expires!).getTime() - Date.now()) / 86_400_000;
  assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);
});

test('bad flags exit 2 before any request', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--budget', '-1'], /not an amount in USD/],
    [['--budget', 'abc'], /not an amount in USD/],
    [['--monthly'], /without a budget/],
    [['--budget', '5', '--budget-duration', 'monthly'], /not a LiteLLM duration/],
    [['--budget', '5', '--budget-duration', '2mo'], /1-month/],
    [['--alias', 'a b'], /contains characters/],
    [['--bogus'], /Unknown flag --bogus for `ollm key create`/],
  ];
  for (const [flags, message] of cases) {
    const result = await world.ollm(['key', 'create', ...flags]);
    assert.equal(result.code, 2, `${flags.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
  assert.equal(world.server.requests.length, 0);
});

test('errors under --json are one JSON document on stdout with the same exit code', async () => {
  const usage = await world.ollm(['key', 'create', '--budget', 'abc', '--json']);
  assert.equal(usage.code, 2);
  assert.equal(json(usage).error.code, 'usage');
  assert.match(json(usage).error.message, /not an amount/);
  const yargsUsage = await world.ollm(['key', 'create', '--nope', '--json']);
  assert.equal(yargsUsage.code, 2);
  assert.match(json(yargsUsage).error.message, /Unknown flag --nope/);
});

test('without a master key: a clear message, exit 1, nothing sent', async () => {
  const result = await world.ollm(['key', 'create', '--json'], { env: world.env({ LITELLM_MASTER_KEY: undefined }) });
  assert.equal(result.code, 1);
  const { error } = json(result);
  assert.equal(error.code, 'master_key_missing');
  assert.match(error.hint, /LITELLM_MASTER_KEY.*--master-key-stdin.*ollm login/);
  assert.equal(world.server.requests.length, 0);
});

test('a wrong master key is named as such and nothing is created or stored', async () => {
  const result = await world.ollm(['key', 'create', '--json'], { env: world.env({ LITELLM_MASTER_KEY: 'not-the-master-key' }) });
  assert.equal(result.code, 1);
  assert.equal(json(result).error.code, 'master_key_invalid');
  assert.ok(!result.stdout.includes('not-the-master-key'));
  assert.equal(world.server.keys().length, 0);
  assert.equal(world.heldKeys().size, 0);
});

test('--master-key-stdin reads the key from the first line of stdin', async () => {
  const result = await world.ollm(['key', 'create', '--master-key-stdin'], {
    env: world.env({ LITELLM_MASTER_KEY: undefined }), input: `${world.server.masterKey}\nignored\n`,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(world.server.keys().length, 1);
});

test('an alias taken on the proxy points to rotate / --alias and creates nothing', async () => {
  world.server.addKey({ key_alias: 'openclaw' });
  const result = await world.ollm(['key', 'create', '--budget', '5']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /already exists/);
  assert.match(result.stderr, /ollm key rotate/);
  assert.match(result.stderr, /--alias/);
  assert.equal(generateCalls().length, 0);
  assert.equal(world.server.keys().length, 1);
});

test('an alias this machine already holds is refused before the proxy is asked', async () => {
  assert.equal((await world.ollm(['key', 'create'])).code, 0);
  world.server.reset(); // the proxy forgot it; the keychain did not
  const result = await world.ollm(['key', 'create', '--json']);
  assert.equal(result.code, 1);
  assert.equal(json(result).error.code, 'alias_taken');
  assert.equal(world.server.requests.length, 0);
});

test('--insecure-storage keeps the key in a 0600 file and says so', async () => {
  const result = await world.ollm(['key', 'create', '--budget', '5', '--insecure-storage', '--json'], { env: world.noKeychain() });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(json(result).storage, 'insecure-file');
  assert.match(result.stderr, /plain-text file/);
  const file = join(world.home.dir, '.local', 'state', 'ollm', 'insecure-secrets.json');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(statSync(join(world.home.dir, '.local', 'state', 'ollm')).mode & 0o777, 0o700);
  const key = world.server.keys()[0]!.key;
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).secrets[`ollm/openclaw@${world.server.url}`], key);

  const info = await world.ollm(['key', 'info', '--json'], { env: world.noKeychain({ LITELLM_MASTER_KEY: undefined }) });
  assert.equal(info.code, 0, info.stderr);
  assert.equal(json(info).storage, 'insecure-file');
  assert.match(info.stderr, /plain-text file/);
});

test('--store file is the same store as --insecure-storage; --store keychain with --insecure-storage is refused', async () => {
  const env = world.noKeychain();
  const result = await world.ollm(['key', 'create', '--alias', 'by-name', '--store', 'file', '--write', 'none', '--json'], { env });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(json(result).storage, 'insecure-file');
  assert.match(result.stderr, /plain-text file .*\(--store file\)/);
  const file = join(world.home.dir, '.local', 'state', 'ollm', 'insecure-secrets.json');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const key = world.server.keys().find((k) => k.key_alias === 'by-name')!.key;
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).secrets[`ollm/by-name@${world.server.url}`], key);

  const both = await world.ollm(['key', 'create', '--alias', 'both', '--store', 'keychain', '--insecure-storage'], { env });
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--insecure-storage means --store file, which --store keychain contradicts/);
  assert.equal(world.server.keys().filter((k) => k.key_alias === 'both').length, 0);
});

// An absent, locked or stuck keychain before anything is created: rows of test/cli/hostile-input.test.ts.

spawnedTest('if the keychain fails after the key was made, the key is deleted from the proxy again', needsSecretService, async (t) => {
  const own = await startSecretService();
  t.after(() => own.stop());
  // The proxy creates the key; meanwhile the screen locks.
  world.server.override('POST', '/key/generate', (_req, res, body) => {
    const request = JSON.parse(body.toString());
    const created = world.server.addKey({ key: request.key, key_alias: request.key_alias, metadata: request.metadata, max_budget: request.max_budget ?? null });
    own.lock();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...created, key: created.key, token: created.token }));
  });
  const result = await world.ollm(['key', 'create', '--budget', '5', '--json'], { env: world.env(own.env) });
  assert.equal(result.code, 1);
  const { error } = json(result);
  assert.equal(error.code, 'keychain_locked');
  assert.match(error.message, /deleted from the proxy again/);
  assert.equal(world.server.keys().length, 0);
});

test('a lost answer to /key/generate loses nothing: ollm chose the secret, finds the key by its hash and keeps it', async () => {
  world.server.hold({ method: 'POST', path: '/key/generate', when: 'after' });
  const result = await world.ollm(['key', 'create', '--budget', '5', '--timeout', '1', '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /did not answer .* The proxy had created the key anyway, and ollm holds it/);
  const [key] = world.server.keys();
  assert.equal(world.server.keys().length, 1);
  assert.equal(world.heldKey('openclaw'), key!.key, 'the keychain holds exactly the key the proxy made');
  assert.equal(json(result).token, key!.token);
  assert.equal(world.server.requests.filter((r) => r.path === '/key/generate').length, 1, 'never retried blindly');
  assert.equal(world.entries('ollm-pending').size, 0);
});

test('a request that never reached its effect leaves no key; its parked secret is dropped by the next create', async () => {
  world.server.hold({ method: 'POST', path: '/key/generate', when: 'before' });
  const result = await world.ollm(['key', 'create', '--timeout', '1', '--json']);
  assert.equal(result.code, 1);
  // Unanswered: the proxy may still apply it (test/cli/create-interrupted.test.ts), so the secret stays parked.
  assert.match(json(result).error.message, /may have been created/);
  assert.equal(world.server.keys().length, 0);
  // Asked twice, 1.5 s apart (the proxy may still have been finishing): a pause the test does not spend.
  assert.deepEqual(world.waits, [1500]);
  assert.equal(world.server.requests.filter((r) => r.path === '/key/info').length, 2);
  world.server.cancelHolds();
  const again = await world.ollm(['key', 'create', '--json']);
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stderr, /interrupted/);
  assert.equal(world.server.keys().length, 1);
  assert.equal(world.entries('ollm-pending').size, 0, 'the parked secret the proxy never saw is gone');
});

test('a 200 without the key in it: ollm checks the proxy by hash and keeps the key it chose', async () => {
  world.server.override('POST', '/key/generate', (_req, res, body) => {
    const request = JSON.parse(body.toString());
    const created = world.server.addKey({ key: request.key, key_alias: request.key_alias, metadata: request.metadata });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token: created.token, key_alias: created.key_alias }));
  });
  const result = await world.ollm(['key', 'create', '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /JSON ollm does not understand/);
  assert.equal(world.heldKey('openclaw'), world.server.keys()[0]!.key);
  assert.equal(world.server.keys().length, 1);
});

test('an HTML error page from a reverse proxy gets its own message', async () => {
  world.server.override('POST', '/key/generate', (_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
  });
  const result = await world.ollm(['key', 'create']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /HTTP 502 and an HTML page/);
  assert.match(result.stderr, /No key was created/);
  assert.deepEqual(world.waits, [1500], 'asked twice, 1.5 s apart, whether the key was made after all');
});

test('a redirect is not followed: the master key never reaches the other origin', async (t) => {
  const elsewhere = await startFakeLiteLLM();
  t.after(() => elsewhere.close());
  world.server.override('GET', '/key/list', (_req, res) => {
    res.writeHead(307, { location: `${elsewhere.url}/key/list` });
    res.end();
  });
  const result = await world.ollm(['key', 'create', '--json']);
  assert.equal(result.code, 1);
  assert.equal(json(result).error.code, 'proxy_redirect');
  assert.equal(elsewhere.requests.length, 0);
});

test('nothing listening: connection refused is named, nothing stored', async () => {
  const closed = await startFakeLiteLLM();
  const url = closed.url;
  await closed.close();
  const result = await world.ollm(['key', 'create', '--json'], { env: world.env({ LITELLM_PROXY_URL: url }) });
  assert.equal(result.code, 1);
  assert.equal(json(result).error.code, 'proxy_unreachable');
  assert.match(json(result).error.message, /connection refused/);
});

test('the master key is not sent over plain http to a non-local host without --allow-insecure-http', async () => {
  const result = await world.ollm(['key', 'create', '--json'], { env: world.env({ LITELLM_PROXY_URL: 'http://litellm.invalid:4000' }) });
  assert.equal(result.code, 1);
  assert.equal(json(result).error.code, 'insecure_transport');
  assert.match(json(result).error.hint, /--allow-insecure-http/);
});

test('--debug logs requests but never the master key or the new key', async () => {
  const result = await world.ollm(['key', 'create', '--budget', '5', '--debug']);
  assert.equal(result.code, 0, result.stderr);
  const key = world.server.keys()[0]!.key;
  assert.match(result.stderr, /debug: → POST .*\/key\/generate/);
  for (const secret of [world.server.masterKey!, key, hashKey(key)]) {
    assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret), 'secret leaked into output');
  }
  assert.ok(!existsSync(join(world.home.dir, '.local', 'state', 'ollm', 'insecure-secrets.json')), 'no plain-text store without opt-in');
});
