// A secret the proxy chose (it ignored ollm's, it has disable_custom_api_keys, or it regenerated)
// is outside input: ollm keeps it only if it looks like what LiteLLM makes, else deletes that key
// on the proxy again and says why, never echoing it. A held key that could not be printed exactly
// is refused by `key get --reveal` and `env`, never passed through the terminal sanitiser.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorld, type World, type WorldOptions } from '../support/fixture.ts';

/** Breaks out of backticks in a sourced .env, and sets the terminal's title when printed raw. */
const HOSTILE = "sk-'';touch /tmp/ollm-pwned;''`touch /tmp/ollm-pwned`\u001b]0;title\u0007";
const hostile = () => HOSTILE;

let world: World | undefined;
afterEach(async () => { await world?.close(); world = undefined; });
async function open(options: WorldOptions = {}): Promise<World> {
  world = await openWorld(options);
  return world;
}

const dotenvFile = (w: World) => join(w.home.dir, '.openclaw', '.env');
const stateDir = (w: World) => join(w.home.dir, '.local', 'state', 'ollm');
const journals = (w: World) => (existsSync(join(stateDir(w), 'rotations')) ? readdirSync(join(stateDir(w), 'rotations')).filter((n) => n.endsWith('.json')) : []);
const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;
const echoes = (text: string) => text.includes('touch /tmp') || text.includes('\u001b]0') || text.includes('title');

for (const [name, quirks] of [['ignores the secret ollm chose', { ignoreChosenKey: true }], ['has disable_custom_api_keys', { disableCustomApiKeys: true }]] as const) {
  test(`key create: a proxy that ${name} and makes a secret unlike LiteLLM's: the key is deleted again, nothing written, the secret not echoed`, async () => {
    const w = await open({ ...quirks, madeSecret: hostile });
    const result = await w.ollm(['key', 'create', '--write', 'openclaw,dotenv']);
    assert.equal(result.code, 1, output(result));
    assert.match(result.stderr, /does not look like a LiteLLM key/);
    assert.match(result.stderr, /deleted it from the proxy again/);
    assert.ok(!echoes(output(result)), `the secret was echoed:\n${output(result)}`);
    assert.deepEqual(w.server.keys(), [], 'no key left that nobody holds');
    assert.equal(w.heldKey('openclaw'), undefined);
    assert.deepEqual([...w.entries('ollm-pending')], [], 'nothing parked');
    assert.ok(!existsSync(dotenvFile(w)) || !readFileSync(dotenvFile(w), 'utf8').includes('touch'), 'not in .env');
  });
}

test('key rotate (re-create): a new secret unlike LiteLLM\'s is deleted again and the rotation rolled back; the old key stays', async () => {
  const w = await open();
  assert.equal((await w.ollm(['key', 'create', '--write', 'openclaw,dotenv'])).code, 0);
  const old = w.server.findByAlias('openclaw')!.key;
  w.server.setQuirks({ ignoreChosenKey: true, madeSecret: hostile });
  const result = await w.ollm(['key', 'rotate']);
  assert.equal(result.code, 1, output(result));
  assert.match(result.stderr, /does not look like a LiteLLM key/);
  assert.match(result.stderr, /rolled back; the old key is unchanged and still works/);
  assert.ok(!echoes(output(result)), `the secret was echoed:\n${output(result)}`);
  assert.deepEqual(w.server.keys().map((k) => [k.key_alias, k.key]), [['openclaw', old]], 'only the old key, with its alias');
  assert.equal(w.heldKey('openclaw'), old);
  assert.deepEqual(journals(w), [], 'the journal is settled');
  assert.match(readFileSync(dotenvFile(w), 'utf8'), new RegExp(`LITELLM_API_KEY=${old}`));
});

test('key rotate (regenerate): a new secret unlike LiteLLM\'s cannot be held, so its key is deleted and the output says the alias has no key now', async () => {
  const w = await open({ enterprise: true });
  assert.equal((await w.ollm(['key', 'create'])).code, 0);
  w.server.setQuirks({ ignoreChosenKey: true, madeSecret: hostile });
  const result = await w.ollm(['key', 'rotate']);
  assert.equal(result.code, 1, output(result));
  assert.match(result.stderr, /does not look like a LiteLLM key/);
  assert.doesNotMatch(result.stderr, /still works/);
  assert.match(result.stderr, /ollm key create --alias openclaw/);
  assert.ok(!echoes(output(result)), `the secret was echoed:\n${output(result)}`);
  assert.deepEqual(w.server.keys(), [], 'no key left that nobody holds');
  assert.deepEqual(journals(w), [], 'the journal is settled');
});

for (const args of [['key', 'get', '--reveal'], ['env'], ['env', '--shell', 'fish']]) {
  test(`${args.join(' ')}: a held key that cannot be printed exactly is refused, not printed altered`, async () => {
    const w = await open();
    assert.equal((await w.ollm(['key', 'create', '--write', 'none'])).code, 0);
    // As a proxy-chosen key held before ollm checked them would be.
    w.keychain!.set('ollm', `openclaw@${w.server.url}`, HOSTILE);
    const result = await w.ollm(args);
    assert.equal(result.code, 1, output(result));
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /cannot be printed exactly/);
    assert.match(result.stderr, /ollm key rotate/);
    assert.ok(!echoes(output(result)), `the secret was echoed:\n${output(result)}`);
  });
}

test('key get --reveal and env print a held key byte for byte', async () => {
  const w = await open();
  assert.equal((await w.ollm(['key', 'create', '--write', 'none'])).code, 0);
  const key = w.heldKey('openclaw')!;
  assert.equal((await w.ollm(['key', 'get', '--reveal'])).stdout, `${key}\n`);
  assert.equal((await w.ollm(['env', '--shell', 'bash'])).stdout, `export LITELLM_API_KEY='${key}'\n`);
});
