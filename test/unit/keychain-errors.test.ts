import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keychainError } from '../../src/secrets/keychain.ts';

// Messages as @napi-rs/keyring 2.1 reports them against a real gnome-keyring (see keychain.md).
test('each real failure maps to its own code and a hint naming the way out', () => {
  const cases: Array<[string, string]> = [
    ['Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead', 'keychain_unavailable'],
    ['Platform failure: DBus error: Failed to connect to socket /tmp/x: No such file or directory', 'keychain_unavailable'],
    ['Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files', 'keychain_unavailable'],
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
