// Codex against the fake LiteLLM: `key create --for codex` writes a provider into config.toml that
// an independent TOML parser reads back, keeps the user's settings and comments, puts no key in
// the file (helper style), and the helper — run as Codex runs it, command + args without a shell,
// with a bare environment — prints the key. Rotation leaves the file alone and the helper prints
// the new key (the old one kept for Codex's refresh); revoke takes out exactly what ollm wrote.
// The key is made by the spawned binary (in the shared file store), so the helper's command names
// the real ollm entry, as on a user's machine.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as TOML from 'smol-toml';
import { openWorld, json, type World } from '../support/fixture.ts';
import { runOllm } from '../support/cli.ts';

let world: World;
beforeEach(async () => { world = await openWorld(); });
afterEach(async () => { await world.close(); });

const read = (text: string): any => JSON.parse(JSON.stringify(TOML.parse(text)));
const codexHome = () => join(world.home.dir, '.codex');
const configFile = () => join(codexHome(), 'config.toml');
const config = () => read(readFileSync(configFile(), 'utf8'));
/** No keychain: the key lives in the file store, which the spawned binary and the helper share. */
const env = (extra: NodeJS.ProcessEnv = {}) => world.env({ DBUS_SESSION_BUS_ADDRESS: 'disabled:', PATH: '/usr/bin:/bin', ...extra });
const fileStoreKey = (alias: string): string | undefined => {
  const store = JSON.parse(readFileSync(join(world.home.dir, '.local', 'state', 'ollm', 'insecure-secrets.json'), 'utf8')) as { secrets: Record<string, string> };
  return store.secrets[`ollm/${alias}@${world.server.url}`];
};

const USER_CONFIG = `# Codex settings, by hand
model = "gpt-4o" # the model I use
approval_policy = "never"

# notifications
[tui]
notifications = true

[mcp_servers.docs]
command = "npx"
args = ["-y", "docs-server"] # keep
`;

/** Codex's way: the command with its arguments, no shell, cwd its home, only what a bare environment has. */
function runHelper(auth: { command: string; args: string[] }, extra: NodeJS.ProcessEnv = {}) {
  const e = env();
  const bare = { HOME: e.HOME, XDG_CONFIG_HOME: e.XDG_CONFIG_HOME, XDG_STATE_HOME: e.XDG_STATE_HOME, DBUS_SESSION_BUS_ADDRESS: 'disabled:', ...extra };
  return spawnSync(auth.command, auth.args, { cwd: codexHome(), env: bare, encoding: 'utf8', timeout: 30_000 });
}

async function createForCodex(...flags: string[]) {
  const created = await runOllm(['key', 'create', '--for', 'codex', '--store', 'file', ...flags], { env: env() });
  assert.equal(created.code, 0, created.stderr);
  return created;
}

