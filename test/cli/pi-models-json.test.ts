// pi's models.json against the fake proxy: `key create --for pi` writes ollm's provider and keeps
// every other provider, comment and setting; the helper style puts no key in any file and its
// command, run by /bin/sh as pi runs it, prints the key (also after a rotation, with the file
// untouched); the file style writes the key itself and rotation rewrites it; revoke takes out
// exactly ollm's provider; hostile model ids stay inert strings. Read back with pi's own reader
// rules (// comments and trailing commas dropped, then JSON.parse), never with ollm's editor.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, needsProcess, openWorld, spawnedTest, type World } from '../support/fixture.ts';
// The helper-style tests read the key through the keychain (a spawned pi helper): gated on a Secret Service.
import { needsSecretService } from '../support/cli.ts';

const HOSTILE = ['!touch PWNED-bang', '$(touch PWNED-dollar)', '${HOME}', '`touch PWNED-tick`', 'quote"d\\back', 'LITELLM_MASTER_KEY'];
const PROXY_MODELS = ['gpt-4o', 'claude-sonnet-4-6', ...HOSTILE];

let world: World;
beforeEach(async (t) => { world = await openWorld({ models: PROXY_MODELS, spawned: needsProcess(t) }); });
afterEach(async () => { await world.close(); });

const agentDir = () => join(world.home.dir, 'pi-agent');
const modelsPath = () => join(agentDir(), 'models.json');
const env = () => world.env({ PI_CODING_AGENT_DIR: agentDir() });
const ollm = (args: string[]) => world.ollm(args, { env: env() });

/** pi 0.73.1's reader: strip // comments and trailing commas outside strings, then JSON.parse. */
function readAsPi(text = readFileSync(modelsPath(), 'utf8')): Record<string, any> {
  const stripped = text
    .replace(/"(?:\\.|[^"\\])*"|\/\/[^\n]*/g, (m) => (m[0] === '"' ? m : ''))
    .replace(/"(?:\\.|[^"\\])*"|,(\s*[}\]])/g, (m, tail: string | undefined) => tail ?? (m[0] === '"' ? m : ''));
  return JSON.parse(stripped) as Record<string, any>;
}

const HAND_WRITTEN = `{
  // my own providers, edited by hand
  "providers": {
    "ollama": {
      "baseUrl": "http://localhost:11434/v1", // local
      "api": "openai-completions",
      "apiKey": "ollama",
      "models": [{ "id": "llama3.1:8b" }],
    },
  },
}
`;

function writeHandWritten(): void {
  mkdirSync(agentDir(), { recursive: true, mode: 0o700 });
  writeFileSync(modelsPath(), HAND_WRITTEN, { mode: 0o644 });
}

