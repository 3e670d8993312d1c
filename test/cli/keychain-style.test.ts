// The keychain style's promise, "no plaintext key on disk", checked where it broke (issue 12,
// items 2 and 3): a style switch leaves nothing of the previous style in force, the profile and
// .env stop holding the key, a killed write's temp file is swept, and doctor flags what is left.
import { beforeEach, afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { openWorld, json, type World } from '../support/fixture.ts';
import { needsSecretService } from '../support/cli.ts';
import { Json5Document } from '../../src/edit/json5-document.ts';
import { filesWithKeys } from '../support/key-invariants.ts';

let world: World;

beforeEach(async () => { world = await openWorld({ spawned: true }) /* OpenClaw's resolver is the binary, reading the real keychain */; });
afterEach(async () => { await world.close(); });

const configFile = () => join(world.home.dir, '.openclaw', 'openclaw.json');
const config = () => Json5Document.parse(readFileSync(configFile(), 'utf8'), 'f');

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

test('key write --openclaw-style keychain leaves no plaintext key anywhere under HOME, a killed write\'s temp file included', needsSecretService, async () => {
  const created = await world.ollm(['key', 'create', '--write', 'openclaw,profile,dotenv']);
  assert.equal(created.code, 0, created.stderr);
  const key = world.heldKey('openclaw')!;
  // What a SIGKILL between the temp file and the rename leaves.
  writeFileSync(join(world.home.dir, '.openclaw', `.openclaw.json.${deadPid()}.0badf00d.tmp`), readFileSync(configFile(), 'utf8'));
  assert.ok(filesWithKeys(world.home.dir).length >= 4);

  const result = await world.ollm(['key', 'write', '--openclaw-style', 'keychain', '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(filesWithKeys(world.home.dir), [], 'no file under HOME holds a key');
  const profile = readFileSync(join(world.home.dir, '.profile'), 'utf8');
  assert.match(profile, /'key' 'get' '--reveal'/, 'the profile looks the key up');
  assert.ok(!readFileSync(join(world.home.dir, '.openclaw', '.env'), 'utf8').includes('LITELLM_API_KEY'));
  const kinds = json(result).targets.map((t: { kind: string }) => t.kind);
  assert.deepEqual(kinds.sort(), ['dotenv', 'openclaw', 'profile']);

  // Rotation keeps it so, and the .env is no longer one of the key's targets.
  const rotated = await world.ollm(['key', 'rotate', '--json']);
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.notEqual(world.heldKey('openclaw'), key);
  assert.deepEqual(filesWithKeys(world.home.dir), []);
  assert.ok(!json(rotated).results[0].targets.some((t: string) => t.includes('.env')));
});

test('the keychain style refuses to write the key into .env or a literal profile', needsSecretService, async () => {
  const dotenv = await world.ollm(['key', 'create', '--openclaw-style', 'keychain', '--write', 'openclaw,dotenv', '--json']);
  assert.equal(dotenv.code, 2);
  assert.match(json(dotenv).error.message, /\.env can only hold it in plaintext/);
  const literal = await world.ollm(['key', 'create', '--openclaw-style', 'keychain', '--write', 'profile', '--profile-mode', 'literal', '--json']);
  assert.equal(literal.code, 2);
  assert.match(json(literal).error.message, /--profile-mode literal/);
  assert.equal(world.server.keys().length, 0, 'refused before any key was made');
});

test('anthropic → keychain removes the anthropic style\'s key, provider and default model; rotation then breaks nothing', needsSecretService, async () => {
  const created = await world.ollm(['key', 'create', '--openclaw-style', 'anthropic']);
  assert.equal(created.code, 0, created.stderr);
  assert.equal(config().get(['agents', 'defaults', 'model', 'primary']), 'anthropic/claude-sonnet-4-6');
  const switched = await world.ollm(['key', 'write', '--openclaw-style', 'keychain']);
  assert.equal(switched.code, 0, switched.stderr);
  const doc = config();
  assert.equal(doc.get(['env', 'vars', 'ANTHROPIC_API_KEY']), undefined);
  assert.equal(doc.get(['models', 'providers', 'anthropic']), undefined);
  assert.match(String(doc.get(['agents', 'defaults', 'model', 'primary'])), /^litellm\//);
  assert.equal((doc.get(['models', 'providers', 'litellm', 'apiKey']) as { source: string }).source, 'exec');
  assert.deepEqual(filesWithKeys(world.home.dir), []);

  const before = world.heldKey('openclaw')!;
  const rotated = await world.ollm(['key', 'rotate']);
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.equal(world.server.findByKey(before), undefined, 'the old key is gone');
  assert.equal(config().get(['env', 'vars', 'ANTHROPIC_API_KEY']), undefined, 'and no config holds it');
  const doctor = await world.ollm(['doctor', '--json']);
  const exec = json(doctor).checks.find((c: { id: string }) => c.id === 'exec-provider');
  assert.notEqual(exec.status, 'fail', exec.message);
});

test('anthropic → litellm leaves only the litellm style in force', needsSecretService, async () => {
  assert.equal((await world.ollm(['key', 'create', '--openclaw-style', 'anthropic'])).code, 0);
  assert.equal((await world.ollm(['key', 'write', '--openclaw-style', 'litellm'])).code, 0);
  const doc = config();
  assert.equal(doc.get(['env', 'vars', 'ANTHROPIC_API_KEY']), undefined);
  assert.equal(doc.get(['env', 'vars', 'LITELLM_API_KEY']), world.heldKey('openclaw'));
  assert.equal(doc.get(['models', 'providers', 'anthropic']), undefined);
  assert.match(String(doc.get(['agents', 'defaults', 'model', 'primary'])), /^litellm\//);
});

test('doctor flags a plaintext *_API_KEY under the keychain style', needsSecretService, async () => {
  assert.equal((await world.ollm(['key', 'create', '--openclaw-style', 'keychain'])).code, 0);
  const doc = config();
  doc.set(['env', 'vars', 'OPENAI_API_KEY'], 'sk-a-plaintext-key-someone-pasted');
  writeFileSync(configFile(), doc.toString());
  const doctor = await world.ollm(['doctor', '--json']);
  const exec = json(doctor).checks.find((c: { id: string }) => c.id === 'exec-provider');
  assert.equal(exec.status, 'fail');
  assert.match(exec.message, /env\.vars\.OPENAI_API_KEY holds a plaintext key/);
  assert.ok(!doctor.stdout.includes('sk-a-plaintext-key-someone-pasted'), 'the key itself is not printed');
});

test('switching to the keychain style with --write openclaw converts the plaintext places written before too (found by the model test)', needsSecretService, async () => {
  assert.equal((await world.ollm(['key', 'create', '--openclaw-style', 'anthropic', '--write', 'openclaw,profile,dotenv'])).code, 0);
  const result = await world.ollm(['key', 'write', '--openclaw-style', 'keychain', '--write', 'openclaw']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(filesWithKeys(world.home.dir), []);
  assert.match(readFileSync(join(world.home.dir, '.profile'), 'utf8'), /export ANTHROPIC_API_KEY="\$\(/);
});

test('rotation under the keychain style never writes plaintext to a place an older record lists', needsSecretService, async () => {
  assert.equal((await world.ollm(['key', 'create', '--openclaw-style', 'keychain'])).code, 0);
  const manifestFile = join(world.home.dir, '.local', 'state', 'ollm', 'targets.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const account = `openclaw@${world.server.url}`;
  const dotenv = join(world.home.dir, '.openclaw', '.env');
  manifest.accounts[account].push({ kind: 'dotenv', file: dotenv, variable: 'LITELLM_API_KEY' }, { kind: 'profile', file: join(world.home.dir, '.profile'), shell: 'posix', mode: 'literal', variable: 'LITELLM_API_KEY' });
  writeFileSync(manifestFile, JSON.stringify(manifest));
  writeFileSync(dotenv, `LITELLM_API_KEY=${world.heldKey('openclaw')}\n`);
  const rotated = await world.ollm(['key', 'rotate']);
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.deepEqual(filesWithKeys(world.home.dir), []);
  assert.match(readFileSync(join(world.home.dir, '.profile'), 'utf8'), /'key' 'get' '--reveal'/);
});
