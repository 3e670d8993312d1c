// OpenCode against the fake proxy, in process: `key create --for opencode` writes the litellm
// provider into OpenCode's JSONC config keeping every comment and setting, with the key only as
// `{env:OLLM_OPENCODE_API_KEY}`; hostile model ids cannot become an `{env:}`/`{file:}` read;
// models sync, rotation (no rewrite, a default grace) and revoke (exactly what ollm wrote).
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import JSON5 from 'json5';
import { json, openWorld, type World } from '../support/fixture.ts';

const MODELS = ['gpt-4o', 'claude-sonnet-4-6'];
let world: World;

beforeEach(async () => { world = await openWorld({ models: MODELS }); });
afterEach(async () => { await world.close(); });

const configPath = () => join(world.home.dir, '.config', 'opencode', 'opencode.json');
const readConfig = () => readFileSync(configPath(), 'utf8');
/** Read with the json5 package, not the editor ollm writes with. */
const parsed = (text = readConfig()) => JSON5.parse(text) as Record<string, any>;

function writeConfig(text: string): void {
  mkdirSync(dirname(configPath()), { recursive: true, mode: 0o700 });
  writeFileSync(configPath(), text, { mode: 0o600 });
}

const HAND_WRITTEN = `// my OpenCode setup
{
  "$schema": "https://opencode.ai/config.json",
  "theme": "tokyonight", // the dark one
  /* keep me */
  "provider": {
    "ollama": { "npm": "@ai-sdk/openai-compatible", "options": { "baseURL": "http://localhost:11434/v1" } },
  },
}
`;

/** The raw text with ollm's one reference taken out: what OpenCode may substitute besides it. */
function otherSubstitutions(text: string): string[] {
  return [...text.replaceAll('{env:OLLM_OPENCODE_API_KEY}', '').matchAll(/\{(env|file):[^}]+\}/g)].map((m) => m[0]);
}

test('key create --for opencode writes the provider with an {env:} reference, keeping comments and settings', async () => {
  writeConfig(HAND_WRITTEN);
  const created = await world.ollm(['key', 'create', '--for', 'opencode', '--budget', '5', '--monthly', '--json']);
  assert.equal(created.code, 0, created.stderr);
  const key = world.server.findByAlias('opencode')!.key;
  const text = readConfig();
  assert.ok(!text.includes(key), 'the key itself is in no file');
  for (const kept of ['// my OpenCode setup', '"theme": "tokyonight", // the dark one', '/* keep me */', '"ollama": { "npm": "@ai-sdk/openai-compatible", "options": { "baseURL": "http://localhost:11434/v1" } },']) {
    assert.ok(text.includes(kept), `kept: ${kept}\n${text}`);
  }
  const config = parsed(text);
  assert.deepEqual(config.provider.litellm, {
    npm: '@ai-sdk/openai-compatible', name: 'LiteLLM (ollm)',
    options: { baseURL: `${world.server.url}/v1`, apiKey: '{env:OLLM_OPENCODE_API_KEY}' },
    models: { 'gpt-4o': { name: 'gpt-4o' }, 'claude-sonnet-4-6': { name: 'claude-sonnet-4-6' } },
  });
  assert.equal(config.model, 'litellm/gpt-4o');
  assert.equal(config.provider.ollama.options.baseURL, 'http://localhost:11434/v1');
  assert.equal(statSync(configPath()).mode & 0o777, 0o600);
  assert.equal(readdirSync(dirname(configPath())).filter((n) => n.startsWith('opencode.json.ollm-')).length, 1, 'one backup of the old file');
  assert.deepEqual(json(created).targets?.map?.((t: { kind: string }) => t.kind) ?? ['opencode'], ['opencode']);

  // `exec`/`env` hand the key over in the variable the reference names.
  const env = await world.ollm(['env', '--for', 'opencode', '--shell', 'bash', '--json']);
  assert.equal(env.code, 0, env.stderr);
  assert.deepEqual(json(env).variables, ['OLLM_OPENCODE_API_KEY']);
});

