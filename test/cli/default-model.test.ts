// `--default-model` names a model the key may use: checked against the proxy's /v1/models before
// anything is created (key create) or written (key write).
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorld, type World } from '../support/fixture.ts';

let world: World;

beforeEach(async () => { world = await openWorld(); });
afterEach(async () => { await world.close(); });

const configFile = () => join(world.home.dir, '.openclaw', 'openclaw.json');
const generateCalls = () => world.server.requests.filter((r) => r.path === '/key/generate').length;

test('key create refuses a model the proxy does not offer, names what the key may use, and creates nothing', async () => {
  const result = await world.ollm(['key', 'create', '--default-model', 'gpt-5-nonexistent']);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /--default-model gpt-5-nonexistent is not a model this key may use/);
  assert.match(result.stderr, /The key may use: claude-sonnet-4-6, gpt-4o\./);
  assert.equal(generateCalls(), 0, 'checked before /key/generate');
  assert.equal(world.server.keys().length, 0);
  assert.deepEqual([...world.heldKeys()], []);
  assert.equal(existsSync(configFile()), false, 'OpenClaw\'s config not written');
});

test('key create: the key\'s own --models narrow what --default-model may name', async () => {
  const refused = await world.ollm(['key', 'create', '--models', 'gpt-4o', '--default-model', 'claude-sonnet-4-6']);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /The key may use: gpt-4o\./);
  assert.equal(generateCalls(), 0);
  const ok = await world.ollm(['key', 'create', '--models', 'gpt-4o', '--default-model', 'gpt-4o']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(readFileSync(configFile(), 'utf8')).agents.defaults.model.primary, 'litellm/gpt-4o');
});

test('key write checks with the held key\'s own view of /v1/models, without a master key', async () => {
  assert.equal((await world.ollm(['key', 'create', '--models', 'gpt-4o', '--write', 'none'])).code, 0);
  const env = { ...world.env(), LITELLM_MASTER_KEY: '' };
  const refused = await world.ollm(['key', 'write', '--write', 'openclaw', '--default-model', 'claude-sonnet-4-6'], { env });
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /The key may use: gpt-4o\./);
  assert.equal(existsSync(configFile()), false, 'nothing written');
  const ok = await world.ollm(['key', 'write', '--write', 'openclaw', '--default-model', 'gpt-4o'], { env });
  assert.equal(ok.code, 0, ok.stderr);
});

for (const [what, value, message] of [['empty', '', /--default-model is empty/], ['with a newline', 'gpt-4o\nx', /contains a newline or another control character/]] as const) {
  test(`--default-model ${what} is refused before the proxy is asked`, async () => {
    const result = await world.ollm(['key', 'create', `--default-model=${value}`]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, message);
    assert.equal(world.server.requests.length, 0);
  });
}
