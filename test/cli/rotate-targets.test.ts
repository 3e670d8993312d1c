// Rotation and the places a key is written: a place that cannot take the new key stops the
// rotation before the proxy changes, and one that fails afterwards keeps the old key alive
// (issue 12, item 1); a --grace key cannot spend a second budget (item 10).
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openWorld, json, type World } from '../support/fixture.ts';

import { Json5Document } from '../../src/edit/json5-document.ts';

let world: World;

const locked: string[] = [];
beforeEach(async () => { world = await openWorld(); });
afterEach(async () => {
  // Both, always: as a non-root user `chattr -i` succeeds on a file that never had the flag, and
  // the 0555 directory would then stay undeletable.
  for (const path of locked.splice(0)) {
    spawnSync('chattr', ['-i', path]);
    chmodSync(path, 0o700);
  }
  await world.close();
});

/** Make a file or directory unwritable, even for root where the file system allows it. */
function lock(path: string): void {
  locked.push(path);
  if (spawnSync('chattr', ['+i', path]).status !== 0) chmodSync(path, statSync(path).isDirectory() ? 0o555 : 0o444);
}

const configFile = () => join(world.home.dir, '.openclaw', 'openclaw.json');
const configKey = () => Json5Document.parse(readFileSync(configFile(), 'utf8'), 'f').get(['env', 'vars', 'LITELLM_API_KEY']);
const writes = () => world.server.requests.filter((r) => r.method === 'POST').length;

async function works(key: string): Promise<boolean> {
  const response = await fetch(`${world.server.url}/v1/chat/completions`, {
    method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
  });
  return response.status === 200;
}

async function createKey(extra: string[] = []): Promise<string> {
  const result = await world.ollm(['key', 'create', '--budget', '50', ...extra]);
  assert.equal(result.code, 0, result.stderr);
  return world.server.findByAlias('openclaw')!.key;
}

for (const [name, spoil, code] of [
  ['OPENCLAW_CONFIG_READONLY=1', () => ({ OPENCLAW_CONFIG_READONLY: '1' }), 'openclaw_config_readonly'],
  ['an immutable config (chattr +i as root, who ignores modes; else mode 0444)', () => { lock(configFile()); return {}; }, 'openclaw_config_unwritable'],
  // Root may write a 0444 file, but its owner made it read-only: root is refused as anyone else (it became 0600).
  ['a read-only config (mode 0444), also for root', () => { chmodSync(configFile(), 0o444); return {}; }, 'openclaw_config_unwritable'],
  ['an immutable directory (chattr +i as root; else mode 0555)', () => { lock(join(world.home.dir, '.openclaw')); return {}; }, 'openclaw_config_unwritable'],
  ['a config over the 5 MB edit limit', () => {
    const text = readFileSync(configFile(), 'utf8');
    writeFileSync(configFile(), text.replace(/^\{/, `{\n  // ${'x'.repeat(6 * 1024 * 1024)}\n`));
    return {};
  }, 'openclaw_config_too_large'],
] as const) {
  test(`rotation refuses before the proxy changes anything: ${name}`, async () => {
    const old = await createKey();
    const before = writes();
    const extraEnv = spoil();
    const result = await world.ollm(['key', 'rotate', '--json'], { env: world.env(extraEnv) });
    assert.equal(result.code, 1, result.stdout);
    assert.equal(json(result).error.code, code);
    assert.match(json(result).error.message, /Nothing was rotated/);
    assert.equal(writes(), before, 'no write request reached the proxy');
    assert.equal(world.heldKey('openclaw'), old);
    assert.ok(await works(old), 'the old key still works');
  });
}

test('a config that breaks after the new key exists: the old key is kept for 24 h, and the output says so', async () => {
  const old = await createKey();
  // The rewrite lists the models with the new key: spoil the config just then.
  world.server.override('GET', '/v1/models', (_req, res) => {
    writeFileSync(configFile(), '{ this is not JSON5');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o', object: 'model', created: 0, owned_by: 'openai' }] }));
  });
  const result = await world.ollm(['key', 'rotate', '--json']);
  assert.equal(result.code, 1, result.stderr);
  const [outcome] = json(result).results;
  assert.equal(outcome.grace, '24h');
  assert.ok(outcome.problems.some((p: string) => /kept for 24h/.test(p) && /ollm key write --alias openclaw/.test(p)), outcome.problems.join('\n'));
  const retired = world.server.findByKey(old)!;
  assert.match(retired.key_alias!, /^openclaw-retired-/);
  const hours = (Date.parse(retired.expires!) - Date.now()) / 3_600_000;
  assert.ok(hours > 23.9 && hours <= 24, `expires in ${hours} h`);
  assert.ok(await works(old), 'OpenClaw\'s old key still works');
  assert.ok(await works(world.heldKey('openclaw')!), 'the new key works');
});

test('--grace: the retired key cannot spend more than it had (no second budget)', async () => {
  const old = await createKey();
  world.server.setSpend(old, 10);
  const result = await world.ollm(['key', 'rotate', '--grace', '1h', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const retired = world.server.findByKey(old)!;
  assert.equal(retired.max_budget, 10, 'capped at its spend');
  assert.ok(retired.expires);
  assert.equal(await works(old), false, 'the retired key is out of budget');
  const fresh = world.server.findByAlias('openclaw')!;
  assert.equal(fresh.spend, 10);
  assert.equal(fresh.max_budget, 50);
});

test('key create with a proxy listing 100,000 models writes a config it can still edit', async () => {
  await world.close();
  world = await openWorld({ models: Array.from({ length: 100_000 }, (_, i) => `vendor/model-with-a-long-name-${String(i).padStart(6, '0')}`) });
  const result = await world.ollm(['key', 'create', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const doc = Json5Document.parse(readFileSync(configFile(), 'utf8'), 'f');
  assert.equal((doc.get(['models', 'providers', 'litellm', 'models']) as unknown[]).length, 500);
  assert.ok(statSync(configFile()).size < 1024 * 1024);
  const rotated = await world.ollm(['key', 'rotate', '--json']);
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.equal(configKey(), world.heldKey('openclaw'));
});