test('a fresh machine gets opencode.json with $schema (so OpenCode does not rewrite it); an existing opencode.jsonc wins over it', async () => {
  const created = await world.ollm(['key', 'create', '--for', 'opencode']);
  assert.equal(created.code, 0, created.stderr);
  assert.equal(parsed().$schema, 'https://opencode.ai/config.json');

  const jsonc = join(dirname(configPath()), 'opencode.jsonc');
  writeFileSync(jsonc, '{\n  // jsonc wins\n  "share": "disabled"\n}\n');
  const written = await world.ollm(['key', 'write', '--for', 'opencode', '--write', 'opencode', '--opencode-config', jsonc]);
  assert.equal(written.code, 0, written.stderr);
  assert.ok(readFileSync(jsonc, 'utf8').includes('// jsonc wins'));
  assert.equal((JSON5.parse(readFileSync(jsonc, 'utf8')) as any).provider.litellm.options.apiKey, '{env:OLLM_OPENCODE_API_KEY}');
});

test('hostile model ids are written so OpenCode substitutes nothing in them, and read back exactly', async () => {
  const hostile = ['{env:HOME}', '{file:~/.ssh/id_rsa}', 'a{env:GITHUB_TOKEN}b', '"quoted" \\ {file:/etc/passwd}', '__proto__', '${HOME}'];
  await world.close();
  world = await openWorld({ models: hostile });
  const created = await world.ollm(['key', 'create', '--for', 'opencode']);
  assert.equal(created.code, 0, created.stderr);
  const text = readConfig();
  assert.deepEqual(otherSubstitutions(text), [], text);
  const models = parsed(text).provider.litellm.models;
  assert.deepEqual(Object.keys(models).sort(), [...hostile].sort());
  for (const id of hostile) assert.equal(models[id].name, id);
  assert.equal(parsed(text).model, 'litellm/{env:HOME}');
  assert.ok(text.includes('"model": "litellm/\\u007benv:HOME}"'), text);

  // models sync adds such ids escaped too.
  await world.close();
  world = await openWorld({ models: ['{file:/etc/shadow}'] });
  writeConfig(text.replace(/http:\/\/127\.0\.0\.1:\d+/, world.server.url));
  const key = await world.ollm(['key', 'create', '--for', 'opencode', '--write', 'none']);
  assert.equal(key.code, 0, key.stderr);
  const synced = await world.ollm(['models', 'sync', '--for', 'opencode']);
  assert.equal(synced.code, 0, synced.stderr);
  assert.deepEqual(otherSubstitutions(readConfig()), []);
  assert.deepEqual(parsed().provider.litellm.models['{file:/etc/shadow}'], { name: '{file:/etc/shadow}' });
});

