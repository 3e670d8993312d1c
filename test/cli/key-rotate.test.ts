// `ollm key rotate`: both methods, spend carried, grace, locking, bulk — and the kill-point
// matrix: the CLI is SIGKILLed at every remote step, and a resume must leave one working key.
import { beforeEach, afterEach, describe } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { killDuring, ROTATION_KILL_POINTS } from '../support/kill-during.ts';
import { json, killsProcess, killTest, needsProcess, openWorld, spawnedTest, type World } from '../support/fixture.ts';
import { runPool } from '../../src/rotation/pool.ts';
import JSON5 from 'json5';
import type { Hold } from '../support/litellm-server.ts';

let world: World;

beforeEach(async (t) => { world = await openWorld({ spawned: needsProcess(t), realKeychain: killsProcess(t) }); });
afterEach(async () => { await world.close(); });

/** Read as OpenClaw reads it: with the json5 package, not the parser ollm writes with. */
const configKey = () => (JSON5.parse(readFileSync(join(world.home.dir, '.openclaw', 'openclaw.json'), 'utf8')) as { env?: { vars?: Record<string, string> } }).env?.vars?.LITELLM_API_KEY;
const stateDir = () => join(world.home.dir, '.local', 'state', 'ollm');
const pendingEntries = () => [...world.entries('ollm-pending').keys()].filter((account) => account.endsWith(`@${world.server.url}`));

async function createKey(alias = 'openclaw', extra: string[] = []): Promise<string> {
  const result = await world.ollm(['key', 'create', '--alias', alias, '--budget', '50', '--monthly', '--models', 'gpt-4o', '--rpm', '60', ...world.storeFlags, ...extra]);
  assert.equal(result.code, 0, result.stderr);
  return world.server.findByAlias(alias)!.key;
}

/** One working key carries the alias; keychain and config hold it; spend kept; nothing else left. */
function assertSettled(spend: number) {
  const live = world.server.keys().filter((k) => k.key_alias === 'openclaw');
  assert.equal(live.length, 1, 'exactly one key carries the alias');
  const key = live[0]!.key;
  assert.equal(world.heldKey('openclaw'), key, 'the keychain holds it');
  assert.equal(configKey(), key, 'OpenClaw\'s config holds it');
  assert.equal(live[0]!.spend, spend, 'spend preserved');
  assert.equal(live[0]!.max_budget, 50);
  assert.equal(live[0]!.budget_duration, '1mo');
  assert.equal(world.server.keys().length, 1, 'no orphan or retired key left on the proxy');
  assert.equal(pendingEntries().length, 0, 'no pending secret left');
  assert.deepEqual(readdirSync(join(stateDir(), 'rotations')).filter((n) => n.endsWith('.json')), [], 'no journal left');
}

