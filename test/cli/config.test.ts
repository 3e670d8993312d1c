// `ollm config get|set|list`: validation with the flags' own rules, atomic private writes that keep
// unknown keys, where each value comes from — and the defaults taking effect in the key commands.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorld, json, type World } from '../support/fixture.ts';

import { runInTerminal } from '../support/terminal.ts';
import JSON5 from 'json5';

let world: World;

beforeEach(async () => { world = await openWorld(); });
afterEach(async () => { await world.close(); });

const configDir = () => join(world.home.dir, '.config', 'ollm');
const configFile = () => join(configDir(), 'config.json');
const readFile = () => JSON.parse(readFileSync(configFile(), 'utf8')) as Record<string, unknown>;
/** ollm's environment without LITELLM_PROXY_URL, so the config file and the default can decide. */
const noProxyEnv = () => world.env({ LITELLM_PROXY_URL: undefined });

test('a fresh machine: every setting at its built-in default, and list/get create no file', async () => {
  const listed = await world.ollm(['config', 'list', '--json'], { env: noProxyEnv() });
  assert.equal(listed.code, 0, listed.stderr);
  const doc = json(listed);
  assert.equal(doc.config_file, configFile());
  assert.equal(doc.config_file_exists, false);
  assert.deepEqual(doc.settings.map((s: { name: string }) => s.name), ['proxy-url', 'alias', 'style', 'targets']);
  for (const setting of doc.settings) {
    assert.equal(setting.source, 'default', setting.name);
    assert.deepEqual(setting.value, setting.default, setting.name);
    assert.equal(setting.config_value, null);
  }
  const human = await world.ollm(['config', 'list'], { env: noProxyEnv() });
  assert.match(human.stdout, /^proxy-url\s+http:\/\/localhost:4000\s+built-in default$/m);
  assert.match(human.stdout, /^alias\s+openclaw\s+built-in default$/m);
  assert.match(human.stdout, /Config file: .*config\.json \(none yet/);
  const got = await world.ollm(['config', 'get', 'alias'], { env: noProxyEnv() });
  assert.equal(got.stdout, 'openclaw\n');
  assert.ok(!existsSync(configDir()), 'reading the settings writes nothing');
});

test('set writes a private file atomically, normalises the value, and keeps keys ollm does not know', async () => {
  mkdirSync(configDir(), { recursive: true });
  writeFileSync(configFile(), JSON.stringify({ futureSetting: { keep: true }, alias: 'old' }));
  const steps: Array<[string[], string, unknown]> = [
    [['proxy-url', 'https://gw.example.com/litellm/'], 'proxyUrl', 'https://gw.example.com/litellm'],
    [['alias', 'work'], 'alias', 'work'],
    [['style', 'anthropic'], 'style', 'anthropic'],
    [['targets', 'openclaw, profile,openclaw'], 'targets', ['openclaw', 'profile']],
  ];
  for (const [args, key, stored] of steps) {
    const result = await world.ollm(['config', 'set', ...args, '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(json(result).value, stored);
    assert.deepEqual(readFile()[key], stored, key);
  }
  assert.equal(json(await world.ollm(['config', 'set', 'alias', 'again', '--json'])).previous, 'work');
  assert.deepEqual(readFile().futureSetting, { keep: true }, 'an unknown key survives every write');
  assert.equal(statSync(configFile()).mode & 0o777, 0o600);
});

test('a new config dir is created 0700 and the file 0600; the human answer says where', async () => {
  const result = await world.ollm(['config', 'set', 'alias', 'laptop']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(statSync(configDir()).mode & 0o777, 0o700);
  assert.equal(statSync(configFile()).mode & 0o777, 0o600);
  assert.match(result.stdout, /✓ alias = laptop/);
  assert.ok(result.stdout.includes(`in ${configFile()}`));
  assert.doesNotMatch(result.stdout, /\u001b\[/, 'no colour on a pipe');
});

test('bad names and values are usage errors that name the fix, and nothing is written', async () => {
  mkdirSync(configDir(), { recursive: true });
  const before = JSON.stringify({ alias: 'keep-me' });
  writeFileSync(configFile(), before);
  const cases: Array<[string[], RegExp, RegExp]> = [
    [['proxyUrl', 'http://x:1'], /no setting "proxyUrl"/, /Did you mean proxy-url\?/],
    [['colour', 'on'], /no setting "colour"/, /proxy-url, alias, style, targets/],
    [['proxy-url', 'localhost:4000'], /has no scheme/, /http:\/\/localhost:4000/],
    [['proxy-url', 'http://user:pw@gw.example.com'], /contains credentials/, /Remove "user:password@"/],
    [['alias', 'two words'], /The alias "two words" contains characters ollm does not allow/, /1–63 ASCII letters/],
    [['style', 'plaintext'], /style "plaintext" is not a way ollm can hand the key to OpenClaw/, /litellm, anthropic, keychain/],
    [['targets', 'openclaw,cloud'], /targets "cloud" is not a place ollm can write to/, /openclaw, .*profile, dotenv, none/],
    [['targets', 'none,profile'], /none cannot be combined/, /either none or a list/],
    [['targets', ' , '], /targets names no target/, /comma-separated/],
    [['alias'], /needs a value/, /ollm config set alias openclaw-laptop.*--unset/],
    [['alias', 'x', '--unset'], /a value or --unset, not both/, /--unset/],
  ];
  for (const [args, message, hint] of cases) {
    const result = await world.ollm(['config', 'set', ...args]);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message, args.join(' '));
    assert.match(result.stderr, hint, args.join(' '));
    assert.equal(readFileSync(configFile(), 'utf8'), before, `${args.join(' ')} left the file alone`);
  }
  const asJson = await world.ollm(['config', 'set', 'style', 'plaintext', '--json']);
  assert.equal(json(asJson).error.code, 'usage');
});

test('--unset removes one setting and keeps the rest; unsetting what is not set changes nothing', async () => {
  await world.ollm(['config', 'set', 'alias', 'work']);
  await world.ollm(['config', 'set', 'style', 'keychain']);
  const removed = await world.ollm(['config', 'set', 'alias', '--unset', '--json']);
  assert.equal(removed.code, 0, removed.stderr);
  const { config_file: file, ...answer } = json(removed);
  assert.equal(file, configFile());
  assert.deepEqual(answer, { name: 'alias', value: null, previous: 'work', unset: true, changed: true });
  assert.deepEqual(readFile(), { style: 'keychain' });
  const again = await world.ollm(['config', 'set', 'alias', '--unset']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /alias was not set; the default is openclaw/);
  assert.deepEqual(readFile(), { style: 'keychain' });
  assert.equal((await world.ollm(['config', 'get', 'alias'])).stdout, 'openclaw\n');
});

test('precedence for the proxy URL: --proxy-url > LITELLM_PROXY_URL > config file > default, and list says which', async () => {
  assert.equal((await world.ollm(['config', 'set', 'proxy-url', 'https://from-file.example.com'])).code, 0);
  const fromFile = json(await world.ollm(['config', 'get', 'proxy-url', '--json'], { env: noProxyEnv() }));
  assert.deepEqual([fromFile.value, fromFile.source, fromFile.origin], ['https://from-file.example.com', 'config', configFile()]);
  const fromEnv = json(await world.ollm(['config', 'get', 'proxy-url', '--json'], { env: world.env({ LITELLM_PROXY_URL: 'https://from-env.example.com/' }) }));
  assert.deepEqual([fromEnv.value, fromEnv.source, fromEnv.origin, fromEnv.config_value], ['https://from-env.example.com', 'env', 'LITELLM_PROXY_URL', 'https://from-file.example.com']);
  const fromFlag = json(await world.ollm(['config', 'get', 'proxy-url', '--json', '--proxy-url', 'http://127.0.0.1:9']));
  assert.deepEqual([fromFlag.value, fromFlag.source, fromFlag.origin], ['http://127.0.0.1:9', 'flag', '--proxy-url']);
  const listed = await world.ollm(['config', 'list'], { env: world.env({ LITELLM_PROXY_URL: 'https://from-env.example.com' }) });
  assert.match(listed.stdout, /^proxy-url\s+https:\/\/from-env\.example\.com\s+env LITELLM_PROXY_URL \(overrides the config file's https:\/\/from-file\.example\.com\)$/m);
  // Setting a value that an env var overrides says so.
  const shadowed = await world.ollm(['config', 'set', 'proxy-url', 'https://other.example.com']);
  assert.match(shadowed.stdout, /LITELLM_PROXY_URL is set here and wins over the config file/);
});

test('--quiet keeps what get and list exist to print and silences set', async () => {
  await world.ollm(['config', 'set', 'targets', 'openclaw,dotenv']);
  assert.equal((await world.ollm(['config', 'get', 'targets', '--quiet'])).stdout, 'openclaw,dotenv\n');
  assert.match((await world.ollm(['config', 'list', '-q'])).stdout, /^targets\s+openclaw,dotenv\s+config file$/m);
  const set = await world.ollm(['config', 'set', 'alias', 'quiet-one', '-q']);
  assert.equal(set.code, 0, set.stderr);
  assert.equal(set.stdout, '');
  assert.equal(readFile().alias, 'quiet-one');
});

test('a hand-edited invalid value stops commands with a pointer to the fix, and config set can repair it', async () => {
  mkdirSync(configDir(), { recursive: true });
  writeFileSync(configFile(), JSON.stringify({ alias: 'bad alias!', keepMe: 1 }));
  const broken = await world.ollm(['config', 'get', 'alias', '--json']);
  assert.equal(broken.code, 1);
  assert.equal(json(broken).error.code, 'config_invalid');
  assert.match(json(broken).error.message, /invalid at "alias": The alias "bad alias!" contains characters/);
  assert.match(json(broken).error.hint, /ollm config set alias --unset/);
  const repaired = await world.ollm(['config', 'set', 'alias', 'fixed']);
  assert.equal(repaired.code, 0, repaired.stderr);
  assert.deepEqual(readFile(), { alias: 'fixed', keepMe: 1 });
  assert.equal((await world.ollm(['config', 'get', 'alias'])).stdout, 'fixed\n');
});

test('a config file that is not JSON is never overwritten', async () => {
  mkdirSync(configDir(), { recursive: true });
  writeFileSync(configFile(), '{ "alias": "x", ');
  const result = await world.ollm(['config', 'set', 'alias', 'y']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /is not valid JSON/);
  assert.equal(readFileSync(configFile(), 'utf8'), '{ "alias": "x", ');
});

test('on a terminal the list is coloured (defaults dimmed); on a pipe it is plain', async () => {
  await world.ollm(['config', 'set', 'alias', 'work']);
  const terminal = await runInTerminal(['config', 'list'], noProxyEnv());
  assert.equal(terminal.code, 0, terminal.stdout);
  assert.match(terminal.stdout, /\u001b\[1mSetting/, 'bold header');
  assert.match(terminal.stdout, /\u001b\[2mstyle\s+litellm\s+built-in default/, 'a default is dimmed');
  assert.match(terminal.stdout, /(^|\n)alias\s+work\s+config file/, 'a configured value is not dimmed');
  const piped = await world.ollm(['config', 'list'], { env: noProxyEnv() });
  assert.doesNotMatch(piped.stdout, /\u001b\[/);
});

test('help of each config command shows realistic examples and the positional syntax', async () => {
  for (const [command, usage, example] of [
    ['get', /ollm config get <name>/, /ollm config get proxy-url/],
    ['set', /ollm config set <name> \[value\]/, /ollm config set alias --unset/],
    ['list', /ollm config list/, /ollm config list --json/],
  ] as const) {
    const result = await world.ollm(['config', command, '--help']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, usage);
    assert.match(result.stdout, example);
  }
});

// The defaults taking effect: flag > config file > built-in.

test('config alias: key create, info and get use it when --alias is not given; --alias still wins', async () => {
  assert.equal((await world.ollm(['config', 'set', 'alias', 'work'])).code, 0);
  const created = await world.ollm(['key', 'create', '--budget', '5', '--write', 'none', '--json']);
  assert.equal(created.code, 0, created.stderr);
  assert.equal(world.server.keys().at(-1)!.key_alias, 'work');
  assert.ok(world.heldKey('work'), 'kept in the keychain under the configured alias');
  const info = await world.ollm(['key', 'info', '--json']);
  assert.equal(info.code, 0, info.stderr);
  assert.equal(json(info).key_alias, 'work');
  assert.equal((await world.ollm(['key', 'get', '--reveal'])).stdout.trim(), world.heldKey('work'));
  const other = await world.ollm(['key', 'info', '--alias', 'openclaw', '--json'], { env: world.env({ LITELLM_MASTER_KEY: undefined }) });
  assert.notEqual(other.code, 0, 'the flag is honoured over the config (no key "openclaw" exists)');
  assert.match(json(other).error.message, /openclaw/);
});

test('config targets and style: key create follows them; flags win; key write keeps what was written before', async () => {
  await world.ollm(['config', 'set', 'targets', 'dotenv']);
  await world.ollm(['config', 'set', 'style', 'anthropic']);
  const created = await world.ollm(['key', 'create', '--json']);
  assert.equal(created.code, 0, created.stderr);
  const key = world.server.keys().at(-1)!.key;
  assert.deepEqual(json(created).targets.map((t: { kind: string }) => t.kind), ['dotenv']);
  const dotenv = join(world.home.dir, '.openclaw', '.env');
  assert.equal(readFileSync(dotenv, 'utf8'), `ANTHROPIC_API_KEY=${key}\n`, 'the anthropic style names the variable');
  assert.ok(!existsSync(join(world.home.dir, '.openclaw', 'openclaw.json')), 'no OpenClaw config: not a configured target');

  // A flag wins over the configured targets.
  const flagged = await world.ollm(['key', 'create', '--alias', 'second', '--write', 'openclaw', '--openclaw-style', 'litellm', '--json']);
  assert.equal(flagged.code, 0, flagged.stderr);
  const config = JSON5.parse(readFileSync(join(world.home.dir, '.openclaw', 'openclaw.json'), 'utf8')) as Record<string, any>; // as OpenClaw reads it
  assert.equal(config.env.vars.LITELLM_API_KEY, world.heldKey('second'));

  // key write without flags: where and how the key was written before, even after the config changed.
  await world.ollm(['config', 'set', 'targets', 'openclaw']);
  const rewritten = await world.ollm(['key', 'write', '--json']);
  assert.equal(rewritten.code, 0, rewritten.stderr);
  assert.deepEqual(json(rewritten).targets.map((t: { kind: string }) => t.kind), ['dotenv']);
});

test('a configured keychain style with --insecure-storage is refused, naming where the style came from', async () => {
  await world.ollm(['config', 'set', 'style', 'keychain']);
  const result = await world.ollm(['key', 'create', '--insecure-storage']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /from `ollm config set style`/);
  assert.equal(world.server.requests.filter((r) => r.path === '/key/generate').length, 0);
});
