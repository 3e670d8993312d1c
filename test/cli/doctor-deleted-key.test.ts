// Issue 23 item 2: a key deleted on the proxy is archived by LiteLLM 1.108.7, and /key/info about it
// answers 200 with status "deleted" to the master key. The doctor must call that key deleted, not
// valid: every request with it gets 401. (In-process: no fix here is run as printed.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, openWorld } from '../support/fixture.ts';
import { deleteOnProxy } from '../support/proxy-admin.ts';

interface Check { id: string; status: string; message: string; fix: string | null }

test('a key deleted on the proxy fails the stored-key check, with and without the master key, naming the way out', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--alias', 'gone', '--write', 'none'])).code, 0);
  await deleteOnProxy(world, 'gone');
  for (const masterKey of [world.server.masterKey!, undefined]) {
    const result = await world.ollm(['doctor', '--alias', 'gone', '--json'], { env: world.env({ OLLM_OPENCLAW_BIN: '', LITELLM_MASTER_KEY: masterKey }) });
    const stored = json<{ checks: Check[] }>(result).checks.find((c) => c.id === 'stored-key')!;
    assert.equal(stored.status, 'fail', `${masterKey ? 'with' : 'without'} the master key: ${stored.message}`);
    assert.equal(result.code, 1);
    assert.equal(stored.fix, 'ollm key revoke --alias gone --yes && ollm key create --alias gone');
    // With the master key the archive says when; without it the proxy only says it does not know the key.
    assert.match(stored.message, masterKey ? /was deleted on the proxy \d{4}-\d\d-\d\d/ : /does not know the stored key/);
  }
});
