// `ollm exec` and the keychain: the Secret Service has no per-application access control on
// Linux, so a child on the session bus could read the master key `ollm login` saved. The child
// gets the bus only with --pass-keychain.
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { openWorld } from '../support/fixture.ts';
import { OLLM, needsSecretService } from '../support/cli.ts';

test('exec: the child cannot reach the saved master key unless --pass-keychain', needsSecretService, async (t) => {
  const world = await openWorld({ spawned: true }) /* the child reaches the real keychain over the session bus */;
  t.after(() => world.close());
  const noMaster = world.env({ LITELLM_MASTER_KEY: undefined });
  assert.equal((await world.ollm(['login'], { env: noMaster, input: `${world.server.masterKey}\n` })).code, 0);
  assert.equal((await world.ollm(['key', 'create', '--write', 'none'], { env: noMaster })).code, 0);
  // The child is ollm itself, trying what a hostile program would: use the saved master key.
  const child = [process.execPath, OLLM, 'key', 'list', '--json'];
  const denied = await world.ollm(['exec', '--', ...child], { env: noMaster });
  assert.notEqual(denied.code, 0, `the child listed the keys with the saved master key:\n${denied.stdout}`);
  assert.match(denied.stdout, /D-Bus|keychain|master key/i, "the child was refused by the keychain");
  const allowed = await world.ollm(['exec', '--pass-keychain', '--', ...child], { env: noMaster });
  assert.equal(allowed.code, 0, `--pass-keychain hands the bus over: ${allowed.stderr}`);
  assert.equal(JSON.parse(allowed.stdout).keys.length, 1);
});

test('exec: the keychain style without --pass-keychain says what is missing', needsSecretService, async (t) => {
  const world = await openWorld({ spawned: true });
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--openclaw-style', 'keychain'])).code, 0);
  const run = await world.ollm(['exec', '--', 'sh', '-c', 'printf %s "$DBUS_SESSION_BUS_ADDRESS"']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, 'disabled:');
  assert.match(run.stderr, /add --pass-keychain/);
});
