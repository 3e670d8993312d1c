// `key info`, `key get`, `key list`, `key revoke`, `login`, `logout` against the server and keychain.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openWorld, json, type World } from '../support/fixture.ts';

let world: World;

beforeEach(async () => { world = await openWorld(); });
afterEach(async () => { await world.close(); });

async function createKey(args: string[] = ['--budget', '50', '--monthly']): Promise<string> {
  const result = await world.ollm(['key', 'create', ...args]);
  assert.equal(result.code, 0, result.stderr);
  return world.server.keys().at(-1)!.key;
}

function firstOfNextMonthUtc(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
}

test('key info --json reports spend, budget, period and reset date, asked with the key itself', async () => {
  const key = await createKey();
  world.server.setSpend(key, 12.5);
  const result = await world.ollm(['key', 'info', '--json'], { env: world.env({ LITELLM_MASTER_KEY: undefined }) });
  assert.equal(result.code, 0, result.stderr);
  const info = json(result);
  assert.equal(info.key_alias, 'openclaw');
  assert.equal(info.spend, 12.5);
  assert.equal(info.max_budget, 50);
  assert.equal(info.remaining_budget, 37.5);
  assert.equal(info.budget_used_percent, 25);
  assert.equal(info.budget_duration, '1mo');
  assert.equal(new Date(info.budget_reset_at).toISOString(), firstOfNextMonthUtc());
  assert.equal(info.storage, 'keychain');
  assert.equal(info.key, `sk-…${key.slice(-4)}`);
  assert.deepEqual(info.models, []);
  assert.equal(info.blocked, false);
  const asked = world.server.requests.filter((r) => r.path === '/key/info');
  assert.equal(asked.length, 1);
  assert.equal(asked[0]!.authKey, key, 'the virtual key asks about itself');
});

