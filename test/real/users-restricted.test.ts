// An admin who restricted personal key creation (litellm_settings.key_generation_settings) on the
// real LiteLLM 1.108.7: a user's key still logs in (nothing tells it apart without making a key),
// and `key create` then names the restriction and its fix instead of a generic 400.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json } from '../support/fixture.ts';
import { realSuite } from '../support/real-world.ts';
import { realGate } from '../support/real-litellm-gate.ts';
import { defaultConfig } from '../real-litellm/config.ts';

const config = defaultConfig();
config.litellm_settings = { ...(config.litellm_settings as Record<string, unknown>), key_generation_settings: { personal_key_generation: { allowed_user_roles: ['proxy_admin'] } } };
const suite = realSuite({ config });

test('personal key creation restricted by the admin: key create under a user key names it, and nothing is held', realGate, async () => {
  const added = await suite.world.ollm(['user', 'add', 'pat', '--budget', '10', '--reveal', '--json']);
  assert.equal(added.code, 0, added.stderr);
  const env = suite.world.env({ LITELLM_MASTER_KEY: undefined, LITELLM_PROXY_API_KEY: json(added).key as string });
  const create = await suite.world.ollm(['key', 'create', '--alias', 'pat-bot', '--write', 'none'], { env });
  assert.equal(create.code, 1, create.stdout);
  assert.match(create.stderr, /The proxy's admin has restricted personal key creation/);
  assert.match(create.stderr, /service-account key|key_generation_settings/);
  assert.equal(suite.world.heldKey('pat-bot'), undefined);
  assert.deepEqual(await suite.world.keysByAlias('pat-bot'), []);
});
