// The tests' private Secret Service must be impossible to race: its bus activates nothing, so a
// client that calls while the keyring is away gets an error naming it, never a second, locked
// keyring daemon (what broke a whole CI run: D-Bus started one from the system's service files).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lookupSecret, secretServiceUnavailableReason, startSecretServiceSync, storeSecret } from '../support/secret-service.ts';
import { fileSecretService, keychainEnv, secretServiceSkip } from '../support/cli.ts';
import { guarded } from '../support/keyring-test.ts';

const unavailable = secretServiceUnavailableReason();
const skip = unavailable ? `no Secret Service: ${unavailable}` : false;

function owner(env: NodeJS.ProcessEnv): string {
  return execFileSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
    'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'], { env, encoding: 'utf8' });
}

test('ready means unlocked: a fresh keyring stores and finds an entry at once', { skip }, (t) => {
  const service = startSecretServiceSync();
  t.after(() => service.stop());
  const env = { PATH: process.env.PATH, ...service.env };
  const store = spawnSync('secret-tool', ['store', '--label', 'x', 'service', 'ollm-harness', 'username', 'a'], { env, input: 'sk-harness', encoding: 'utf8' });
  assert.equal(store.status, 0, store.stderr);
  assert.deepEqual(service.search('ollm-harness').map((item) => item.secret), ['sk-harness']);
});

test('with its keyring gone, the bus starts no other one: calls fail with ServiceUnknown', { skip }, (t) => {
  const service = startSecretServiceSync();
  t.after(() => service.stop());
  const env = { PATH: process.env.PATH, ...service.env };
  process.kill(service.keyringPid, 'SIGKILL');
  // The bus drops the name when the daemon's connection closes; poll the bus, not the clock.
  const deadline = Date.now() + 10_000;
  while (owner(env).includes('boolean true') && Date.now() < deadline) spawnSync('sleep', ['0.02']);
  assert.match(owner(env), /boolean false/);

  const store = spawnSync('secret-tool', ['store', '--label', 'x', 'service', 'ollm-harness', 'username', 'a'], { env, input: 'sk-harness', encoding: 'utf8', timeout: 10_000 });
  assert.notEqual(store.status, 0);
  assert.match(store.stderr, /org\.freedesktop\.secrets was not provided by any \.service files|ServiceUnknown/);
  // Nothing was activated in its place.
  assert.match(owner(env), /boolean false/);
});

// The guard of test/support/keyring-test.ts: a test under which the file's keyring crashed runs
// once more on a restarted keyring that still holds the entries; any other failure is final.
const guardedSkip = secretServiceSkip();
let attempts = 0;
test('a test under which its keyring crashed runs again, on a restarted keyring with the same entries', { skip: guardedSkip }, (t) => {
  const crashes = mkdtempSync(join(tmpdir(), 'ollm-crashes-'));
  const daemons = process.env.OLLM_TEST_DAEMONS_DIR;
  process.env.OLLM_TEST_DAEMONS_DIR = crashes;
  t.after(() => {
    process.env.OLLM_TEST_DAEMONS_DIR = daemons;
    rmSync(crashes, { recursive: true, force: true });
  });
  const env = { PATH: process.env.PATH, ...keychainEnv().env };
  const service = fileSecretService()!;
  storeSecret(env, 'ollm-harness', 'kept', 'sk-kept');
  const body = async () => {
    attempts += 1;
    if (attempts === 1) {
      process.kill(service.keyringPid, 'SIGKILL');
      const deadline = Date.now() + 10_000;
      while (service.keyringRuns() && Date.now() < deadline) spawnSync('sleep', ['0.02']);
      throw new Error('the first attempt met a dead keyring');
    }
  };
  const diagnostics: string[] = [];
  return guarded('crash', body)({ diagnostic: (line: string) => diagnostics.push(line) } as unknown as TestContext).then(() => {
    assert.equal(attempts, 2);
    assert.equal(service.keyringRuns(), true);
    assert.equal(lookupSecret(env, 'ollm-harness', 'kept'), 'sk-kept');
    assert.match(diagnostics.join('\n'), /crashed during this test.*The first attempt failed: Error: the first attempt met a dead keyring/);
    const records = readdirSync(crashes).filter((name) => name.startsWith('crash-'));
    assert.equal(records.length, 1);
    assert.match(readFileSync(join(crashes, records[0]!), 'utf8'), /secret-service-harness\.test\.ts: gnome-keyring-daemon \d+ died during "crash"/);
  });
});

test('a test that fails while its keyring runs fails at once, without a second attempt', { skip: guardedSkip }, async () => {
  keychainEnv();
  let runs = 0;
  const failure = new Error('a real failure');
  await assert.rejects(guarded('plain failure', () => { runs += 1; throw failure; })({ diagnostic() {} } as unknown as TestContext), (error) => error === failure);
  assert.equal(runs, 1);
});