test('re-create on a proxy without Enterprise: same settings, spend carried, alias handed over, old key deleted', async () => {
  const old = await createKey();
  world.server.setSpend(old, 12.5);
  const result = await world.ollm(['key', 'rotate', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const [outcome] = json(result).results;
  assert.equal(outcome.method, 'recreate');
  assert.equal(outcome.spend_carried, 12.5);
  assert.match(outcome.retired_alias, /^openclaw-retired-\d{8}T\d{6}\.\d{3}Z$/);
  const fresh = world.server.findByAlias('openclaw')!;
  assert.notEqual(fresh.key, old);
  assert.deepEqual(fresh.models, ['gpt-4o']);
  assert.equal(fresh.rpm_limit, 60);
  assert.equal(outcome.new_key, `sk-…${fresh.key.slice(-4)}`);
  assertSettled(12.5);
  const regenerate = world.server.requests.filter((r) => r.path === '/key/regenerate').length;
  assert.equal(regenerate, 1, 'the Enterprise refusal was recognised');
  assert.equal((await world.ollm(['key', 'rotate'])).code, 0);
  assert.equal(world.server.requests.filter((r) => r.path === '/key/regenerate').length, 1, 'and remembered for this proxy');
  assert.equal(world.server.findByAlias('openclaw')!.spend, 12.5);
});

test('regenerate on an Enterprise proxy: the secret is swapped in place, the old one stops working', async () => {
  world.server.setEnterprise(true);
  const old = await createKey();
  world.server.setSpend(old, 3);
  const result = await world.ollm(['key', 'rotate', '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(json(result).results[0].method, 'regenerate');
  assertSettled(3);
  const info = await fetch(`${world.server.url}/key/info`, { headers: { authorization: `Bearer ${old}` } });
  assert.equal(info.status, 401);
});

test('--grace keeps the old key working until its expiry', async () => {
  // No budget: a budgeted key's retired predecessor may not spend (see rotate-targets.test.ts).
  assert.equal((await world.ollm(['key', 'create', '--alias', 'openclaw'])).code, 0);
  const old = world.server.findByAlias('openclaw')!.key;
  const result = await world.ollm(['key', 'rotate', '--grace', '24h', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const retired = world.server.findByKey(old)!;
  assert.match(retired.key_alias!, /^openclaw-retired-/);
  const hours = (Date.parse(retired.expires!) - Date.now()) / 3_600_000;
  assert.ok(hours > 23.9 && hours <= 24, `expires in ${hours} h`);
  for (const key of [old, world.server.findByAlias('openclaw')!.key]) {
    const response = await fetch(`${world.server.url}/v1/chat/completions`, {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(response.status, 200, 'both keys work during the grace period');
  }
});

test('--dry-run changes nothing', async () => {
  const old = await createKey();
  const before = world.server.requests.length;
  const result = await world.ollm(['key', 'rotate', '--dry-run']);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /Would rotate 1 key/);
  assert.equal(world.server.requests.length, before);
  assert.equal(world.heldKey('openclaw'), old);
});

spawnedTest('two concurrent rotations of one alias serialise; a third gives up naming the holder', {}, async () => {
  await createKey();
  const [a, b] = await Promise.all([world.ollm(['key', 'rotate']), world.ollm(['key', 'rotate'])]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  // Serialised: the second rotation read the key only after the first deleted its old one
  // (each reads the old key, then the new one to check no limit was dropped, then deletes).
  const steps = world.server.requests.map((r) => r.path).filter((p) => p === '/key/info' || p === '/key/delete');
  assert.deepEqual(steps.slice(-6), ['/key/info', '/key/info', '/key/delete', '/key/info', '/key/info', '/key/delete']);
  assertSettled(0);

  const account = `openclaw@${world.server.url}`;
  const lockDir = join(stateDir(), 'locks', `${createHash('sha256').update(account).digest('hex').slice(0, 32)}.lock`);
  mkdirSync(lockDir, { recursive: true });
  writeFileSync(join(lockDir, `${process.pid}.test`), `${process.pid}\n`);
  const blocked = await world.ollm(['key', 'rotate', '--wait', '1s', '--json']);
  assert.equal(blocked.code, 1);
  assert.equal(json(blocked).error.code, 'rotation_locked');
  assert.match(json(blocked).error.message, new RegExp(`pid ${process.pid}`));
});

test('a refused step rolls back at once: the old key is unchanged and still carries the alias', async () => {
  const old = await createKey();
  world.server.override('POST', '/key/generate', (_req, res) => {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'boom', type: 'internal_server_error', param: null, code: '500' } }));
  });
  const result = await world.ollm(['key', 'rotate', '--json']);
  assert.equal(result.code, 1);
  assert.match(json(result).error.message, /rolled back/);
  assert.equal(world.server.findByAlias('openclaw')!.key, old);
  assert.equal(world.heldKey('openclaw'), old);
  assert.equal(world.server.keys().length, 1);
  assert.equal(pendingEntries().length, 0);
});

/** Start a rotation, wait until the proxy holds the chosen request, then SIGKILL the CLI. */
async function killRotationDuring(hold: Hold): Promise<void> {
  assert.ok(await killDuring(world, ['key', 'rotate'], hold), `the rotation exited before reaching ${hold.method} ${hold.path}`);
}

/** A key with spend 7.5, its rotation SIGKILLed at `hold`, then `resumeWith`: it exits 0 and leaves one settled key. */
async function killAndResume(hold: Hold, resumeWith: string[]): Promise<void> {
  const old = await createKey();
  world.server.setSpend(old, 7.5);
  await killRotationDuring(hold);
  const resumed = await world.ollm([...resumeWith, '--json']);
  assert.equal(resumed.code, 0, `${resumed.stdout}\n${resumed.stderr}`);
  assertSettled(7.5);
}

// On the real keychain where a Secret Service runs; else on the shared file store (fixture.ts):
// crash safety lives in the journal and the order of the proxy's steps, proven on either store.
describe('SIGKILL at every remote step, then resume: one working key, nothing lost, no orphan', () => {
  for (const { name, enterprise, hold } of ROTATION_KILL_POINTS) {
    for (const resumeWith of [['key', 'rotate', '--resume'], ['key', 'rotate']]) {
      killTest(`${name}; resumed by \`ollm ${resumeWith.join(' ')}\``, {}, async () => {
        world.server.setEnterprise(enterprise);
        await killAndResume(hold, resumeWith);
        const key = world.server.findByAlias('openclaw')!.key;
        const works = await fetch(`${world.server.url}/key/info`, { headers: { authorization: `Bearer ${key}` } });
        assert.equal(works.status, 200, 'the key the keychain holds works on the proxy');
      });
    }
  }
});

// disable_custom_api_keys: the proxy chooses the new secret, so a lost answer is found by the
// rotation's metadata tag (ollm_rotation) and alias instead of by a hash known in advance.
describe('the proxy chooses the secret (disable_custom_api_keys): SIGKILL at every remote step, then resume', () => {
  const points: Array<[string, Hold]> = [];
  for (const when of ['before', 'after'] as const) {
    points.push([`renaming the old key (${when})`, { method: 'POST', path: '/key/update', when }]);
    points.push([`creating the new key (${when})`, { method: 'POST', path: '/key/generate', when }]);
    points.push([`deleting the old key (${when})`, { method: 'POST', path: '/key/delete', when }]);
  }
  for (const [name, hold] of points) {
    for (const resumeWith of [['key', 'rotate', '--resume'], ['key', 'rotate']]) {
      killTest(`${name}; resumed by \`ollm ${resumeWith.join(' ')}\``, {}, async () => {
        world.server.setQuirks({ disableCustomApiKeys: true });
        await killAndResume(hold, resumeWith);
        const generated = world.server.requests.filter((r) => r.path === '/key/generate').map((r) => (r.body as { key?: string }).key);
        assert.deepEqual(generated.slice(1).filter(Boolean), [], 'after the first refusal no secret is chosen again');
      });
    }
  }
});

test('bulk: 50 keys, one fails — it is reported, the other 49 are rotated, exit 1', async () => {
  const aliases = Array.from({ length: 50 }, (_, i) => `bot-${String(i).padStart(2, '0')}`);
  const created = await runPool(aliases, 6, async (alias) => {
    const r = await world.ollm(['key', 'create', '--alias', alias, '--budget', '1', '--write', 'none']);
    assert.equal(r.code, 0, r.stderr);
    return world.server.findByAlias(alias)!.key;
  });
  world.server.override('POST', '/key/update', (req, res, body) => {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `refused ${JSON.parse(body.toString()).key_alias ?? ''}`, type: 'internal_server_error', param: null, code: '500' } }));
  }, 1);
  const result = await world.ollm(['key', 'rotate', '--all', '--concurrency', '8', '--json'], { timeoutMs: 120_000 });
  assert.equal(result.code, 1, result.stderr);
  const out = json(result);
  assert.equal(out.results.length, 50);
  assert.equal(out.failed, 1);
  const failed = out.results.filter((r: { ok: boolean }) => !r.ok);
  assert.equal(failed.length, 1);
  const failedAlias = failed[0].key_alias as string;
  assert.match(failed[0].error.message, /rolled back/);
  for (const [i, alias] of aliases.entries()) {
    const live = world.server.keys().filter((k) => k.key_alias === alias);
    assert.equal(live.length, 1, alias);
    if (alias === failedAlias) assert.equal(live[0]!.key, created[i], 'the failed key is unchanged');
    else assert.notEqual(live[0]!.key, created[i], `${alias} rotated`);
    assert.equal(world.heldKey(alias), live[0]!.key);
  }
  assert.equal(world.server.keys().length, 50, 'no orphans');
});

