// `--for claude-code` against the fake LiteLLM: what ollm writes into Claude Code's settings.json
// in each style (read back with JSON.parse, Claude Code's own rule), the helper run as Claude Code
// runs it, rotation (no rewrite for the helper style, a rewrite for the file style), revoke leaving
// every other setting, hostile paths, and exec/env's hand-over.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorld, json, type World } from '../support/fixture.ts';
import { needsSecretService } from '../support/cli.ts';
import { filesWithKeys } from '../support/key-invariants.ts';

let world: World | undefined;
afterEach(async () => { await world?.close(); world = undefined; });

const USER_SETTINGS = `{
  "model": "opus",
  "permissions": {
    "allow": ["Bash(npm test)"]
  },
  "env": {
    "DISABLE_TELEMETRY": "1"
  }
}
`;

function settingsFile(w: World, dir = join(w.home.dir, '.claude')): string {
  return join(dir, 'settings.json');
}

function writeUserSettings(w: World, text = USER_SETTINGS): string {
  mkdirSync(join(w.home.dir, '.claude'), { recursive: true });
  writeFileSync(settingsFile(w), text);
  return settingsFile(w);
}

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;

/** What Claude Code does with apiKeyHelper: /bin/sh -c, its stdout is the key (env: a session's, no PATH). */
function runHelper(w: World, command: string): { status: number | null; stdout: string; stderr: string } {
  const env = w.env();
  const bare = Object.fromEntries(['HOME', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME'].filter((n) => env[n]).map((n) => [n, env[n]]));
  const run = spawnSync('/bin/sh', ['-c', command], { env: bare, encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('key create --for claude-code writes apiKeyHelper + ANTHROPIC_BASE_URL, no key in any file; the helper run by /bin/sh -c prints the key; rotate rewrites nothing and the helper prints the new key; revoke leaves the rest', needsSecretService, async () => {
  world = await openWorld({ spawned: true });
  const file = writeUserSettings(world);
  const created = await world.ollm(['key', 'create', '--for', 'claude-code', '--budget', '5', '--monthly', '--json']);
  assert.equal(created.code, 0, created.stderr);
  assert.equal(json(created).key_alias, 'claude-code');
  const key = world.heldKey('claude-code')!;
  assert.ok(key);
  const settings = read(file);
  assert.equal(settings.env.ANTHROPIC_BASE_URL, world.server.url);
  assert.equal(settings.env.DISABLE_TELEMETRY, '1');
  assert.equal(settings.model, 'opus');
  assert.deepEqual(settings.permissions, { allow: ['Bash(npm test)'] });
  assert.equal(settings.env.ANTHROPIC_AUTH_TOKEN, undefined);
  assert.equal(typeof settings.apiKeyHelper, 'string');
  assert.deepEqual(filesWithKeys(world.home.dir), [], 'no file under HOME holds a key');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(world.server.keys().find((k) => k.key_alias === 'claude-code')?.max_budget, 5);

  const helped = runHelper(world, settings.apiKeyHelper);
  assert.equal(helped.status, 0, helped.stderr);
  assert.equal(helped.stdout.trim(), key);

  const before = readFileSync(file, 'utf8');
  const rotated = await world.ollm(['key', 'rotate', '--for', 'claude-code', '--json']);
  assert.equal(rotated.code, 0, rotated.stderr);
  const result = json(rotated).results[0];
  assert.equal(result.grace, '10m', 'the old key outlives Claude Code\'s helper TTL');
  const newKey = world.heldKey('claude-code')!;
  assert.notEqual(newKey, key);
  assert.equal(readFileSync(file, 'utf8'), before, 'the helper style needs no rewrite');
  assert.equal(runHelper(world, settings.apiKeyHelper).stdout.trim(), newKey);

  const revoked = await world.ollm(['key', 'revoke', '--for', 'claude-code', '--yes']);
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.equal(readFileSync(file, 'utf8'), USER_SETTINGS, 'exactly what ollm wrote is gone');
});

test('the file style writes the key into env.ANTHROPIC_AUTH_TOKEN (0600), rotation rewrites it, revoke removes only it and the proxy URL', async () => {
  world = await openWorld();
  const file = writeUserSettings(world);
  const created = await world.ollm(['key', 'create', '--for', 'claude-code', '--claude-style', 'file']);
  assert.equal(created.code, 0, created.stderr);
  const key = world.heldKey('claude-code')!;
  let settings = read(file);
  assert.equal(settings.env.ANTHROPIC_AUTH_TOKEN, key);
  assert.equal(settings.apiKeyHelper, undefined);
  assert.equal(statSync(file).mode & 0o777, 0o600);

  const rotated = await world.ollm(['key', 'rotate', '--for', 'claude-code', '--json']);
  assert.equal(rotated.code, 0, rotated.stderr);
  const newKey = world.heldKey('claude-code')!;
  settings = read(file);
  assert.equal(settings.env.ANTHROPIC_AUTH_TOKEN, newKey);
  assert.equal(settings.model, 'opus');
  assert.ok(json(rotated).results[0].targets.some((t: string) => t.includes('settings.json')));

  const revoked = await world.ollm(['key', 'revoke', '--for', 'claude-code', '--yes']);
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.equal(readFileSync(file, 'utf8'), USER_SETTINGS);
});

test('settings.json that is not strict JSON is refused before a key is made; a symlinked one is written through', async () => {
  world = await openWorld();
  const file = writeUserSettings(world, '{\n  // a comment\n  "model": "opus",\n}\n');
  const refused = await world.ollm(['key', 'create', '--for', 'claude-code', '--json']);
  assert.equal(refused.code, 1);
  assert.match(json(refused).error.message, /not a JSON object/);
  assert.equal(world.server.keys().length, 0);
  assert.equal(readFileSync(file, 'utf8'), '{\n  // a comment\n  "model": "opus",\n}\n');

  const real = join(world.home.dir, 'dotfiles', 'claude-settings.json');
  mkdirSync(join(world.home.dir, 'dotfiles'));
  writeFileSync(real, USER_SETTINGS);
  writeFileSync(file, '');
  spawnSync('rm', [file]);
  symlinkSync(real, file);
  const created = await world.ollm(['key', 'create', '--for', 'claude-code']);
  assert.equal(created.code, 0, created.stderr);
  assert.ok(lstatSync(file).isSymbolicLink());
  assert.equal(readlinkSync(file), real);
  assert.equal(read(real).env.ANTHROPIC_BASE_URL, world.server.url);
});

test('CLAUDE_CONFIG_DIR and ollm\'s state under hostile paths (spaces, quotes, $, backticks): the helper still prints the key via /bin/sh -c', needsSecretService, async () => {
  world = await openWorld({ spawned: true });
  const hostile = join(world.home.dir, 'it\'s a "dir" with $HOME and `touch PWNED` ${x}');
  const env = world.env({ CLAUDE_CONFIG_DIR: join(hostile, 'claude'), XDG_STATE_HOME: join(hostile, 'state') });
  const created = await world.ollm(['key', 'create', '--for', 'claude-code'], { env });
  assert.equal(created.code, 0, created.stderr);
  const settings = read(join(hostile, 'claude', 'settings.json'));
  const run = spawnSync('/bin/sh', ['-c', settings.apiKeyHelper], { cwd: world.home.dir, encoding: 'utf8', env: { HOME: env.HOME, DBUS_SESSION_BUS_ADDRESS: env.DBUS_SESSION_BUS_ADDRESS, XDG_CONFIG_HOME: env.XDG_CONFIG_HOME, XDG_STATE_HOME: env.XDG_STATE_HOME } });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), world.heldKey('claude-code'));
  assert.equal(existsSync(join(world.home.dir, 'PWNED')), false, 'no backtick ran');
});

test('env --for claude-code hands over ANTHROPIC_AUTH_TOKEN and ANTHROPIC_BASE_URL; another alias is not written into Claude Code\'s settings by default', async () => {
  world = await openWorld();
  assert.equal((await world.ollm(['key', 'create', '--for', 'claude-code', '--claude-style', 'file'])).code, 0);
  const printed = await world.ollm(['env', '--for', 'claude-code', '--shell', 'bash']);
  assert.equal(printed.code, 0, printed.stderr);
  const vars = spawnSync('bash', ['-c', `${printed.stdout}\nprintf '%s\\n' "$ANTHROPIC_AUTH_TOKEN" "$ANTHROPIC_BASE_URL"`], { encoding: 'utf8' }).stdout.split('\n');
  assert.deepEqual(vars.slice(0, 2), [world.heldKey('claude-code'), world.server.url]);

  const other = await world.ollm(['key', 'create', '--alias', 'second', '--for', 'claude-code', '--json']);
  assert.equal(other.code, 0, other.stderr);
  assert.equal(read(settingsFile(world)).env.ANTHROPIC_AUTH_TOKEN, world.heldKey('claude-code'), 'Claude Code keeps its own key');
  const taken = await world.ollm(['key', 'write', '--alias', 'second', '--for', 'claude-code', '--write', 'claude-code', '--json']);
  assert.equal(taken.code, 2);
  assert.match(json(taken).error.message, /hold the key "claude-code"/);
});

test('key write switches helper → file → helper: each switch takes the other style\'s entry out, and the helper style leaves no key in any file', async () => {
  world = await openWorld();
  const file = writeUserSettings(world);
  assert.equal((await world.ollm(['key', 'create', '--for', 'claude-code'])).code, 0);
  const toFile = await world.ollm(['key', 'write', '--for', 'claude-code', '--claude-style', 'file']);
  assert.equal(toFile.code, 0, toFile.stderr);
  let settings = read(file);
  assert.equal(settings.apiKeyHelper, undefined);
  assert.equal(settings.env.ANTHROPIC_AUTH_TOKEN, world.heldKey('claude-code'));
  const back = await world.ollm(['key', 'write', '--for', 'claude-code', '--claude-style', 'helper']);
  assert.equal(back.code, 0, back.stderr);
  settings = read(file);
  assert.equal(settings.env.ANTHROPIC_AUTH_TOKEN, undefined);
  assert.equal(typeof settings.apiKeyHelper, 'string');
  assert.deepEqual(filesWithKeys(world.home.dir), [], 'neither settings.json nor a backup of it holds the key');
  // The style is the key's: a bare key write keeps the helper.
  assert.equal((await world.ollm(['key', 'write', '--for', 'claude-code'])).code, 0);
  assert.equal(read(file).env.ANTHROPIC_AUTH_TOKEN, undefined);
});

test('the helper style refuses to write the key into a plaintext profile at the same time', async () => {
  world = await openWorld();
  const refused = await world.ollm(['key', 'create', '--for', 'claude-code', '--write', 'claude-code,profile', '--profile-mode', 'literal', '--json']);
  assert.equal(refused.code, 2);
  assert.match(json(refused).error.message, /helper style keeps the key out of every file/);
  assert.equal(world.server.keys().length, 0, 'refused before any key was made');
});

test('exec --for claude-code gives the program ANTHROPIC_AUTH_TOKEN and ANTHROPIC_BASE_URL, written nowhere', async () => {
  world = await openWorld({ spawned: true });
  assert.equal((await world.ollm(['key', 'create', '--for', 'claude-code', '--write', 'none', ...world.storeFlags])).code, 0);
  const run = await world.ollm(['exec', '--for', 'claude-code', '--', 'sh', '-c', 'printf "%s\\n%s\\n" "$ANTHROPIC_AUTH_TOKEN" "$ANTHROPIC_BASE_URL"']);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(run.stdout.split('\n').slice(0, 2), [world.heldKey('claude-code'), world.server.url]);
  assert.equal(existsSync(settingsFile(world)), false, '--write none: Claude Code\'s settings were not touched');
});