test('models sync --for opencode adds, keeps hand-made entries, reports stale ones, prunes with --prune; --dry-run writes nothing', async () => {
  await world.close();
  world = await openWorld({ models: [...MODELS, 'llama-3-70b'] });
  const created = await world.ollm(['key', 'create', '--for', 'opencode', '--models', MODELS.join(',')]);
  assert.equal(created.code, 0, created.stderr);
  const withOwn = readConfig().replace('"gpt-4o": {', '"old-model": { "name": "mine" }, // gone from the proxy\n        "gpt-4o": {');
  writeConfig(withOwn.replace('"name": "gpt-4o"', '"name": "GPT 4o (tuned)", "limit": { "context": 128000, "output": 4096 }'));
  const before = readConfig();
  // What an admin does on the proxy: let the key use one more model.
  const update = await fetch(`${world.server.url}/key/update`, {
    method: 'POST', headers: { authorization: `Bearer ${world.server.masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ key: world.server.findByAlias('opencode')!.key, models: [...MODELS, 'llama-3-70b'] }),
  });
  assert.equal(update.status, 200);
  const dry = await world.ollm(['models', 'sync', '--for', 'opencode', '--dry-run', '--json']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(readConfig(), before, '--dry-run wrote nothing');
  const plan = json(dry);
  assert.deepEqual(plan.stale, ['old-model']);
  assert.deepEqual(plan.added, ['llama-3-70b']);

  const sync = await world.ollm(['models', 'sync', '--for', 'opencode', '--json']);
  assert.equal(sync.code, 0, sync.stderr);
  const after = parsed();
  assert.deepEqual(after.provider.litellm.models['gpt-4o'], { name: 'GPT 4o (tuned)', limit: { context: 128000, output: 4096 } });
  assert.ok(readConfig().includes('// gone from the proxy'));
  assert.deepEqual(after.provider.litellm.models['old-model'], { name: 'mine' });
  assert.deepEqual(json(sync).added, plan.added);

  const prune = await world.ollm(['models', 'sync', '--for', 'opencode', '--prune', '--json']);
  assert.equal(prune.code, 0, prune.stderr);
  assert.deepEqual(json(prune).removed, ['old-model']);
  assert.equal(parsed().provider.litellm.models['old-model'], undefined);
  assert.deepEqual(parsed().provider.litellm.models['gpt-4o'], { name: 'GPT 4o (tuned)', limit: { context: 128000, output: 4096 } });
});

test('rotation leaves the env style config alone and keeps the old key 24h by default; the file style is rewritten', async () => {
  const created = await world.ollm(['key', 'create', '--for', 'opencode']);
  assert.equal(created.code, 0, created.stderr);
  const before = readConfig();
  const rotated = await world.ollm(['key', 'rotate', '--for', 'opencode', '--json']);
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.equal(json(rotated).results[0].grace, '24h');
  assert.equal(readConfig(), before, 'nothing to rewrite: the config holds only the reference');
  const human = await world.ollm(['key', 'rotate', '--for', 'opencode']);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /old key kept 24h by default: a running OpenCode keeps sending the old key until it is restarted/);
  const explicit = await world.ollm(['key', 'rotate', '--for', 'opencode', '--grace', '1h', '--json']);
  assert.equal(json(explicit).results[0].grace, '1h');

  const file = await world.ollm(['key', 'write', '--for', 'opencode', '--write', 'opencode', '--opencode-style', 'file']);
  assert.equal(file.code, 0, file.stderr);
  const first = world.heldKey('opencode')!;
  assert.equal(parsed().provider.litellm.options.apiKey, first);
  const again = await world.ollm(['key', 'rotate', '--for', 'opencode']);
  assert.equal(again.code, 0, again.stderr);
  const second = world.heldKey('opencode')!;
  assert.notEqual(second, first);
  assert.equal(parsed().provider.litellm.options.apiKey, second, 'the file style is rewritten with the new key');
});

test('revoke removes exactly what ollm wrote, and leaves a provider it did not make', async () => {
  writeConfig(HAND_WRITTEN);
  const created = await world.ollm(['key', 'create', '--for', 'opencode']);
  assert.equal(created.code, 0, created.stderr);
  const revoked = await world.ollm(['key', 'revoke', '--for', 'opencode', '--yes']);
  assert.equal(revoked.code, 0, revoked.stderr + revoked.stdout);
  const after = parsed();
  assert.equal(after.provider.litellm, undefined);
  assert.equal(after.model, undefined);
  assert.deepEqual(after, parsed(HAND_WRITTEN));
  assert.ok(readConfig().includes('"theme": "tokyonight", // the dark one'));

  // A provider.litellm the user had: only the key reference goes.
  writeConfig('{\n  "provider": {\n    "litellm": { "name": "Mine", "options": { "baseURL": "http://old/v1", "timeout": 5 } }\n  }\n}\n');
  const again = await world.ollm(['key', 'create', '--for', 'opencode', '--alias', 'oc2']);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(parsed().provider.litellm.name, 'Mine');
  const gone = await world.ollm(['key', 'revoke', '--alias', 'oc2', '--yes']);
  assert.equal(gone.code, 0, gone.stderr + gone.stdout);
  assert.deepEqual(parsed().provider.litellm.options, { baseURL: `${world.server.url}/v1`, timeout: 5 });
  assert.equal(parsed().provider.litellm.name, 'Mine');
});

test('a second alias does not take over OpenCode\'s provider without --replace; --write dotenv is refused (OpenCode reads no .env)', async () => {
  const first = await world.ollm(['key', 'create', '--for', 'opencode']);
  assert.equal(first.code, 0, first.stderr);
  const before = readConfig();
  const second = await world.ollm(['key', 'create', '--for', 'opencode', '--alias', 'other']);
  assert.equal(second.code, 2, second.stdout);
  assert.match(second.stderr, /holds the key "opencode".*--replace/s);
  assert.equal(readConfig(), before);
  assert.equal(world.server.findByAlias('other'), undefined, 'refused before the key was made');

  const dotenv = await world.ollm(['key', 'write', '--for', 'opencode', '--write', 'dotenv']);
  assert.notEqual(dotenv.code, 0);
  assert.match(dotenv.stderr, /OpenCode reads no \.env file/);
});

test('an invalid config is refused before any key exists, and left as it was', async () => {
  writeConfig('{ "provider": { oops } }');
  const created = await world.ollm(['key', 'create', '--for', 'opencode']);
  assert.equal(created.code, 1);
  assert.match(created.stderr, /line 1/);
  assert.equal(readConfig(), '{ "provider": { oops } }');
  assert.equal(world.server.findByAlias('opencode'), undefined);
  assert.ok(!existsSync(`${configPath()}.tmp`));
});

test('--write opencode,profile --profile-mode lookup: the profile line exports OLLM_OPENCODE_API_KEY from the keychain, no key on disk', async () => {
  const profile = join(world.home.dir, '.bashrc');
  writeFileSync(profile, '# mine\n');
  const created = await world.ollm(['key', 'create', '--for', 'opencode', '--write', 'opencode,profile', '--profile-mode', 'lookup', '--profile-file', profile]);
  assert.equal(created.code, 0, created.stderr);
  const key = world.heldKey('opencode')!;
  const line = readFileSync(profile, 'utf8');
  assert.match(line, /export OLLM_OPENCODE_API_KEY="\$\(.*'key' 'get' '--reveal' '--alias' 'opencode'/);
  assert.ok(!line.includes(key) && !readConfig().includes(key), 'the key is in neither file');
});

test('--default-model --for opencode sets OpenCode\'s "model", and only to a model the key may use', async () => {
  const refused = await world.ollm(['key', 'create', '--for', 'opencode', '--default-model', 'no-such-model']);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /--default-model no-such-model is not a model this key may use/);
  assert.equal(world.server.findByAlias('opencode'), undefined);
  const control = await world.ollm(['key', 'create', '--for', 'opencode', '--default-model', 'gpt-4o\n}']);
  assert.equal(control.code, 2);
  assert.match(control.stderr, /contains a newline/);
  const created = await world.ollm(['key', 'create', '--for', 'opencode', '--default-model', 'claude-sonnet-4-6']);
  assert.equal(created.code, 0, created.stderr);
  assert.equal(parsed().model, 'litellm/claude-sonnet-4-6');
});

test('a symlinked config is written through to its target (the link stays); a read-only one is refused before any key exists', async () => {
  const real = join(world.home.dir, 'dotfiles', 'opencode.json');
  mkdirSync(dirname(real), { recursive: true });
  writeFileSync(real, '{\n  // in my dotfiles repo\n  "theme": "x"\n}\n');
  mkdirSync(dirname(configPath()), { recursive: true });
  symlinkSync(real, configPath());
  const created = await world.ollm(['key', 'create', '--for', 'opencode']);
  assert.equal(created.code, 0, created.stderr);
  assert.ok(lstatSync(configPath()).isSymbolicLink(), 'the link is kept');
  assert.ok(readFileSync(real, 'utf8').includes('// in my dotfiles repo'));
  assert.equal((JSON5.parse(readFileSync(real, 'utf8')) as any).provider.litellm.options.apiKey, '{env:OLLM_OPENCODE_API_KEY}');

  const locked = join(world.home.dir, 'locked.json');
  writeFileSync(locked, '{}', { mode: 0o444 });
  const refused = await world.ollm(['key', 'create', '--for', 'opencode', '--alias', 'ro', '--opencode-config', locked, '--replace']);
  assert.equal(refused.code, 1, refused.stdout);
  assert.match(refused.stderr, /Cannot write OpenCode's config .*locked\.json: (it is read-only|permission denied)/);
  assert.equal(readFileSync(locked, 'utf8'), '{}');
  assert.equal(world.server.findByAlias('ro'), undefined, 'refused before the key was made');
});