/** Run an apiKey value as pi 0.73.1 does: `!` stripped, the rest to /bin/sh -c, stdout trimmed. */
function runAsPi(apiKey: string, cwd: string): { key: string; status: number | null } {
  assert.ok(apiKey.startsWith('!'), apiKey);
  const run = spawnSync('/bin/sh', ['-c', apiKey.slice(1)], { cwd, env: env(), encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return { key: run.stdout.trim(), status: run.status };
}

test('key create --for pi writes providers.litellm beside the user\'s providers, keeps their comments, and puts no key in the file', async () => {
  writeHandWritten();
  const created = await ollm(['key', 'create', '--for', 'pi', '--json']);
  assert.equal(created.code, 0, created.stderr);
  assert.equal(json(created).key_alias, 'pi');
  const text = readFileSync(modelsPath(), 'utf8');
  const secret = world.server.findByAlias('pi')!.key;
  assert.ok(!text.includes(secret), 'the helper style leaves no key in models.json');
  assert.match(text, /\/\/ my own providers, edited by hand/);
  assert.match(text, /\/\/ local/);
  const config = readAsPi(text);
  assert.deepEqual(config.providers.ollama, { baseUrl: 'http://localhost:11434/v1', api: 'openai-completions', apiKey: 'ollama', models: [{ id: 'llama3.1:8b' }] });
  const provider = config.providers.litellm;
  assert.equal(provider.baseUrl, `${world.server.url}/v1`);
  assert.equal(provider.api, 'openai-completions');
  assert.match(provider.apiKey, /^!'\/[^']*\/pi-key-helper' key get --reveal --alias pi --proxy-url '[^']+'$/);
  assert.deepEqual(provider.models.map((m: { id: string }) => m.id), PROXY_MODELS);
  assert.equal(statSync(modelsPath()).mode & 0o777, 0o600);
  assert.equal(readdirSync(agentDir()).filter((n) => n.startsWith('models.json.ollm-')).length, 1, 'one backup of the hand-written file');
});

test('hostile model ids from the proxy are written as inert strings: only apiKey is ever run by pi', async () => {
  const created = await ollm(['key', 'create', '--for', 'pi']);
  assert.equal(created.code, 0, created.stderr);
  const provider = readAsPi().providers.litellm;
  const ids = provider.models.map((m: { id: string }) => m.id);
  assert.deepEqual(ids, PROXY_MODELS, 'each id exactly as the proxy sent it');
  for (const id of HOSTILE) assert.ok(!provider.apiKey.includes(id), `${id} never reaches the command`);
  // The provider's other strings are never resolved by pi; apiKey is the only command.
  for (const [field, value] of Object.entries(provider)) if (field !== 'apiKey' && typeof value === 'string') assert.ok(!value.startsWith('!'), field);
});

spawnedTest('the helper style: the apiKey command, run by /bin/sh as pi runs it, prints the key; after a rotation the file is untouched and it prints the new key', { timeout: 60_000, ...needsSecretService }, async () => {
  const created = await ollm(['key', 'create', '--for', 'pi']);
  assert.equal(created.code, 0, created.stderr);
  const before = readFileSync(modelsPath(), 'utf8');
  const { apiKey } = readAsPi(before).providers.litellm;
  const first = runAsPi(apiKey, world.home.dir);
  assert.equal(first.status, 0);
  assert.equal(first.key, world.server.findByAlias('pi')!.key);
  assert.deepEqual(readdirSync(world.home.dir).filter((n) => n.startsWith('PWNED')), []);

  const rotated = await ollm(['key', 'rotate', '--alias', 'pi']);
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.equal(readFileSync(modelsPath(), 'utf8'), before, 'the helper style needs no rewrite');
  const second = runAsPi(apiKey, world.home.dir);
  assert.equal(second.key, world.server.findByAlias('pi')!.key);
  assert.notEqual(second.key, first.key);

  const doctor = await ollm(['doctor', '--for', 'pi', '--json']);
  const checks = Object.fromEntries(json(doctor).checks.map((c: { id: string; status: string }) => [c.id, c.status]));
  assert.equal(checks['pi-models'], 'ok', doctor.stdout);
  assert.equal(checks['pi-auth'], 'ok', doctor.stdout);
  assert.equal(checks['pi-key'], 'ok', doctor.stdout);
  const human = await ollm(['doctor', '--for', 'pi']);
  assert.match(human.stdout, /pi is set up to use this key\./, human.stdout);
});

test('the file style writes the key itself (0600), rotation rewrites it, and revoke removes only ollm\'s provider', async () => {
  writeHandWritten();
  const created = await ollm(['key', 'create', '--for', 'pi', '--pi-style', 'file']);
  assert.equal(created.code, 0, created.stderr);
  const first = world.server.findByAlias('pi')!.key;
  assert.equal(readAsPi().providers.litellm.apiKey, first);
  assert.equal(statSync(modelsPath()).mode & 0o777, 0o600);

  const rotated = await ollm(['key', 'rotate', '--for', 'pi']);
  assert.equal(rotated.code, 0, rotated.stderr);
  const second = world.server.findByAlias('pi')!.key;
  assert.notEqual(second, first);
  assert.equal(readAsPi().providers.litellm.apiKey, second);

  const revoked = await ollm(['key', 'revoke', '--for', 'pi', '--yes']);
  assert.equal(revoked.code, 0, revoked.stderr);
  const text = readFileSync(modelsPath(), 'utf8');
  assert.ok(!text.includes(second));
  const config = readAsPi(text);
  assert.deepEqual(Object.keys(config.providers), ['ollama']);
  assert.match(text, /\/\/ my own providers, edited by hand/);
});

test('revoke in the helper style removes ollm\'s provider and leaves the user\'s', async () => {
  writeHandWritten();
  assert.equal((await ollm(['key', 'create', '--for', 'pi'])).code, 0);
  const revoked = await ollm(['key', 'revoke', '--alias', 'pi', '--yes']);
  assert.equal(revoked.code, 0, revoked.stderr);
  const config = readAsPi();
  assert.deepEqual(Object.keys(config.providers), ['ollama']);
  assert.deepEqual(config.providers.ollama.models, [{ id: 'llama3.1:8b' }]);
});

test('models sync --for pi: --dry-run writes nothing, a sync adds new models, --prune removes the gone ones, hand entries stay', async () => {
  const created = await ollm(['key', 'create', '--for', 'pi', '--models', 'gpt-4o', '--default-model', 'gpt-4o']);
  assert.equal(created.code, 0, created.stderr);
  assert.deepEqual(readAsPi().providers.litellm.models, [{ id: 'gpt-4o' }]);
  const key = world.server.findByAlias('pi')!.key;
  const update = await fetch(`${world.server.url}/key/update`, {
    method: 'POST', headers: { authorization: `Bearer ${world.server.masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ key, models: ['claude-sonnet-4-6', '$(touch PWNED-dollar)'] }),
  });
  assert.equal(update.status, 200);

  const before = readFileSync(modelsPath(), 'utf8');
  const dry = await ollm(['models', 'sync', '--for', 'pi', '--dry-run', '--json']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.deepEqual(json(dry).added, ['claude-sonnet-4-6', '$(touch PWNED-dollar)']);
  assert.deepEqual(json(dry).stale, ['gpt-4o']);
  assert.equal(json(dry).stale_default_model, 'gpt-4o', 'pi\'s default model is no longer offered');
  assert.equal(readFileSync(modelsPath(), 'utf8'), before);

  const synced = await ollm(['models', 'sync', '--for', 'pi', '--json']);
  assert.equal(synced.code, 0, synced.stderr);
  assert.deepEqual(readAsPi().providers.litellm.models.map((m: { id: string }) => m.id), ['gpt-4o', 'claude-sonnet-4-6', '$(touch PWNED-dollar)']);

  const pruned = await ollm(['models', 'sync', '--for', 'pi', '--prune', '--json']);
  assert.equal(pruned.code, 0, pruned.stderr);
  assert.deepEqual(json(pruned).removed, ['gpt-4o']);
  assert.deepEqual(readAsPi().providers.litellm.models.map((m: { id: string }) => m.id), ['claude-sonnet-4-6', '$(touch PWNED-dollar)']);
});

test('another alias does not take pi\'s provider without --replace, and nothing is written', async () => {
  assert.equal((await ollm(['key', 'create', '--for', 'pi'])).code, 0);
  const before = readFileSync(modelsPath(), 'utf8');
  const other = await ollm(['key', 'create', '--for', 'pi', '--alias', 'other', '--write', 'pi']);
  assert.equal(other.code, 2, other.stderr);
  assert.match(other.stderr, /holds the key "pi"/);
  assert.equal(readFileSync(modelsPath(), 'utf8'), before);
  assert.equal(world.server.findByAlias('other'), undefined, 'refused before any key was made');
});

test('a models.json pi cannot read (JSON5 syntax) is refused before a key is made, and left as it was', async () => {
  mkdirSync(agentDir(), { recursive: true });
  writeFileSync(modelsPath(), '{ providers: {} }\n');
  const created = await ollm(['key', 'create', '--for', 'pi']);
  assert.equal(created.code, 1, created.stderr);
  assert.match(created.stderr, /pi cannot read its models\.json/);
  assert.equal(readFileSync(modelsPath(), 'utf8'), '{ providers: {} }\n');
  assert.equal(world.server.findByAlias('pi'), undefined);
});

test('--pi-style helper with --store file is refused: the helper style keeps the key out of files', async () => {
  const created = await ollm(['key', 'create', '--for', 'pi', '--pi-style', 'helper', '--store', 'file']);
  assert.equal(created.code, 2, created.stderr);
  assert.match(created.stderr, /--pi-style helper keeps the key out of every file/);
  assert.equal(existsSync(modelsPath()), false);
});

test('key write --pi-style helper after the file style: the key leaves models.json and ollm\'s backups that held it', async () => {
  writeHandWritten();
  assert.equal((await ollm(['key', 'create', '--for', 'pi', '--pi-style', 'file'])).code, 0);
  assert.equal((await ollm(['key', 'rotate', '--alias', 'pi'])).code, 0); // a backup now holds the first key
  const key = world.server.findByAlias('pi')!.key;
  const switched = await ollm(['key', 'write', '--for', 'pi', '--pi-style', 'helper']);
  assert.equal(switched.code, 0, switched.stderr);
  assert.match(readAsPi().providers.litellm.apiKey, /^!.*pi-key-helper' key get --reveal --alias pi /);
  for (const name of readdirSync(agentDir())) assert.doesNotMatch(readFileSync(join(agentDir(), name), 'utf8'), /sk-[A-Za-z0-9_-]{16,}/, name);
  assert.ok(readdirSync(agentDir()).some((n) => n.startsWith('models.json.ollm-')), 'the hand-written file\'s backup (no key in it) stays');
  assert.ok(key.startsWith('sk-'));
});
