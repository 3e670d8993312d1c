// Old keys of rotations finishing together go in one /key/delete; each rotation still gets its
// own answer, also when the proxy refuses the list as a whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../src/errors.ts';
import type { Credential, LiteLLMClient } from '../../src/litellm/client.ts';
import { deleteOldKey } from '../../src/rotation/retire-batch.ts';

const master: Credential = { secret: 'sk-master', kind: 'master' };

/** A client whose /key/delete requests are answered on `release()` (all on the way), refusing what `refuse` names. */
function stubClient(refuse: (keys: string[]) => UserError | null = () => null) {
  const calls: string[][] = [];
  let onTheWay: Array<() => void> = [];
  const client = {
    deleteKeys: (_credential: Credential, keys: string[]) => {
      calls.push(keys);
      return new Promise((resolve, reject) => {
        onTheWay.push(() => {
          const error = refuse(keys);
          if (error) reject(error); else resolve({ deleted_keys: keys });
        });
      });
    },
  } as unknown as LiteLLMClient;
  const release = () => {
    const answers = onTheWay;
    onTheWay = [];
    for (const answer of answers) answer();
  };
  return { client, calls, release };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

test('the first old key goes at once; those finishing while it is on the way go together in the next request', async () => {
  const { client, calls, release } = stubClient();
  const first = deleteOldKey(client, master, 'tok-0');
  assert.deepEqual(calls, [['tok-0']], 'no waiting for company');
  const rest = ['tok-1', 'tok-2', 'tok-3'].map((t) => deleteOldKey(client, master, t));
  assert.equal(calls.length, 1, 'the others wait for the request on the way');
  release();
  await first;
  await turn();
  assert.deepEqual(calls[1], ['tok-1', 'tok-2', 'tok-3']);
  release();
  await Promise.all(rest);
});

test('a list the proxy refuses as a whole: each key is asked alone and gets its own answer', async () => {
  const gone = new UserError('No keys found', { code: 'not_found' });
  const { client, calls, release } = stubClient((keys) => (keys.includes('tok-gone') ? gone : null));
  const first = deleteOldKey(client, master, 'tok-a');
  const together = Promise.allSettled([deleteOldKey(client, master, 'tok-b'), deleteOldKey(client, master, 'tok-gone')]);
  release();
  await first;
  await turn();
  assert.deepEqual(calls[1], ['tok-b', 'tok-gone']);
  release(); // the list is refused...
  await turn();
  assert.deepEqual(calls.slice(2), [['tok-b'], ['tok-gone']], '...so each is sent alone');
  release();
  const [b, missing] = await together;
  assert.equal(b!.status, 'fulfilled');
  assert.equal(missing!.status, 'rejected');
  assert.equal((missing as PromiseRejectedResult).reason, gone);
});
