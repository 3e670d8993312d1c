// Issue 12 item 7: an interrupted rotation whose old key has since gone (revoked elsewhere,
// deleted by an admin) must not block the alias forever; the doctor names the leftover journal.
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { openWorld, json } from '../support/fixture.ts';
import { startUntil } from '../support/kill-during.ts';

test('a journal whose old key is gone: doctor warns with --resume; resume settles it; the next rotate says the key is gone', async (t) => {
  // SIGKILLs the binary: the real keychain, or without a Secret Service the shared file store.
  const world = await openWorld({ spawned: true });
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--budget', '5', '--write', 'none', ...world.storeFlags])).code, 0);
  const old = world.heldKey('openclaw')!;

  // Killed after renaming the old key, before the new one exists.
  const { held } = world.server.hold({ method: 'POST', path: '/key/generate', when: 'before' });
  const { child, closed } = await startUntil(held, ['key', 'rotate'], world.env());
  child.kill('SIGKILL');
  await closed;
  world.server.cancelHolds();

  // An admin deletes the old key meanwhile.
  const deleted = await fetch(`${world.server.url}/key/delete`, {
    method: 'POST', headers: { authorization: `Bearer ${world.server.masterKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ keys: [old] }),
  });
  assert.equal(deleted.status, 200);

  const doctor = json(await world.ollm(['doctor', '--json'], { env: world.env({ OLLM_OPENCLAW_BIN: '' }) }));
  const stored = (doctor.checks as Array<{ id: string; status: string; message: string; fix: string | null }>).find((c) => c.id === 'stored-key')!;
  assert.notEqual(stored.status, 'ok');
  assert.match(stored.message, /interrupted rotation of "openclaw"/);

  const resumed = await world.ollm(['key', 'rotate', '--resume', '--json']);
  assert.equal(resumed.code, 1, resumed.stdout);
  const result = json(resumed).results[0];
  assert.equal(result.resumed ?? result.outcome?.resumed, 'rolled-back');
  assert.match(JSON.stringify(result), /is gone on the proxy/);

  // Settled: the next rotation no longer trips over the journal; it names the way out instead.
  const again = await world.ollm(['key', 'rotate', '--json']);
  assert.equal(again.code, 1, again.stdout);
  assert.equal(json(again).error?.code ?? json(again).results?.[0]?.error?.code, 'key_deleted');
  const twice = await world.ollm(['key', 'rotate', '--resume', '--json']);
  assert.doesNotMatch(twice.stdout, /interrupted rotation/);
});
