// Where `key create` writes the key: OpenClaw's config (three styles), a shell profile, .env —
// and how revoke takes it out again. The real OpenClaw reading these files is test/e2e.
import { beforeEach, afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, needsProcess, openWorld, spawnedTest, type World } from '../support/fixture.ts';
import { runOllm, snapshotTree, needsSecretService } from '../support/cli.ts';
import { schemaProblems } from '../support/openclaw-schema.ts';
import JSON5 from 'json5';

let world: World;

beforeEach(async (t) => { world = await openWorld({ spawned: needsProcess(t) }); });
afterEach(async () => { await world.close(); });

const configPath = () => join(world.home.dir, '.openclaw', 'openclaw.json');
/** Read as OpenClaw reads it: with the json5 package, not the parser ollm writes with. */
const readConfig = () => JSON5.parse(readFileSync(configPath(), 'utf8')) as Record<string, any>;
const generateCalls = () => world.server.requests.filter((r) => r.path === '/key/generate').length;

const COMMENTED = `// OpenClaw config, edited by hand
{
  /* the gateway */
  gateway: { port: 18789, bind: 'loopback' },
  agents: {
    defaults: {
      workspace: '~/clawd', // my workspace
    },
  },
  env: {
    ANTHROPIC_API_KEY: 'sk-legacy-flat-value', // old docs told me to do this
  },
}
`;

