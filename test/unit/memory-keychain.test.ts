// The in-memory keychain must answer as @napi-rs/keyring on the Secret Service does, or in-process
// tests would pass against a keychain that does not exist: the same script of calls runs against
// both (the real one on the private Secret Service test/run.ts starts) and must give the same answers.
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { napiKeychainBackend, type KeychainBackend } from '../../src/secrets/keychain-backend.ts';
import { KeychainStore } from '../../src/secrets/keychain.ts';
import { UserError } from '../../src/errors.ts';
import { keychainEnv, needsSecretService } from '../support/cli.ts';
import { memoryKeychain } from '../support/memory-keychain.ts';

const keychain = keychainEnv();

/** Every answer of a fixed script of calls, as one list to compare. */
async function script(backend: KeychainBackend, service: string): Promise<unknown[]> {
  const a = backend(service, 'alias@http://proxy:4000');
  const b = backend(service, 'other@http://proxy:4000');
  const elsewhere = backend(`${service}-x`, 'alias@http://proxy:4000');
  const answers: unknown[] = [];
  answers.push(await a.getPassword()); // missing: null
  answers.push(await a.deleteCredential()); // nothing to delete: false
  await a.setPassword('sk-one');
  answers.push(await a.getPassword());
  answers.push(await backend(service, 'alias@http://proxy:4000').getPassword()); // a second entry object sees it
  answers.push(await b.getPassword(), await elsewhere.getPassword()); // other account, other service: apart
  await a.setPassword('sk-two'); // overwrite, not a second item
  answers.push(await a.getPassword());
  answers.push(await a.deleteCredential(), await a.deleteCredential(), await a.getPassword());
  return answers;
}

test('the in-memory keychain answers a script of calls exactly as the real Secret Service does', needsSecretService, async () => {
  process.env.DBUS_SESSION_BUS_ADDRESS = keychain.env.DBUS_SESSION_BUS_ADDRESS;
  const service = `ollm-contract-${randomUUID()}`;
  const real = await script(napiKeychainBackend, service);
  const memory = await script(memoryKeychain().backend, service);
  assert.deepEqual(memory, real);
  assert.deepEqual(real, [null, false, 'sk-one', 'sk-one', null, null, 'sk-two', true, false, null]);
});

test('through KeychainStore, an injected fault reads as the real failure would (codes, not raw messages)', async () => {
  const fake = memoryKeychain();
  const store = new KeychainStore(50, fake.backend);
  await store.set('ollm', 'a@http://p', 'sk-x');
  assert.equal(await store.get('ollm', 'a@http://p'), 'sk-x');
  assert.equal(await store.delete('ollm', 'a@http://p'), true);
  assert.equal(await store.get('ollm', 'a@http://p'), null);
  fake.failWith('Platform secure storage failure: DBus error: Failed to connect to socket /no-bus: No such file or directory');
  await assert.rejects(store.get('ollm', 'a@http://p'), (e: unknown) => e instanceof UserError && e.code === 'keychain_unavailable');
  fake.failWith(null);
  fake.hang(true);
  await assert.rejects(store.set('ollm', 'a@http://p', 'sk-y'), (e: unknown) => e instanceof UserError && e.code === 'keychain_timeout');
  fake.hang(false);
  assert.equal(await store.get('ollm', 'a@http://p'), null, 'a call that timed out stored nothing');
});
