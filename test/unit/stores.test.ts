// Secret stores by name: `--store keychain|file` and its older spelling `--insecure-storage`
// choose the same store; the vault finds a secret in the opt-in store first and says so; the
// plain-text file written by earlier ollm versions still reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCompletionModel } from '../../src/completion/all-commands.ts';
import { globalOptions } from '../../src/help/global-options.ts';
import { InsecureFileStore } from '../../src/secrets/insecure-file-store.ts';
import { KeyVault } from '../../src/secrets/key-vault.ts';
import type { SecretStore } from '../../src/secrets/store.ts';
import { chosenStore, STORE_NAMES, STORES, type StoreName } from '../../src/secrets/stores.ts';
import { UsageError } from '../../src/errors.ts';

test('--store and --insecure-storage choose by name; both at once must agree', () => {
  assert.equal(chosenStore({}), 'keychain');
  assert.equal(chosenStore({ store: 'file' }), 'file');
  assert.equal(chosenStore({ insecureStorage: true }), 'file', '--insecure-storage is --store file');
  assert.equal(chosenStore({ store: 'file', insecureStorage: true }), 'file');
  assert.equal(chosenStore({ store: 'keychain', insecureStorage: false }), 'keychain');
  assert.throws(() => chosenStore({ store: 'keychain', insecureStorage: true }), (e: unknown) => e instanceof UsageError && /contradicts/.test(e.message));
});

test('the table names each store once, keychain first (the default)', () => {
  assert.deepEqual(STORE_NAMES, ['keychain', 'file']);
  assert.deepEqual(STORES.filter((s) => s.optIn).map((s) => s.name), ['file']);
  assert.equal(STORES.find((s) => s.name === 'file')!.file!({ insecureStoreFile: '/s/insecure-secrets.json' } as never), '/s/insecure-secrets.json');
});

test('completion offers the table\'s stores for --store, and --insecure-storage where it is not hidden', async () => {
  const model = await buildCompletionModel(globalOptions);
  for (const path of ['key create', 'login']) {
    const flags = model.commands.find((c) => c.path.join(' ') === path)!.flags;
    assert.deepEqual(flags.find((f) => f.name === 'store')?.values, STORE_NAMES, path);
    assert.ok(flags.some((f) => f.name === 'insecure-storage'), `${path} offers the older spelling too`);
  }
  const write = model.commands.find((c) => c.path.join(' ') === 'key write')!.flags;
  assert.deepEqual(write.find((f) => f.name === 'store')?.values, STORE_NAMES, 'key write --store moves the key there');
  assert.ok(!write.some((f) => f.name === 'insecure-storage'), 'key write keeps the older spelling hidden');
});

/** A store in memory, named like a real one. */
function memoryStore(name: StoreName, kind: SecretStore['kind']): SecretStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    name, kind, entries, description: `${name} in memory`,
    get: async (s, a) => entries.get(`${s}/${a}`) ?? null,
    set: async (s, a, v) => { entries.set(`${s}/${a}`, v); },
    checkWritable: async () => {},
    delete: async (s, a) => entries.delete(`${s}/${a}`),
  };
}

test('the vault keeps by name, finds in the opt-in store first, and announces every use of it', async () => {
  const keychain = memoryStore('keychain', 'keychain');
  const file = memoryStore('file', 'insecure-file');
  const said: string[] = [];
  const vault = new KeyVault((name) => (name === 'file' ? file : keychain), (m) => said.push(m));
  await vault.save('ollm', 'a@x', 'sk-in-keychain', 'keychain');
  assert.deepEqual(said, [], 'the keychain is not announced');
  await vault.save('ollm', 'a@x', 'sk-in-file', 'file');
  assert.match(said.pop()!, /stored in the file in memory \(--store file\)/);
  const found = await vault.find('ollm', 'a@x');
  assert.equal(found?.secret, 'sk-in-file', 'the file was chosen explicitly for the entry: asked first');
  assert.equal(found?.store.name, 'file');
  assert.deepEqual(await vault.removeEverywhere('ollm', 'a@x'), ['insecure-file', 'keychain'], 'gone from every store');
  assert.equal(await vault.find('ollm', 'a@x'), null);
});

test('a keychain that cannot be asked only matters to removeEverywhere when nothing else held the entry', async () => {
  const broken = { ...memoryStore('keychain', 'keychain'), delete: () => Promise.reject(new Error('no D-Bus session')) };
  const file = memoryStore('file', 'insecure-file');
  const vault = new KeyVault((name) => (name === 'file' ? file : broken), () => {});
  await assert.rejects(vault.removeEverywhere('ollm', 'a@x'), /no D-Bus session/);
  await vault.save('ollm', 'a@x', 'sk-file', 'file');
  assert.deepEqual(await vault.removeEverywhere('ollm', 'a@x'), ['insecure-file']);
});

test('the plain-text file as earlier versions wrote it still reads', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'ollm-stores-')), 'insecure-secrets.json');
  writeFileSync(file, '{\n  "version": 1,\n  "secrets": {\n    "ollm/openclaw@http://localhost:4000": "sk-old-format",\n    "ollm-master/http://localhost:4000": "sk-master"\n  }\n}\n', { mode: 0o600 });
  const store = new InsecureFileStore(file);
  assert.equal(store.name, 'file');
  assert.equal(await store.get('ollm', 'openclaw@http://localhost:4000'), 'sk-old-format');
  assert.equal(await store.get('ollm-master', 'http://localhost:4000'), 'sk-master');
});
