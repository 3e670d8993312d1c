// Settings that change how the real LiteLLM answers: custom key values disabled by the admin,
// and a proxy with no database at all.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json } from '../support/fixture.ts';
import { defaultConfig } from '../real-litellm/config.ts';
import { startRealLiteLLM, type RealLiteLLM } from '../support/real-litellm.ts';
import { openRealWorld } from '../support/real-world.ts';
import { realGate } from '../support/real-litellm-gate.ts';


describe('general_settings.disable_custom_api_keys: true — the proxy chooses every secret', realGate, () => {
  let proxy: RealLiteLLM;
  before(async () => {
    const config = defaultConfig();
    proxy = await startRealLiteLLM({ config: { ...config, general_settings: { ...config.general_settings, disable_custom_api_keys: true } } });
  });
  after(async () => { await proxy?.stop(); });

  test('the real proxy refuses a chosen key with 403', async () => {
    const refused = await proxy.call('POST', '/key/generate', { body: { key: 'sk-chosen-by-the-client-0001', key_alias: 'probe' } });
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
  });

  test('key create and key rotate still work, and what is held here is what the proxy made', async () => {
    const world = openRealWorld(proxy);
    try {
      const created = await world.ollm(['key', 'create', '--alias', 'auto', '--budget', '5', '--write', 'none', '--json']);
      assert.equal(created.code, 0, `${created.stdout}\n${created.stderr}`);
      const first = world.heldKey('auto')!;
      assert.equal(await proxy.keyWorks(first), true);
      const rotated = await world.ollm(['key', 'rotate', '--alias', 'auto', '--json']);
      assert.equal(rotated.code, 0, `${rotated.stdout}\n${rotated.stderr}`);
      const second = world.heldKey('auto')!;
      assert.notEqual(second, first);
      assert.equal(await proxy.keyWorks(second), true, 'the rotated key works');
      assert.equal(await proxy.keyWorks(first), false, 'the old key is gone');
      assert.equal((await world.keysByAlias('auto')).length, 1, 'no orphan under the alias');
    } finally {
      world.close();
    }
  });
});

describe('a proxy with no database', realGate, () => {
  let proxy: RealLiteLLM;
  before(async () => { proxy = await startRealLiteLLM({ noDb: true }); });
  after(async () => { await proxy?.stop(); });

  test('key create and key list say the proxy has no database, so no virtual keys', async () => {
    const world = openRealWorld(proxy);
    try {
      for (const args of [['key', 'create', '--write', 'none'], ['key', 'list']]) {
        const result = await world.ollm([...args, '--json']);
        assert.equal(result.code, 1, result.stdout);
        assert.equal(json(result).error.code, 'no_database', `${args.join(' ')}: ${result.stdout}`);
        assert.match(json(result).error.message, /has no database, so it has no virtual keys/);
      }
    } finally {
      world.close();
    }
  });
});
