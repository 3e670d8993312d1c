import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keychainError } from '../../src/secrets/keychain.ts';

// Messages as @napi-rs/keyring 2.1 reports them against a real gnome-keyring (see keychain.md).
test('each real failure maps to its own code and a hint naming the way out', () => {
  const cases: Array<[string, string]> = [
    ['Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead', 'keychain_unavailable'],
    ['Platform failure: DBus error: Failed to connect to socket /tmp/x: No such file or directory', 'keychain_unavailable'],
    ['Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files', 'keychain_unavailable'],
    // The address `ollm exec` gives a child without --pass-keychain (`disabled:`): no bus at all.
    ['Platform failure: DBus error: Could not parse server address: Unknown address type (examples of valid types are "tcp" and on UNIX "unix")', 'keychain_unavailable'],
    ["Couldn't access platform storage: Secret Service: unlock prompt was dismissed", 'keychain_locked'],
    ['Platform failure: DBus error: Did not receive a reply. Possible causes include: the remote application did not send a reply', 'keychain_timeout'],
    ['keychain call timed out', 'keychain_timeout'],
  ];
  for (const [message, code] of cases) {
    const error = keychainError(new Error(message), 'store the key');
    assert.equal(error.code, code, message);
    assert.match(error.message, /^Cannot store the key: /);
  }
  assert.match(keychainError(new Error('Failed to connect to socket'), 'x').hint ?? '', /--insecure-storage/);
  assert.match(keychainError(new Error('unlock prompt was dismissed'), 'x').hint ?? '', /Unlock/);
});

test('two items for one entry (made by hand or another tool) say so, and how to find them', () => {
  // As @napi-rs/keyring reports it when gnome-keyring holds two items with ollm's attributes.
  const message = 'Entry is matched by 2 credentials: [Entry { inner: Wrapper { path: Path("/org/freedesktop/secrets/collection/login/1\\0") } }, Entry { inner: Wrapper { path: Path("/org/freedesktop/secrets/collection/login/2\\0") } }]';
  const error = keychainError(new Error(message), 'read the key openclaw@http://localhost:4000', { service: 'ollm', account: 'openclaw@http://localhost:4000' });
  assert.equal(error.code, 'keychain_ambiguous');
  assert.match(error.message, /holds 2 items for it/);
  assert.match(error.hint ?? '', /secret-tool search --all service ollm username openclaw@http:\/\/localhost:4000/);
  assert.doesNotMatch(error.hint ?? '', /--insecure-storage/, 'not the "no keychain" hint');
});