test('key info for people: a summary with reset date and "in N days", no colour on a pipe', async () => {
  const key = await createKey();
  world.server.setSpend(key, 40);
  const result = await world.ollm(['key', 'info']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Spend\s+\$40\.00/);
  assert.match(result.stdout, /Budget\s+\$50\.00 \(monthly\)\n/);
  assert.match(result.stdout, /Remaining\s+\$10\.00/);
  assert.match(result.stdout, /Used\s+80\.0 %/);
  assert.doesNotMatch(result.stdout, /Period/, 'the period is said once, in the Budget row');
  assert.match(result.stdout, new RegExp(`Next reset\\s+${firstOfNextMonthUtc().slice(0, 10)} 00:00 UTC \\(in \\d+ (day|hour)s?\\)`));
  assert.match(result.stdout, /Models\s+all/);
  assert.doesNotMatch(result.stdout, /\u001b\[/);
  assert.ok(!result.stdout.includes(key));
});

test('--fail-above exits 3 at or above the threshold and 0 below it', async () => {
  const key = await createKey();
  world.server.setSpend(key, 40);
  const over = await world.ollm(['key', 'info', '--fail-above', '80']);
  assert.equal(over.code, 3);
  assert.match(over.stdout, /80 % of the budget/);
  const under = await world.ollm(['key', 'info', '--fail-above', '90', '--json']);
  assert.equal(under.code, 0);
  assert.equal(json(under).over_limit, false);
  const bad = await world.ollm(['key', 'info', '--fail-above', '-5']);
  assert.equal(bad.code, 2);
});

test('key info of a key not held here is looked up by alias with the master key', async () => {
  const seeded = world.server.addKey({ key_alias: 'elsewhere', max_budget: 5, spend: 1, budget_duration: '1d' });
  const result = await world.ollm(['key', 'info', '--alias', 'elsewhere', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const info = json(result);
  assert.equal(info.storage, 'none');
  assert.equal(info.token, seeded.token);
  assert.equal(info.spend, 1);
  assert.equal(info.key, `sk-…${seeded.key.slice(-4)}`);
  assert.ok(!result.stdout.includes(seeded.key));
});

test('key info with neither a held key nor a master key says how to get one', async () => {
  const result = await world.ollm(['key', 'info', '--json'], { env: world.env({ LITELLM_MASTER_KEY: undefined }) });
  assert.equal(result.code, 1);
  assert.equal(json(result).error.code, 'key_not_found');
  assert.match(json(result).error.hint, /ollm key create/);
});

test('key info names a key deleted on the proxy', async () => {
  await createKey();
  world.server.reset();
  const result = await world.ollm(['key', 'info', '--json']);
  assert.equal(result.code, 1);
  // One error for "held here, gone on the proxy" in every command, with the one way out.
  assert.equal(json(result).error.code, 'key_deleted');
  assert.match(json(result).error.hint, /ollm key revoke --yes && ollm key create/);
});

test('key get is masked by default and bare with --reveal', async () => {
  const key = await createKey();
  const before = world.server.requests.length;
  const masked = await world.ollm(['key', 'get']);
  assert.equal(masked.code, 0);
  assert.match(masked.stdout, new RegExp(`sk-…${key.slice(-4)}`));
  assert.ok(!masked.stdout.includes(key));
  const revealed = await world.ollm(['key', 'get', '--reveal']);
  assert.equal(revealed.stdout, `${key}\n`);
  assert.equal(world.server.requests.length, before, 'get needs no proxy');
  const missing = await world.ollm(['key', 'get', '--alias', 'nope']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /holds no key "nope"/);
});

test('key list shows every key on the proxy and which one this machine holds', async () => {
  await createKey();
  world.server.addKey({ key_alias: 'other', max_budget: 1 });
  const result = await world.ollm(['key', 'list', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const keys = json(result).keys as Array<Record<string, unknown>>;
  assert.deepEqual(keys.map((k) => [k.key_alias, k.held_here]).sort(), [['openclaw', true], ['other', false]]);
  const table = await world.ollm(['key', 'list']);
  assert.match(table.stdout, /openclaw.*\$0\.00 \/ \$50\.00.*monthly.*✓/);
  assert.match(table.stdout, /other/);
});

test('key list without a master key lists the keys held here instead, and says so', async () => {
  await createKey();
  const before = world.server.requests.length;
  const result = await world.ollm(['key', 'list'], { env: world.env({ LITELLM_MASTER_KEY: undefined }) });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /No master key: these are the keys this machine holds/);
  const config = join(world.home.dir, '.openclaw', 'openclaw.json');
  assert.equal(result.stdout, `openclaw\t${world.server.url}\tOS keychain (Secret Service)\tOpenClaw config ${config} (env.vars.LITELLM_API_KEY)\n`);
  assert.equal(world.server.requests.length, before, 'no request');
});

test('key list --local: every alias held, for which proxy, stored and written where; natural order; no request', async () => {
  for (const alias of ['fleet-10', 'fleet-2']) assert.equal((await world.ollm(['key', 'create', '--alias', alias, '--write', 'none'])).code, 0);
  const config = join(world.home.dir, 'openclaw.json');
  assert.equal((await world.ollm(['key', 'create', '--alias', 'bot', '--write', 'dotenv', '--openclaw-config', config])).code, 0);
  const before = world.server.requests.length;
  const result = await world.ollm(['key', 'list', '--local', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const keys = json(result).keys as Array<Record<string, any>>;
  assert.deepEqual(keys.map((k) => k.key_alias), ['bot', 'fleet-2', 'fleet-10']);
  assert.ok(keys.every((k) => k.proxy_url === world.server.url && k.storage === 'keychain'));
  assert.equal(keys[0]!.written_to[0].kind, 'dotenv');
  assert.deepEqual(keys[1]!.written_to, []);
  const piped = await world.ollm(['key', 'list', '--local']);
  const lines = piped.stdout.trimEnd().split('\n');
  assert.deepEqual(lines.map((l) => l.split('\t')[0]), ['bot', 'fleet-2', 'fleet-10'], 'no header, no borders on a pipe');
  assert.match(lines[0]!, /\tOpenClaw \.env .*\.env \(LITELLM_API_KEY\)$/);
  assert.equal(world.server.requests.length, before, 'no request to the proxy');
});

test('key revoke --yes deletes on the proxy and in the keychain', async () => {
  await createKey();
  const result = await world.ollm(['key', 'revoke', '--yes', '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(json(result).deleted_on_proxy, true);
  assert.deepEqual(json(result).removed_from, ['keychain']);
  assert.equal(world.server.keys().length, 0);
  assert.equal(world.heldKeys().size, 0);
});

test('key revoke without --yes off a terminal refuses and deletes nothing', async () => {
  await createKey();
  const result = await world.ollm(['key', 'revoke']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--yes/);
  assert.equal(world.server.keys().length, 1);
  assert.equal(world.heldKeys().size, 1);
});

test('key revoke of a key already gone on the proxy still forgets it locally', async () => {
  await createKey();
  world.server.reset();
  const result = await world.ollm(['key', 'revoke', '--yes', '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(json(result).deleted_on_proxy, false);
  assert.equal(world.heldKeys().size, 0);
});

test('key revoke by alias with only the master key (not held here)', async () => {
  world.server.addKey({ key_alias: 'remote' });
  const result = await world.ollm(['key', 'revoke', '--alias', 'remote', '--yes']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(world.server.keys().length, 0);
});

test('login verifies and saves the master key; later commands need no env var; logout forgets it', async () => {
  const noMaster = world.env({ LITELLM_MASTER_KEY: undefined });
  const login = await world.ollm(['login'], { env: noMaster, input: `${world.server.masterKey}\n` });
  assert.equal(login.code, 0, login.stderr);
  assert.match(login.stdout, /verified and saved/);
  assert.ok(!login.stdout.includes(world.server.masterKey!) && !login.stderr.includes(world.server.masterKey!));

  const create = await world.ollm(['key', 'create'], { env: noMaster });
  assert.equal(create.code, 0, create.stderr);
  assert.equal(world.server.keys().length, 1);

  const logout = await world.ollm(['logout'], { env: noMaster });
  assert.equal(logout.code, 0);
  const list = await world.ollm(['key', 'list'], { env: noMaster });
  assert.match(list.stderr, /No master key/, 'the saved master key is gone');
});

test('login refuses a virtual key and a wrong key, saving nothing', async () => {
  const virtual = world.server.addKey({ key_alias: 'v' });
  const env = world.env({ LITELLM_MASTER_KEY: undefined });
  const asVirtual = await world.ollm(['login', '--json'], { env, input: `${virtual.key}\n` });
  assert.equal(asVirtual.code, 1);
  assert.equal(json(asVirtual).error.code, 'cannot_manage_keys', 'a key with no user or team cannot make keys (issue 20: user keys may log in)');
  const wrong = await world.ollm(['login', '--json'], { env, input: 'sk-wrong-wrong-wrong-wrong\n' });
  assert.equal(wrong.code, 1);
  assert.equal(json(wrong).error.code, 'master_key_invalid');
  const list = await world.ollm(['key', 'list'], { env });
  assert.match(list.stderr, /No master key/, 'nothing was saved');
});

test('an old proxy that ignores the alias filter cannot make revoke delete the wrong key', async () => {
  const other = world.server.addKey({ key_alias: 'remote-backup' });
  const target = world.server.addKey({ key_alias: 'remote' });
  world.server.override('GET', '/key/list', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const keys = world.server.keys().reverse().map(({ key: _k, ...rest }) => rest);
    res.end(JSON.stringify({ keys, total_count: keys.length, current_page: 1, total_pages: 1 }));
  });
  const result = await world.ollm(['key', 'revoke', '--alias', 'remote', '--yes']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(world.server.findByKey(target.key), undefined);
  assert.ok(world.server.findByKey(other.key), 'the other key is untouched');
});

test('--timeout must be a positive number of seconds', async () => {
  const result = await world.ollm(['key', 'info', '--timeout', 'abc']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--timeout/);
});
