// Fleet selection in-process: which aliases `key rotate --all / --match / --older-than` takes, from
// ollm's target list and the proxy's key list, with the injected clock deciding what is "older".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectKeys } from '../../src/rotation/select.ts';
import { writeJournal } from '../../src/rotation/journal.ts';
import { proxyPerTest } from '../support/unit-ctx.ts';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const each = proxyPerTest(NOW);

/** A key on the proxy, made `age` days ago, and (when `held`) listed in ollm's target list. */
async function key(alias: string, age: number, held: boolean): Promise<void> {
  each.server.addKey({ key_alias: alias, created_at: daysAgo(age) });
  if (held) await (await each.unit.ctx.manifest()).record(`${alias}@${each.server.url}`, []);
}

const aliases = (selected: Array<{ alias: string }>) => selected.map((s) => s.alias);

test('--all takes the keys held here for this proxy, in natural order, and asks the proxy nothing', async () => {
  for (const alias of ['bot10', 'bot2', 'bot1']) await key(alias, 1, true);
  await key('elsewhere', 1, false);
  await (await each.unit.ctx.manifest()).record('other@http://another-proxy:4000', []);
  const before = each.server.requests.length;
  assert.deepEqual(aliases(await selectKeys(each.unit.ctx, { heldOnly: true })), ['bot1', 'bot2', 'bot10']);
  assert.equal(each.server.requests.length, before, 'the target list alone decides');
});

test('--all --match narrows by glob; --older-than by age on the proxy, measured from the injected clock', async () => {
  await key('laptop-a', 40, true);
  await key('laptop-b', 10, true);
  await key('server-a', 40, true);
  assert.deepEqual(aliases(await selectKeys(each.unit.ctx, { heldOnly: true, match: 'laptop-*' })), ['laptop-a', 'laptop-b']);
  assert.deepEqual(aliases(await selectKeys(each.unit.ctx, { heldOnly: true, olderThan: '30d' })), ['laptop-a', 'server-a']);
  assert.deepEqual(aliases(await selectKeys(each.unit.ctx, { heldOnly: true, match: 'laptop-?', olderThan: '30d' })), ['laptop-a']);
});

test('--match alone takes the fleet on the proxy: keys not held here come with their record; retired keys are left alone', async () => {
  await key('fleet-1', 5, true);
  await key('fleet-2', 5, false);
  await key('fleet-1-retired-20260101T000000Z', 5, false);
  await key('other', 5, false);
  const selected = await selectKeys(each.unit.ctx, { heldOnly: false, match: 'fleet-*' });
  assert.deepEqual(aliases(selected), ['fleet-1', 'fleet-2']);
  assert.equal(selected[0]!.remote, undefined, 'held here: rotated as a held key');
  assert.equal(selected[1]!.remote?.key_alias, 'fleet-2', 'not held: the proxy\'s record travels with it');
});

test('--match --older-than on the fleet uses created_at', async () => {
  await key('fleet-old', 90, false);
  await key('fleet-new', 2, false);
  assert.deepEqual(aliases(await selectKeys(each.unit.ctx, { heldOnly: false, match: 'fleet-*', olderThan: '30d' })), ['fleet-old']);
});

test('--resume also takes an alias whose rotation was interrupted, though the target list no longer names it', async () => {
  const account = `half@${each.server.url}`;
  await writeJournal(each.unit.ctx.paths.stateDir, {
    version: 1, id: 'j1', alias: 'half', account, proxy: each.server.url, method: 'recreate', step: 'started', oldToken: 't', oldMasked: 'sk-…abcd',
    newToken: '', retiredAlias: 'half-retired-x', grace: null, spend: 0, keep: 'held', startedAt: NOW.toISOString(), pid: 1,
  });
  assert.deepEqual(aliases(await selectKeys(each.unit.ctx, { heldOnly: true })), []);
  assert.deepEqual(aliases(await selectKeys(each.unit.ctx, { heldOnly: true, includeInterrupted: true })), ['half']);
});