test('default: env.vars + litellm provider + default model in ~/.openclaw/openclaw.json, 0600 in a 0700 dir, schema-valid', async () => {
  const result = await world.ollm(['key', 'create', '--budget', '50', '--monthly', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const key = world.server.keys()[0]!.key;
  const config = readConfig();
  assert.equal(config.env.vars.LITELLM_API_KEY, key);
  assert.equal(config.models.providers.litellm.baseUrl, world.server.url);
  assert.equal(config.models.providers.litellm.apiKey, '${LITELLM_API_KEY}');
  assert.deepEqual(config.models.providers.litellm.models.map((m: { id: string }) => m.id), ['claude-sonnet-4-6', 'gpt-4o']);
  assert.equal(config.agents.defaults.model.primary, 'litellm/claude-sonnet-4-6');
  assert.deepEqual(schemaProblems(config), []);
  assert.equal(statSync(configPath()).mode & 0o777, 0o600);
  assert.equal(statSync(join(world.home.dir, '.openclaw')).mode & 0o777, 0o700);
  assert.deepEqual(json(result).targets.map((t: { kind: string }) => t.kind), ['openclaw']);
  const models = world.server.requests.find((r) => r.path === '/v1/models');
  assert.equal(models?.authKey, key, 'models are asked with the new key');
});

test('a commented config keeps every comment and setting; legacy flat env keys move to env.vars; a backup is kept', async () => {
  mkdirSync(join(world.home.dir, '.openclaw'), { recursive: true });
  writeFileSync(configPath(), COMMENTED);
  const result = await world.ollm(['key', 'create']);
  assert.equal(result.code, 0, result.stderr);
  const text = readFileSync(configPath(), 'utf8');
  for (const line of ['// OpenClaw config, edited by hand', '/* the gateway */', "gateway: { port: 18789, bind: 'loopback' },", "workspace: '~/clawd', // my workspace"]) {
    assert.ok(text.includes(line), `kept: ${line}`);
  }
  const config = readConfig();
  assert.equal(config.env.vars.ANTHROPIC_API_KEY, 'sk-legacy-flat-value');
  assert.equal(config.env.ANTHROPIC_API_KEY, undefined);
  assert.deepEqual(schemaProblems(config), []);
  assert.match(result.stdout, /moved legacy env\.ANTHROPIC_API_KEY into env\.vars/);
  const backups = readdirSync(join(world.home.dir, '.openclaw')).filter((n) => n.startsWith('openclaw.json.ollm-'));
  assert.equal(backups.length, 1);
  assert.equal(readFileSync(join(world.home.dir, '.openclaw', backups[0]!), 'utf8'), COMMENTED);
});

test('a broken, read-only or directory config stops create before /key/generate, changing nothing', async () => {
  mkdirSync(join(world.home.dir, '.openclaw'), { recursive: true });
  writeFileSync(configPath(), '{\n  gateway: { port: 18789 \n}\n');
  const before = snapshotTree(world.home.dir);
  const broken = await world.ollm(['key', 'create', '--json']);
  assert.equal(broken.code, 1);
  assert.equal(json(broken).error.code, 'openclaw_config_invalid');
  assert.match(json(broken).error.message, /openclaw\.json is not valid JSON5 at line \d+, column \d+/);

  writeFileSync(configPath(), '{}\n');
  const readonly = await world.ollm(['key', 'create', '--json'], { env: world.env({ OPENCLAW_CONFIG_READONLY: '1' }) });
  assert.equal(readonly.code, 1);
  assert.equal(json(readonly).error.code, 'openclaw_config_readonly');

  const asDir = await world.ollm(['key', 'create', '--json', '--openclaw-config', join(world.home.dir, '.openclaw')]);
  assert.equal(asDir.code, 1);
  assert.equal(json(asDir).error.code, 'openclaw_config_invalid');

  assert.equal(generateCalls(), 0);
  assert.equal(world.server.keys().length, 0);
  assert.equal(world.heldKeys().size, 0);
  const after = snapshotTree(world.home.dir);
  after.delete(configPath());
  before.delete(configPath());
  assert.deepEqual(after, before, 'no other file changed');
});

test('a symlinked config is written through to its target, the link kept', async () => {
  const dotfiles = join(world.home.dir, 'dotfiles');
  mkdirSync(dotfiles);
  mkdirSync(join(world.home.dir, '.openclaw'));
  writeFileSync(join(dotfiles, 'openclaw.json'), '{ gateway: { port: 1 } }\n');
  symlinkSync(join(dotfiles, 'openclaw.json'), configPath());
  assert.equal((await world.ollm(['key', 'create'])).code, 0);
  assert.equal(lstatSync(configPath()).isSymbolicLink(), true);
  assert.match(readFileSync(join(dotfiles, 'openclaw.json'), 'utf8'), /LITELLM_API_KEY/);
});

test('OPENCLAW_CONFIG_PATH and --openclaw-config choose the file', async () => {
  const custom = join(world.home.dir, 'custom', 'oc.json');
  assert.equal((await world.ollm(['key', 'create'], { env: world.env({ OPENCLAW_CONFIG_PATH: custom }) })).code, 0);
  assert.ok(existsSync(custom));
  assert.ok(!existsSync(configPath()));
  const flagged = join(world.home.dir, 'flag.json');
  assert.equal((await world.ollm(['key', 'create', '--alias', 'b', '--write', 'openclaw', '--openclaw-config', flagged], { env: world.env({ OPENCLAW_CONFIG_PATH: custom }) })).code, 0);
  assert.ok(existsSync(flagged));
});

test('anthropic style writes ANTHROPIC_API_KEY and the anthropic provider', async () => {
  assert.equal((await world.ollm(['key', 'create', '--openclaw-style', 'anthropic'])).code, 0);
  const config = readConfig();
  assert.equal(config.env.vars.ANTHROPIC_API_KEY, world.server.keys()[0]!.key);
  assert.equal(config.models.providers.anthropic.api, 'anthropic-messages');
  assert.equal(config.models.providers.anthropic.baseUrl, world.server.url);
  assert.equal(config.agents.defaults.model.primary, 'anthropic/claude-sonnet-4-6');
  assert.deepEqual(schemaProblems(config), []);
});

spawnedTest('keychain style: no sk- string in any file under HOME; the resolver answers OpenClaw\'s protocol', needsSecretService, async () => {
  const result = await world.ollm(['key', 'create', '--openclaw-style', 'keychain']);
  assert.equal(result.code, 0, result.stderr);
  const key = world.server.keys()[0]!.key;
  for (const [file, content] of snapshotTree(world.home.dir)) assert.doesNotMatch(content, /sk-[A-Za-z0-9_-]{10,}/, file);
  const config = readConfig();
  // OpenClaw refuses "@" in SecretRef ids, so the id is <alias>/<proxy URL>.
  const id = `openclaw/${world.server.url}`;
  assert.deepEqual(config.models.providers.litellm.apiKey, { source: 'exec', provider: 'ollm', id });
  const provider = config.secrets.providers.ollm;
  assert.equal(provider.source, 'exec');
  assert.deepEqual(provider.args, ['openclaw', 'resolve']);
  assert.ok(provider.passEnv.includes('DBUS_SESSION_BUS_ADDRESS'));
  assert.deepEqual(schemaProblems(config), []);

  const launcher = provider.command as string;
  assert.equal(statSync(launcher).mode & 0o777, 0o700);
  assert.equal(lstatSync(launcher).isSymbolicLink(), false);
  // Run it as OpenClaw does: directly, with only the passEnv variables.
  const bare: NodeJS.ProcessEnv = {};
  for (const name of provider.passEnv as string[]) if (world.env()[name] !== undefined) bare[name] = world.env()[name];
  const answer = spawnSync(launcher, provider.args, {
    env: bare, encoding: 'utf8', input: JSON.stringify({ protocolVersion: 1, provider: 'ollm', ids: [id, 'nope/http://x'] }),
  });
  assert.equal(answer.status, 0, answer.stderr);
  assert.deepEqual(JSON.parse(answer.stdout), {
    protocolVersion: 1, values: { [id]: key }, errors: { 'nope/http://x': { code: 'NOT_FOUND', message: 'ollm holds no key nope/http://x' } },
  });
  assert.equal(answer.stdout.trim().split('\n').length, 1, 'nothing but the JSON answer on stdout');
});

test('--write profile keeps exactly one block per alias; a second alias gets its own', async () => {
  const env = world.env({ SHELL: '/bin/bash' });
  assert.equal((await world.ollm(['key', 'create', '--write', 'profile'], { env })).code, 0);
  assert.equal((await world.ollm(['key', 'write', '--write', 'profile'], { env })).code, 0, 'rewrite in place');
  assert.equal((await world.ollm(['key', 'create', '--alias', 'other', '--write', 'profile'], { env })).code, 0);
  const profile = readFileSync(join(world.home.dir, '.profile'), 'utf8');
  assert.equal(profile.match(new RegExp(`>>> ollm openclaw@${world.server.url} >>>`, 'g'))?.length, 1);
  assert.equal(profile.match(new RegExp(`>>> ollm other@${world.server.url} >>>`, 'g'))?.length, 1);
  assert.ok(!existsSync(configPath()), '--write profile alone leaves OpenClaw\'s config alone');
  const sourced = spawnSync('bash', ['-c', `. ${join(world.home.dir, '.profile')}; printf %s "$LITELLM_API_KEY"`], { encoding: 'utf8' });
  assert.equal(sourced.stdout, world.server.findByAlias('other')!.key, 'the last block sourced wins');
});

test('a profile file that cannot take a write (/proc/version, /dev/null) stops create before /key/generate: no key left on the proxy', async () => {
  for (const file of ['/proc/version', '/dev/null'].filter((f) => existsSync(f))) {
    const result = await world.ollm(['key', 'create', '--write', 'profile', '--profile-file', file]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`Cannot write the shell profile ${file}`));
    assert.equal(generateCalls(), 0, `${file}: the proxy was not asked`);
    assert.equal(world.server.keys().length, 0);
    assert.ok(!world.heldKey('openclaw'), 'nothing held');
  }
});

spawnedTest('--profile-mode lookup writes no key: the shell reads it from the keychain at start', needsSecretService, async () => {
  const env = world.env({ SHELL: '/bin/zsh' });
  const result = await world.ollm(['key', 'create', '--write', 'profile', '--profile-mode', 'lookup'], { env });
  assert.equal(result.code, 0, result.stderr);
  const zshenv = join(world.home.dir, '.zshenv');
  const text = readFileSync(zshenv, 'utf8');
  assert.doesNotMatch(text, /sk-[A-Za-z0-9_-]{10,}/);
  assert.match(text, /export LITELLM_API_KEY="\$\('.*' 'key' 'get' '--reveal' '--alias' 'openclaw' '--proxy-url'/);
  const sourced = spawnSync('sh', ['-c', `. ${zshenv}; printf %s "$LITELLM_API_KEY"`], { encoding: 'utf8', env });
  assert.equal(sourced.stdout, world.server.keys()[0]!.key);
});

test('--write dotenv sets LITELLM_API_KEY in OpenClaw\'s .env, keeping other lines', async () => {
  const dotenv = join(world.home.dir, '.openclaw', '.env');
  mkdirSync(join(world.home.dir, '.openclaw'));
  writeFileSync(dotenv, '# daemon env\nOPENAI_API_KEY=sk-openai-untouched\n');
  assert.equal((await world.ollm(['key', 'create', '--write', 'dotenv'])).code, 0);
  assert.equal(readFileSync(dotenv, 'utf8'), `# daemon env\nOPENAI_API_KEY=sk-openai-untouched\nLITELLM_API_KEY=${world.server.keys()[0]!.key}\n`);
  assert.equal(statSync(dotenv).mode & 0o777, 0o600);
});

test('--write none writes nothing; bad --write values are usage errors before any request', async () => {
  assert.equal((await world.ollm(['key', 'create', '--write', 'none'])).code, 0);
  assert.ok(!existsSync(join(world.home.dir, '.openclaw')));
  const bad = await world.ollm(['key', 'create', '--alias', 'x', '--write', 'openclaw,bogus']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /"bogus" is not a place/);
  assert.equal(generateCalls(), 1);
});

test('revoke takes the key out of every recorded place, and only this key', async () => {
  const env = world.env({ SHELL: '/bin/bash' });
  assert.equal((await world.ollm(['key', 'create', '--write', 'openclaw,profile,dotenv'], { env })).code, 0);
  const dotenv = join(world.home.dir, '.openclaw', '.env');
  const result = await world.ollm(['key', 'revoke', '--yes', '--json'], { env });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(json(result).removed_from_targets.length, 3);
  assert.equal(readConfig().env, undefined);
  assert.doesNotMatch(readFileSync(join(world.home.dir, '.profile'), 'utf8'), />>> ollm/);
  assert.doesNotMatch(readFileSync(dotenv, 'utf8'), /LITELLM_API_KEY/);
  assert.equal(readConfig().models.providers.litellm.baseUrl, world.server.url, 'the provider stays for the next key');
});

test('revoke leaves a place alone when it now holds another key', async () => {
  // Two aliases taking turns in OpenClaw's config (the second with --replace).
  assert.equal((await world.ollm(['key', 'create', '--alias', 'first', '--write', 'openclaw'])).code, 0);
  assert.equal((await world.ollm(['key', 'create', '--alias', 'second', '--write', 'openclaw', '--replace'])).code, 0);
  const second = world.server.findByAlias('second')!.key;
  assert.equal(readConfig().env.vars.LITELLM_API_KEY, second);
  assert.equal((await world.ollm(['key', 'revoke', '--alias', 'first', '--yes'])).code, 0);
  assert.equal(readConfig().env.vars.LITELLM_API_KEY, second);
});

test('only the last five backups are kept', async () => {
  assert.equal((await world.ollm(['key', 'create'])).code, 0);
  for (let i = 0; i < 6; i++) assert.equal((await world.ollm(['key', 'write'])).code, 0);
  const backups = readdirSync(join(world.home.dir, '.openclaw')).filter((n) => n.startsWith('openclaw.json.ollm-'));
  assert.equal(backups.length, 5);
});

spawnedTest('exec and env hand the key to a program without writing it', needsSecretService, async () => {
  assert.equal((await world.ollm(['key', 'create', '--write', 'none'])).code, 0);
  const key = world.server.keys()[0]!.key;
  const exec = await runOllm(['exec', '--', 'sh', '-c', 'printf %s "$LITELLM_API_KEY"; exit 7'], { env: world.env() });
  assert.equal(exec.code, 7, 'exit status passes through');
  assert.equal(exec.stdout, key);
  const killed = await runOllm(['exec', '--', 'sh', '-c', 'kill -TERM $$'], { env: world.env() });
  assert.equal(killed.code, 128 + 15, 'a signal becomes 128 + its number');
  const env = await world.ollm(['env', '--shell', 'bash']);
  assert.equal(env.stdout, `export LITELLM_API_KEY='${key}'\n`);
  const fish = await world.ollm(['env', '--shell', 'fish', '--style', 'anthropic']);
  assert.equal(fish.stdout, `set -gx LITELLM_API_KEY '${key}';\nset -gx ANTHROPIC_API_KEY '${key}';\n`);
  const powershell = await world.ollm(['env', '--shell', 'powershell']);
  assert.equal(powershell.stdout, `$env:LITELLM_API_KEY = '${key}'\n`);
});

test('key write keeps the recorded style and mode: a keychain-style key never turns into plaintext', async () => {
  const env = world.env({ SHELL: '/bin/bash' });
  assert.equal((await world.ollm(['key', 'create', '--openclaw-style', 'keychain', '--write', 'openclaw,profile', '--profile-mode', 'lookup'], { env })).code, 0);
  const rewrite = await world.ollm(['key', 'write', '--json'], { env });
  assert.equal(rewrite.code, 0, rewrite.stderr);
  assert.deepEqual(json(rewrite).targets.map((t: { kind: string }) => t.kind).sort(), ['openclaw', 'profile']);
  for (const [file, content] of snapshotTree(world.home.dir)) assert.doesNotMatch(content, /sk-[A-Za-z0-9_-]{10,}/, file);
});

test('a string agents.defaults.model counts as a chosen default and is not broken', async () => {
  mkdirSync(join(world.home.dir, '.openclaw'));
  writeFileSync(configPath(), "{ agents: { defaults: { model: 'anthropic/claude-opus-4-6' } } }\n");
  const result = await world.ollm(['key', 'create']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(readConfig().agents.defaults.model, 'anthropic/claude-opus-4-6');
  assert.equal((await world.ollm(['key', 'write', '--default-model', 'gpt-4o'])).code, 0);
  assert.equal(readConfig().agents.defaults.model, 'litellm/gpt-4o');
  assert.deepEqual(schemaProblems(readConfig()), []);
});

spawnedTest('exec never hands the master key to the program, and flags after -- are the program\'s', needsSecretService, async () => {
  assert.equal((await world.ollm(['key', 'create', '--write', 'none'])).code, 0);
  const result = await runOllm(['exec', '--', 'sh', '-c', 'printf "%s|%s" "${LITELLM_MASTER_KEY:-unset}" "$1"', 'sh', '--json'], { env: world.env() });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, 'unset|--json');
});

test('switching to the keychain style leaves no plaintext key behind, not even in ollm\'s backups', async () => {
  assert.equal((await world.ollm(['key', 'create'])).code, 0);
  assert.equal((await world.ollm(['key', 'write'])).code, 0, 'a backup holding the plaintext key now exists');
  const switched = await world.ollm(['key', 'write', '--openclaw-style', 'keychain']);
  assert.equal(switched.code, 0, switched.stderr);
  assert.match(switched.stdout, /removed \d+ of ollm's backups that still held a plaintext key/);
  for (const [file, content] of snapshotTree(world.home.dir)) assert.doesNotMatch(content, /sk-[A-Za-z0-9_-]{10,}/, file);
});