test('key create --for codex writes the helper provider, keeps every other setting and comment, and no key', async () => {
  mkdirSync(codexHome(), { recursive: true });
  writeFileSync(configFile(), USER_CONFIG);
  await createForCodex();
  const key = fileStoreKey('codex');
  assert.ok(key, 'the key is held under the alias "codex"');
  const text = readFileSync(configFile(), 'utf8');
  const data = read(text);
  assert.equal(data.model_provider, 'ollm');
  const provider = data.model_providers.ollm;
  assert.equal(provider.base_url, `${world.server.url}/v1`);
  assert.equal(provider.wire_api, 'responses');
  assert.equal(provider.env_key, undefined);
  assert.equal(provider.auth.command, process.execPath, 'absolute node, no PATH lookup');
  assert.match(provider.auth.args[0], /\/dist\/key-helper\.cjs$/, 'ollm\'s key helper by absolute path');
  assert.deepEqual(provider.auth.args.slice(1), ['key', 'get', '--reveal', '--alias', 'codex', '--proxy-url', world.server.url]);
  assert.equal(provider.auth.timeout_ms, 15000);
  assert.equal(provider.auth.refresh_interval_ms, 60000);
  // The user's settings read back the same, and every comment is still there.
  const before = read(USER_CONFIG);
  assert.deepEqual({ ...data, model_provider: undefined, model_providers: undefined }, { ...before, model_provider: undefined, model_providers: undefined });
  for (const comment of USER_CONFIG.match(/#.*$/gm)!) assert.ok(text.includes(comment), `kept: ${comment}`);
  assert.ok(!text.includes(key), 'no key in Codex\'s config');
  assert.equal(statSync(configFile()).mode & 0o777, 0o600);
  assert.equal(readdirSync(codexHome()).filter((n) => n.startsWith('config.toml.ollm-')).length, 1, 'a backup of the user\'s file');

  const helper = runHelper(provider.auth);
  assert.equal(helper.status, 0, helper.stderr);
  assert.equal(helper.stdout.trim(), key, 'the helper prints the key');
  assert.ok(!helper.stderr.includes(key), 'and never on stderr');
});

test('rotation leaves the helper config alone, the helper prints the new key, and the old one is kept for Codex\'s refresh', async () => {
  await createForCodex();
  const before = readFileSync(configFile(), 'utf8');
  const oldKey = fileStoreKey('codex')!;
  const rotated = await runOllm(['key', 'rotate', '--for', 'codex', '--json'], { env: env() });
  assert.equal(rotated.code, 0, rotated.stderr);
  const result = json(rotated).results[0];
  assert.equal(result.grace, '5m', 'Codex\'s minimum grace: it may send the old key until its next refresh');
  assert.equal(readFileSync(configFile(), 'utf8'), before, 'nothing to rewrite');
  const newKey = fileStoreKey('codex')!;
  assert.notEqual(newKey, oldKey);
  const helper = runHelper(read(before).model_providers.ollm.auth);
  assert.equal(helper.stdout.trim(), newKey);
  assert.ok(world.server.findByKey(oldKey), 'the old key still exists on the proxy, for its grace');
  // An explicit --grace still wins.
  const none = await runOllm(['key', 'rotate', '--for', 'codex', '--grace', '1m', '--json'], { env: env() });
  assert.equal(json(none).results[0].grace, '1m');
});

test('revoke removes exactly what ollm wrote, leaving the user\'s file byte for byte', async () => {
  mkdirSync(codexHome(), { recursive: true });
  writeFileSync(configFile(), USER_CONFIG);
  await createForCodex();
  const revoked = await world.ollm(['key', 'revoke', '--for', 'codex', '--yes'], { env: env() });
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.match(revoked.stdout, /Removed it from Codex config .*\[model_providers\.ollm\], model_provider = "ollm"/);
  assert.equal(readFileSync(configFile(), 'utf8'), USER_CONFIG);
});

test('the file style puts the key in config.toml (0600), rotation rewrites it, revoke removes it', async () => {
  await createForCodex('--codex-style', 'file');
  const key = fileStoreKey('codex')!;
  assert.equal(config().model_providers.ollm.experimental_bearer_token, key);
  assert.equal(config().model_providers.ollm.auth, undefined);
  assert.equal(statSync(configFile()).mode & 0o777, 0o600);
  const rotated = await runOllm(['key', 'rotate', '--for', 'codex'], { env: env() });
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.equal(config().model_providers.ollm.experimental_bearer_token, fileStoreKey('codex'));
  assert.notEqual(fileStoreKey('codex'), key);
  const revoked = await world.ollm(['key', 'revoke', '--for', 'codex', '--yes'], { env: env() });
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.equal(readFileSync(configFile(), 'utf8'), '');
});

test('another model_provider is not taken over silently: a warning, the doctor says so, --codex-select takes it', async () => {
  mkdirSync(codexHome(), { recursive: true });
  const mine = 'model_provider = "corp"\n\n[model_providers.corp]\nname = "Corp"\nbase_url = "https://corp.example/v1"\n';
  writeFileSync(configFile(), mine);
  const created = await createForCodex();
  assert.match(created.stderr, /chooses model_provider = "corp", so Codex does not use this key yet/);
  assert.equal(config().model_provider, 'corp');
  assert.equal(config().model_providers.corp.base_url, 'https://corp.example/v1');
  const doctor = await world.ollm(['doctor', '--for', 'codex', '--json'], { env: env() });
  const provider = json(doctor).checks.find((c: { id: string }) => c.id === 'codex-provider');
  assert.equal(provider.status, 'warn');
  assert.match(provider.message, /Codex uses model_provider = "corp"/);
  assert.match(provider.fix, /--codex-select/);
  const selected = await runOllm(['key', 'write', '--for', 'codex', '--write', 'codex', '--codex-select'], { env: env() });
  assert.equal(selected.code, 0, selected.stderr);
  assert.equal(config().model_provider, 'ollm');
});

test('doctor --for codex runs the helper as Codex does and checks its key against the proxy', async () => {
  await createForCodex();
  const doctor = await world.ollm(['doctor', '--for', 'codex', '--json'], { env: env() });
  const checks = Object.fromEntries(json(doctor).checks.map((c: { id: string }) => [c.id, c]));
  assert.equal(checks['codex-provider'].status, 'ok');
  assert.equal(checks['codex-key'].status, 'ok', checks['codex-key'].message);
  assert.match(checks['codex-key'].message, /run as Codex runs it .* the proxy accepts it/);
  assert.match(doctor.stdout, /"ok": true/);
  const human = await world.ollm(['doctor', '--for', 'codex'], { env: env() });
  assert.match(human.stdout, /Codex is set up to use this key/);
});

test('doctor finds env_key beside auth (Codex refuses it), a profile file choosing another provider, and a legacy profile line', async () => {
  await createForCodex();
  writeFileSync(configFile(), readFileSync(configFile(), 'utf8').replace('wire_api = "responses"', 'wire_api = "responses"\nenv_key = "OPENAI_API_KEY"'));
  writeFileSync(join(codexHome(), 'work.config.toml'), 'model_provider = "openai"\n');
  let checks = Object.fromEntries(json(await world.ollm(['doctor', '--for', 'codex', '--json'], { env: env() })).checks.map((c: { id: string }) => [c.id, c]));
  assert.equal(checks['codex-provider'].status, 'fail');
  assert.match(checks['codex-provider'].message, /both env_key and auth/);
  assert.equal(checks['codex-profiles'].status, 'warn');
  assert.match(checks['codex-profiles'].message, /codex --profile work \(openai\)/);
  writeFileSync(configFile(), `profile = "work"\n${readFileSync(configFile(), 'utf8')}`);
  checks = Object.fromEntries(json(await world.ollm(['doctor', '--for', 'codex', '--json'], { env: env() })).checks.map((c: { id: string }) => [c.id, c]));
  assert.match(checks['codex-provider'].message, /refuses to start/);
});

test('a helper that prints another key, or none, fails the doctor with a fix', async () => {
  await createForCodex();
  const text = readFileSync(configFile(), 'utf8').replace(/"--alias", "codex"/, '"--alias", "someone-else"');
  writeFileSync(configFile(), text);
  const checks = Object.fromEntries(json(await world.ollm(['doctor', '--for', 'codex', '--json'], { env: env() })).checks.map((c: { id: string }) => [c.id, c]));
  assert.equal(checks['codex-key'].status, 'fail');
  assert.match(checks['codex-key'].fix, /ollm key write .*--write codex/);
});

test('exec --for codex hands over LITELLM_API_KEY in the env style only', async () => {
  await createForCodex('--codex-style', 'env');
  assert.equal(config().model_providers.ollm.env_key, 'LITELLM_API_KEY');
  const shown = await world.ollm(['env', '--for', 'codex', '--json'], { env: env() });
  assert.deepEqual(json(shown).variables, ['LITELLM_API_KEY']);
  const helper = await world.ollm(['env', '--for', 'codex', '--codex-style', 'helper', '--json'], { env: env() });
  assert.deepEqual(json(helper).variables, []);
});

test('CODEX_HOME moves the config; a hostile CODEX_HOME path is only a file name, never a TOML string', async () => {
  const home = join(world.home.dir, 'co"dex $HOME `x` ${y}');
  await createForCodex();
  const moved = await runOllm(['key', 'create', '--for', 'codex', '--alias', 'codex2', '--store', 'file', '--write', 'codex'], { env: env({ CODEX_HOME: home }) });
  assert.equal(moved.code, 0, moved.stderr);
  const data = read(readFileSync(join(home, 'config.toml'), 'utf8'));
  assert.deepEqual(data.model_providers.ollm.auth.args.slice(-4), ['--alias', 'codex2', '--proxy-url', world.server.url]);
});

test('a symlinked config is written through its link; a read-only one is refused before any key exists', async () => {
  const { symlinkSync, chmodSync, lstatSync } = await import('node:fs');
  mkdirSync(codexHome(), { recursive: true });
  const real = join(world.home.dir, 'dotfiles-codex.toml');
  writeFileSync(real, USER_CONFIG);
  symlinkSync(real, configFile());
  await createForCodex();
  assert.ok(lstatSync(configFile()).isSymbolicLink(), 'the link is kept');
  assert.equal(read(readFileSync(real, 'utf8')).model_provider, 'ollm', 'its target was edited');

  chmodSync(real, 0o444);
  const refused = await runOllm(['key', 'create', '--for', 'codex', '--alias', 'codex-ro', '--store', 'file', '--write', 'codex', '--replace'], { env: env() });
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, /Cannot write Codex's config .*(read-only|permission denied)/);
  assert.equal(world.server.findByAlias('codex-ro'), undefined, 'no key was made');
});

test('another alias goes into Codex\'s config only when asked, and replaces Codex\'s key only with --replace', async () => {
  await createForCodex();
  const other = await runOllm(['key', 'create', '--for', 'codex', '--alias', 'laptop', '--store', 'file', '--json'], { env: env() });
  assert.equal(other.code, 0, other.stderr);
  assert.deepEqual(json(other).targets, [], 'not written for Codex: it uses "codex"');
  const refused = await world.ollm(['key', 'write', '--for', 'codex', '--alias', 'laptop', '--write', 'codex'], { env: env() });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /holds the key "codex"; writing "laptop" there replaces it/);
  const replaced = await world.ollm(['key', 'write', '--for', 'codex', '--alias', 'laptop', '--write', 'codex', '--replace'], { env: env() });
  assert.equal(replaced.code, 0, replaced.stderr);
  assert.ok(config().model_providers.ollm.auth.args.includes('laptop'));
});
