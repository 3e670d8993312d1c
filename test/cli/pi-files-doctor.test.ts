// pi's files beyond the provider entry, against the fake proxy: a symlinked models.json is written
// through (the link stays), a read-only one is refused before any key exists, --default-model
// sets pi's settings.json and revoke takes it out again, the doctor finds a stored /login that
// overrides models.json and a PI_CODING_AGENT_DIR pointing elsewhere, and exec hands pi the key.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, needsProcess, openWorld, spawnedTest, type World } from '../support/fixture.ts';
// The helper-style tests read the key through the keychain (a spawned pi helper): gated on a Secret Service.
import { needsSecretService } from '../support/cli.ts';

let world: World;
beforeEach(async (t) => { world = await openWorld({ models: ['gpt-4o', 'claude-sonnet-4-6'], spawned: needsProcess(t) }); });
afterEach(async () => { await world.close(); });

const agentDir = () => join(world.home.dir, 'pi-agent');
const modelsPath = () => join(agentDir(), 'models.json');
const env = (extra: NodeJS.ProcessEnv = {}) => world.env({ PI_CODING_AGENT_DIR: agentDir(), ...extra });
const ollm = (args: string[], extra: NodeJS.ProcessEnv = {}) => world.ollm(args, { env: env(extra) });
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;

function checks(stdout: string): Record<string, { status: string; message: string; fix: string | null }> {
  return Object.fromEntries((JSON.parse(stdout).checks as Array<{ id: string; status: string; message: string; fix: string | null }>).map((c) => [c.id, c]));
}

test('a symlinked models.json (a dotfiles repo) is written through: the link stays a link', async () => {
  const repo = join(world.home.dir, 'dotfiles');
  mkdirSync(repo, { recursive: true });
  writeFileSync(join(repo, 'models.json'), '{ "providers": {} }\n');
  mkdirSync(agentDir(), { recursive: true });
  symlinkSync(join(repo, 'models.json'), modelsPath());
  const created = await ollm(['key', 'create', '--for', 'pi']);
  assert.equal(created.code, 0, created.stderr);
  assert.ok(lstatSync(modelsPath()).isSymbolicLink());
  assert.equal(readlinkSync(modelsPath()), join(repo, 'models.json'));
  assert.equal(readJson(join(repo, 'models.json')).providers.litellm.baseUrl, `${world.server.url}/v1`);
});

test('a read-only models.json is refused before any key is made, and left as it was', async () => {
  mkdirSync(agentDir(), { recursive: true });
  writeFileSync(modelsPath(), '{ "providers": {} }\n');
  chmodSync(modelsPath(), 0o444);
  const created = await ollm(['key', 'create', '--for', 'pi']);
  assert.equal(created.code, 1, created.stderr);
  assert.match(created.stderr, /Cannot write pi's models\.json .*(read-only|permission denied)/);
  assert.equal(readFileSync(modelsPath(), 'utf8'), '{ "providers": {} }\n');
  assert.equal(world.server.findByAlias('pi'), undefined);
});

test('--default-model sets pi\'s settings.json (keeping its other settings), a model the key may not use is refused, revoke takes it out', async () => {
  mkdirSync(agentDir(), { recursive: true });
  writeFileSync(join(agentDir(), 'settings.json'), '{\n  "theme": "dark",\n  "defaultThinkingLevel": "low"\n}\n');
  const refused = await ollm(['key', 'create', '--for', 'pi', '--models', 'gpt-4o', '--default-model', 'claude-sonnet-4-6']);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /--default-model claude-sonnet-4-6 is not a model this key may use/);
  assert.equal(world.server.findByAlias('pi'), undefined);

  const created = await ollm(['key', 'create', '--for', 'pi', '--default-model', 'gpt-4o']);
  assert.equal(created.code, 0, created.stderr);
  assert.deepEqual(readJson(join(agentDir(), 'settings.json')), { theme: 'dark', defaultThinkingLevel: 'low', defaultProvider: 'litellm', defaultModel: 'gpt-4o' });

  const revoked = await ollm(['key', 'revoke', '--alias', 'pi', '--yes']);
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.deepEqual(readJson(join(agentDir(), 'settings.json')), { theme: 'dark', defaultThinkingLevel: 'low' });
});

spawnedTest('doctor --for pi: a stored /login for litellm fails with its fix; a PI_CODING_AGENT_DIR elsewhere is a warning', { timeout: 60_000, ...needsSecretService }, async () => {
  assert.equal((await ollm(['key', 'create', '--for', 'pi'])).code, 0);
  writeFileSync(join(agentDir(), 'auth.json'), JSON.stringify({ litellm: { type: 'api_key', key: 'sk-pasted-by-hand-0000000000' } }));
  const doctor = await ollm(['doctor', '--for', 'pi', '--json']);
  const found = checks(doctor.stdout);
  assert.equal(found['pi-auth']!.status, 'fail', doctor.stdout);
  assert.match(found['pi-auth']!.message, /stores a login for "litellm", which pi sends instead/);
  assert.match(found['pi-auth']!.fix!, /\/logout litellm/);
  assert.equal(found['pi-key']!.status, 'ok', found['pi-key']!.message);
  assert.equal(doctor.code, 1);

  const elsewhere = await ollm(['doctor', '--for', 'pi', '--json'], { PI_CODING_AGENT_DIR: join(world.home.dir, 'other-agent') });
  const moved = checks(elsewhere.stdout);
  assert.equal(moved['pi-models']!.status, 'warn', elsewhere.stdout);
  assert.match(moved['pi-models']!.message, /pi started from here reads .*other-agent\/models\.json \(PI_CODING_AGENT_DIR\)/);
});

spawnedTest('exec --for pi hands over LITELLM_API_KEY and, in the helper style, says pi needs the keychain', { timeout: 60_000, ...needsSecretService }, async () => {
  assert.equal((await ollm(['key', 'create', '--for', 'pi'])).code, 0);
  const run = await ollm(['exec', '--for', 'pi', '--', 'sh', '-c', 'printf %s "$LITELLM_API_KEY"']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, world.server.findByAlias('pi')!.key);
  assert.match(run.stderr, /add --pass-keychain if the command is pi/);
  const json2 = await ollm(['env', '--for', 'pi', '--json']);
  assert.deepEqual(json(json2).variables, ['LITELLM_API_KEY']);
});
