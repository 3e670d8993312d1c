// The one order a master key is looked for in: LITELLM_MASTER_KEY, --master-key-stdin, `ollm login`'s entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMasterKey, masterKeyOrigin, type MasterKeySources } from '../../src/keys/master-key.ts';

function sources(over: Partial<MasterKeySources> & { asked?: string[] } = {}): MasterKeySources & { asked: string[] } {
  const asked = over.asked ?? [];
  return {
    env: {},
    fromStdin: false,
    readStdin: async () => { asked.push('stdin'); return 'sk-from-stdin\n'; },
    saved: async () => { asked.push('saved'); return { secret: 'sk-saved', storeDescription: 'Secret Service keychain', kind: 'master' }; },
    identify: async () => { asked.push('identify'); return 'user'; },
    ...over,
    asked,
  };
}

test('LITELLM_MASTER_KEY wins, and nothing else is asked', async () => {
  const s = sources({ env: { LITELLM_MASTER_KEY: ' sk-env ' }, fromStdin: true });
  const found = await findMasterKey(s);
  assert.deepEqual([found?.secret, found?.origin, found?.source], ['sk-env', 'env', 'LITELLM_MASTER_KEY']);
  assert.deepEqual(s.asked, []);
  assert.equal(masterKeyOrigin(found!), 'from LITELLM_MASTER_KEY');
});

test('--master-key-stdin comes before the saved key, which is then not read', async () => {
  const s = sources({ env: { LITELLM_MASTER_KEY: '  ' }, fromStdin: true });
  const found = await findMasterKey(s);
  assert.deepEqual([found?.secret, found?.origin], ['sk-from-stdin', 'stdin']);
  assert.deepEqual(s.asked, ['stdin']);
});

test('an empty stdin under --master-key-stdin is an error, not a fall-through to the saved key', async () => {
  const s = sources({ fromStdin: true, readStdin: async () => '\n' });
  await assert.rejects(findMasterKey(s), (error: Error & { code?: string }) => error.code === 'master_key_missing' && /stdin held no key/.test(error.message));
  assert.deepEqual(s.asked, []);
});

test('else the key `ollm login` saved, named with its store; else none', async () => {
  const found = await findMasterKey(sources());
  assert.deepEqual([found?.secret, found?.origin, found?.source], ['sk-saved', 'login', 'ollm login (Secret Service keychain)']);
  assert.equal(masterKeyOrigin(found!), 'saved by `ollm login` (Secret Service keychain)');
  assert.equal(await findMasterKey(sources({ saved: async () => null })), null);
});

test('LITELLM_PROXY_API_KEY (LiteLLM\'s CLI variable) comes after LITELLM_MASTER_KEY, before stdin and the saved entry, with the kind the proxy gives it', async () => {
  const s = sources({ env: { LITELLM_PROXY_API_KEY: ' sk-user ' }, fromStdin: true });
  const found = await findMasterKey(s);
  assert.deepEqual([found?.secret, found?.kind, found?.origin, found?.source], ['sk-user', 'user', 'proxy-api-key', 'LITELLM_PROXY_API_KEY']);
  assert.deepEqual(s.asked, ['identify']);
  assert.equal(masterKeyOrigin(found!), 'from LITELLM_PROXY_API_KEY');
  const both = sources({ env: { LITELLM_MASTER_KEY: 'sk-m', LITELLM_PROXY_API_KEY: 'sk-user' } });
  assert.equal((await findMasterKey(both))?.kind, 'master');
  assert.deepEqual(both.asked, []);
});

test('the saved entry carries the kind login found it to be', async () => {
  const found = await findMasterKey(sources({ saved: async () => ({ secret: 'sk-u', storeDescription: 'file', kind: 'user' }) }));
  assert.equal(found?.kind, 'user');
});