test('fleet: --match rotates the proxy\'s keys not held here only with --reveal or --write', async () => {
  const fleet = ['fleet-a', 'fleet-b', 'fleet-c'].map((alias) => world.server.addKey({ key_alias: alias, max_budget: 2, spend: 1 }));
  const other = world.server.addKey({ key_alias: 'other' });
  const refused = await world.ollm(['key', 'rotate', '--match', 'fleet-*', '--json']);
  assert.equal(refused.code, 2);
  assert.match(json(refused).error.message, /3 of the selected keys .* are not held on this machine/);
  assert.equal(world.server.requests.filter((r) => r.method === 'POST').length, 0, 'nothing changed');

  const revealed = await world.ollm(['key', 'rotate', '--match', 'fleet-*', '--reveal', '--json']);
  assert.equal(revealed.code, 0, revealed.stderr);
  const results = json(revealed).results as Array<{ key_alias: string; new_key: string; spend_carried: number }>;
  assert.deepEqual(results.map((r) => r.key_alias), ['fleet-a', 'fleet-b', 'fleet-c']);
  for (const [i, r] of results.entries()) {
    const live = world.server.findByAlias(r.key_alias)!;
    assert.equal(r.new_key, live.key, 'the new secret is printed with --reveal');
    assert.notEqual(live.key, fleet[i]!.key);
    assert.equal(live.spend, 1);
  }
  assert.equal(world.server.findByAlias('other')!.key, other.key, 'unmatched keys untouched');
  assert.equal(world.heldKeys().size, 0, 'nothing kept here without --write');
  assert.equal(world.server.keys().length, 4, 'old fleet keys deleted');
});

test('fleet: --write keeps the rotated keys here; --older-than picks by age on the proxy', async () => {
  const now = Date.now();
  world.server.addKey({ key_alias: 'old-bot', created_at: new Date(now - 40 * 86_400_000).toISOString() });
  const young = world.server.addKey({ key_alias: 'young-bot', created_at: new Date(now - 86_400_000).toISOString() });
  const result = await world.ollm(['key', 'rotate', '--match', '*-bot', '--older-than', '30d', '--write', 'none', '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(json(result).results.map((r: { key_alias: string }) => r.key_alias), ['old-bot']);
  assert.equal(world.heldKey('old-bot'), world.server.findByAlias('old-bot')!.key);
  assert.equal(world.server.findByAlias('young-bot')!.key, young.key);
});
