// The tests' private Secret Service must be impossible to race: its bus activates nothing, so a
// client that calls while the keyring is away gets an error naming it, never a second, locked
// keyring daemon (what broke a whole CI run: D-Bus started one from the system's service files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { secretServiceUnavailableReason, startSecretServiceSync } from '../support/secret-service.ts';

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
