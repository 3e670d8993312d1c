// Issue 23 item 6: `key update --models` could shut out OpenClaw's default model, and the doctor
// stayed green while every request with that model got 401. Now the update refuses without
// --force (naming the model and the ways out), and the doctor checks the key may use it.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, openWorld, type World } from '../support/fixture.ts';

let world: World;

beforeEach(async () => { world = await openWorld(); });
afterEach(async () => { await world.close(); });

const primary = () => JSON.parse(readFileSync(join(world.home.dir, '.openclaw', 'openclaw.json'), 'utf8')).agents.defaults.model.primary as string;
const doctorCheck = async (id: string) => {
  const result = await world.ollm(['doctor', '--json'], { env: world.env({ OLLM_OPENCLAW_BIN: '' }) });
  return (json(result).checks as Array<{ id: string; status: string; message: string; fix: string | null }>).find((c) => c.id === id);
};

test('key update --models without OpenClaw\'s default model is refused, naming it; nothing changes', async () => {
  assert.equal((await world.ollm(['key', 'create', '--default-model', 'claude-sonnet-4-6'])).code, 0);
  assert.equal(primary(), 'litellm/claude-sonnet-4-6');
  const refused = await world.ollm(['key', 'update', '--models', 'gpt-4o', '--json']);
  assert.equal(refused.code, 1, refused.stdout);
  const error = json(refused).error;
  assert.equal(error.code, 'default_model_excluded');
  assert.match(error.message, /OpenClaw's default model litellm\/claude-sonnet-4-6 .* not in --models gpt-4o/);
  assert.match(error.hint, /--models gpt-4o,claude-sonnet-4-6/);
  assert.match(error.hint, /--default-model gpt-4o/);
  assert.match(error.hint, /--force/);
  assert.deepEqual(world.server.findByAlias('openclaw')!.models, [], 'the key is unchanged');
  assert.equal(world.server.requests.filter((r) => r.path === '/key/update').length, 0);
});

test('key update --models that keep the default model, or all-proxy-models, go through', async () => {
  assert.equal((await world.ollm(['key', 'create', '--default-model', 'gpt-4o'])).code, 0);
  assert.equal((await world.ollm(['key', 'update', '--models', 'gpt-4o,claude-sonnet-4-6'])).code, 0);
  assert.deepEqual(world.server.findByAlias('openclaw')!.models, ['gpt-4o', 'claude-sonnet-4-6']);
  const all = await world.ollm(['key', 'update', '--models', 'all-proxy-models']);
  assert.equal(all.code, 0, all.stderr);
  assert.deepEqual(world.server.findByAlias('openclaw')!.models, ['all-proxy-models']);
});

test('--force changes the models anyway and warns; the doctor then fails the default-model check, naming both ways out', async () => {
  assert.equal((await world.ollm(['key', 'create', '--default-model', 'claude-sonnet-4-6'])).code, 0);
  const green = await doctorCheck('openclaw-default-model');
  assert.equal(green?.status, 'ok', green?.message);
  const forced = await world.ollm(['key', 'update', '--models', 'gpt-4o', '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stderr, /OpenClaw's default model litellm\/claude-sonnet-4-6 is not among the key's models/);
  assert.deepEqual(world.server.findByAlias('openclaw')!.models, ['gpt-4o']);
  const red = await doctorCheck('openclaw-default-model');
  assert.equal(red?.status, 'fail', red?.message);
  assert.match(red!.message, /default model litellm\/claude-sonnet-4-6, but the key may use only gpt-4o: the proxy refuses every request/);
  assert.equal(red!.fix, 'ollm key write --write openclaw --default-model gpt-4o');
});

// Every assistant with a default model names it through the contract (defaultModels): pi's
// settings.json and OpenCode's top-level `model` are kept as OpenClaw's is.
for (const [name, who, named] of [['pi', 'pi', 'litellm/claude-sonnet-4-6'], ['opencode', 'OpenCode', 'litellm/claude-sonnet-4-6']] as const) {
  test(`key update --models without ${who}'s default model is refused for its key, naming it`, async () => {
    const created = await world.ollm(['key', 'create', '--for', name, '--default-model', 'claude-sonnet-4-6']);
    assert.equal(created.code, 0, created.stderr);
    const refused = await world.ollm(['key', 'update', '--alias', name, '--models', 'gpt-4o', '--json']);
    assert.equal(refused.code, 1, refused.stdout);
    assert.equal(json(refused).error.code, 'default_model_excluded');
    assert.ok(json(refused).error.message.includes(`${who}'s default model ${named}`), json(refused).error.message);
    assert.deepEqual(world.server.findByAlias(name)!.models, [], 'the key is unchanged');
    const kept = await world.ollm(['key', 'update', '--alias', name, '--models', 'gpt-4o,claude-sonnet-4-6']);
    assert.equal(kept.code, 0, kept.stderr);
  });
}
