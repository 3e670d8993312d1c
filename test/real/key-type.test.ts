// key_type "default" on the real LiteLLM 1.108.7: ollm sends it on every /key/generate so that
// 1.110+'s default_key_generate_params.allowed_routes (applied when key_type is omitted) cannot
// leave a new key without /key/info on itself. Here: 1.108.7 accepts it and the key stays whole.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../real-litellm/config.ts';
import { startRealLiteLLM, type RealLiteLLM } from '../support/real-litellm.ts';
import { openRealWorld } from '../support/real-world.ts';
import { realGate } from '../support/real-litellm-gate.ts';

describe('key_type "default" on the real LiteLLM', realGate, () => {
  let proxy: RealLiteLLM;
  before(async () => { proxy = await startRealLiteLLM({ config: defaultConfig() }); });
  after(async () => { await proxy?.stop(); });

  test('/key/generate accepts key_type "default": the key reads its own info and calls models', async () => {
    const made = await proxy.call('POST', '/key/generate', { body: { key_alias: 'typed', key_type: 'default' } });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    const self = await proxy.call('GET', '/key/info', { key: made.body.key });
    assert.equal(self.status, 200, JSON.stringify(self.body));
    assert.equal(self.body.info.key_type, 'default');
    assert.deepEqual(self.body.info.allowed_routes ?? [], []);
  });

  test('ollm key create sends key_type "default", and the held key reads its own info', async () => {
    const world = openRealWorld(proxy);
    try {
      const created = await world.ollm(['key', 'create', '--alias', 'ollm-typed', '--write', 'none']);
      assert.equal(created.code, 0, `${created.stdout}\n${created.stderr}`);
      const generate = proxy.requests.filter((r) => r.path === '/key/generate').at(-1);
      assert.equal((generate?.body as Record<string, unknown> | undefined)?.['key_type'], 'default');
      const key = world.heldKey('ollm-typed')!;
      const self = await proxy.call('GET', '/key/info', { key });
      assert.equal(self.status, 200, JSON.stringify(self.body));
      assert.equal(self.body.info.key_type, 'default');
      assert.equal(await proxy.keyWorks(key), true);
    } finally {
      world.close();
    }
  });
});
