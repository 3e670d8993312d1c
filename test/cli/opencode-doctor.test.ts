// `ollm doctor --for opencode` against the fake proxy: the config and its provider, the layers
// OpenCode merges over it (OPENCODE_CONFIG, a project opencode.json, OPENCODE_CONFIG_CONTENT), a
// `/connect` login for the same provider id, and the variable its `{env:}` names — each problem
// with its fix.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { json, openWorld, type World } from '../support/fixture.ts';

let world: World;
beforeEach(async () => { world = await openWorld({ models: ['gpt-4o'] }); });
afterEach(async () => { await world.close(); });

type Check = { id: string; status: string; message: string; fix: string | null };
async function doctor(extra: NodeJS.ProcessEnv = {}): Promise<Map<string, Check>> {
  const result = await world.ollm(['doctor', '--for', 'opencode', '--json'], { env: world.env(extra) });
  const checks = json(result).checks as Check[];
  return new Map(checks.filter((c) => c.id.startsWith('opencode-')).map((c) => [c.id, c]));
}

test('doctor --for opencode: a clean setup passes; the unset variable is named with the way to start OpenCode', async () => {
  const created = await world.ollm(['key', 'create', '--for', 'opencode']);
  assert.equal(created.code, 0, created.stderr);
  const key = world.heldKey('opencode')!;
  const project = join(world.home.dir, 'project');
  mkdirSync(project);

  const unset = await doctor({ PWD: project });
  assert.equal(unset.get('opencode-config')!.status, 'ok');
  assert.equal(unset.get('opencode-provider')!.status, 'ok', unset.get('opencode-provider')!.message);
  assert.equal(unset.get('opencode-layers')!.status, 'ok');
  assert.equal(unset.get('opencode-login')!.status, 'ok');
  assert.equal(unset.get('opencode-env')!.status, 'warn');
  assert.match(unset.get('opencode-env')!.fix!, /^ollm exec --for opencode -- opencode/);

  const set = await doctor({ PWD: project, OLLM_OPENCODE_API_KEY: key });
  assert.equal(set.get('opencode-env')!.status, 'ok');
  const stale = await doctor({ PWD: project, OLLM_OPENCODE_API_KEY: 'sk-an-old-key-0000000000' });
  assert.equal(stale.get('opencode-env')!.status, 'fail');
  assert.ok(!JSON.stringify([...stale.values()]).includes('sk-an-old-key-0000000000'), 'the other key is masked');
});

test('doctor --for opencode names the layers that win over ollm\'s file and a stored /connect login', async () => {
  const created = await world.ollm(['key', 'create', '--for', 'opencode']);
  assert.equal(created.code, 0, created.stderr);
  const project = join(world.home.dir, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'opencode.json'), '{ "provider": { "litellm": { "options": { "apiKey": "sk-project" } } } }');
  const other = join(world.home.dir, 'other.json');
  writeFileSync(other, '{ // mine\n "provider": { "litellm": { "name": "x" } } }');
  const auth = join(world.home.dir, '.local', 'share', 'opencode', 'auth.json');
  mkdirSync(dirname(auth), { recursive: true });
  writeFileSync(auth, JSON.stringify({ litellm: { type: 'api', key: 'sk-connect-key-1234567890' } }), { mode: 0o600 });

  const checks = await doctor({ PWD: project, OPENCODE_CONFIG: other, OPENCODE_CONFIG_CONTENT: '{"provider":{"litellm":{}}}' });
  const layers = checks.get('opencode-layers')!;
  assert.equal(layers.status, 'warn');
  assert.match(layers.message, /OPENCODE_CONFIG \(.*other\.json\).*project file .*opencode\.json.*OPENCODE_CONFIG_CONTENT/);
  assert.match(layers.fix!, /unset OPENCODE_CONFIG/);
  assert.match(layers.fix!, /remove provider\.litellm from .*opencode\.json/);
  const login = checks.get('opencode-login')!;
  assert.equal(login.status, 'warn');
  assert.equal(login.fix, 'opencode auth logout litellm');
  assert.ok(!login.message.includes('sk-connect-key-1234567890'));
});

test('doctor --for opencode with no config says so and how to write one', async () => {
  const created = await world.ollm(['key', 'create', '--for', 'opencode', '--write', 'none']);
  assert.equal(created.code, 0, created.stderr);
  const checks = await doctor();
  assert.equal(checks.get('opencode-config')!.status, 'fail');
  assert.match(checks.get('opencode-config')!.fix!, /^ollm key write (--alias opencode )?--for opencode --write opencode$/);
  assert.equal(checks.get('opencode-provider')!.status, 'skip');
});
