// Issue 23 item 1: rotating a blocked key must not hand out a working key. The new key is blocked
// from its first instant (/key/generate with blocked: true, or the row regenerate keeps), whatever
// the way in: one alias, --grace, --all; and the output never says a blocked key "keeps working".
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { json, openWorld, type World } from '../support/fixture.ts';

let world: World;

beforeEach(async () => { world = await openWorld(); });
afterEach(async () => { await world.close(); });

/** What the proxy answers a request made with this key (200, or 401 when blocked or unknown). */
async function statusWith(key: string): Promise<number> {
  return (await fetch(`${world.server.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } })).status;
}

async function createBlocked(alias = 'openclaw'): Promise<string> {
  assert.equal((await world.ollm(['key', 'create', '--alias', alias, '--write', 'none'])).code, 0);
  const blocked = await world.ollm(['key', 'update', '--alias', alias, '--block']);
  assert.equal(blocked.code, 0, blocked.stderr);
  return world.heldKey(alias)!;
}

test('re-create: the new key of a blocked key is blocked, and the output says so', async () => {
  const old = await createBlocked();
  const from = world.server.requests.length;
  const result = await world.ollm(['key', 'rotate']);
  assert.equal(result.code, 0, result.stderr);
  const fresh = world.heldKey('openclaw')!;
  assert.notEqual(fresh, old);
  assert.equal(world.server.findByKey(fresh)!.blocked, true, 'blocked on the proxy');
  assert.equal(await statusWith(fresh), 401, 'the new key does not work');
  const rotation = world.server.requests.slice(from);
  const generate = rotation.find((r) => r.path === '/key/generate');
  assert.equal((generate?.body as { blocked?: boolean }).blocked, true, 'made blocked by /key/generate itself, never usable');
  assert.deepEqual(rotation.filter((r) => r.path === '/key/unblock'), []);
  assert.match(result.stdout, /blocked/);
  assert.match(result.stdout, /ollm key update --unblock/);
});

test('--grace: the blocked predecessor is not said to keep working, and stays blocked', async () => {
  const old = await createBlocked();
  const result = await world.ollm(['key', 'rotate', '--grace', '1h']);
  assert.equal(result.code, 0, result.stderr);
  assert.doesNotMatch(result.stdout, /keeps working/);
  assert.match(result.stdout, /old key: blocked/);
  assert.equal(world.server.findByKey(old)!.blocked, true);
  assert.equal(await statusWith(old), 401);
  assert.equal(await statusWith(world.heldKey('openclaw')!), 401);
});

test('regenerate (Enterprise): the swapped secret stays blocked, and no grace bug is reported', async () => {
  world.server.setEnterprise(true);
  await createBlocked();
  const result = await world.ollm(['key', 'rotate', '--grace', '1h', '--json']);
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  const [outcome] = json(result).results;
  assert.equal(outcome.method, 'regenerate');
  assert.deepEqual(outcome.problems, [], 'a blocked old key refusing requests is no #27193');
  assert.equal(outcome.blocked, true);
  assert.equal(await statusWith(world.heldKey('openclaw')!), 401);
});

test('--all unblocks no key: the blocked one stays blocked, the other works', async () => {
  await createBlocked('stopped');
  assert.equal((await world.ollm(['key', 'create', '--alias', 'running', '--write', 'none'])).code, 0);
  const result = await world.ollm(['key', 'rotate', '--all', '--json']);
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  assert.equal(await statusWith(world.heldKey('stopped')!), 401);
  assert.equal(await statusWith(world.heldKey('running')!), 200);
  const byAlias = Object.fromEntries((json(result).results as Array<{ key_alias: string; blocked: boolean }>).map((r) => [r.key_alias, r.blocked]));
  assert.deepEqual(byAlias, { stopped: true, running: false });
});

test('a proxy whose /key/generate drops `blocked`: the new key is blocked before ollm holds it', async () => {
  await createBlocked();
  world.server.setQuirks({ generateIgnores: ['blocked'] });
  const from = world.server.requests.length;
  const result = await world.ollm(['key', 'rotate']);
  assert.equal(result.code, 0, result.stderr);
  const fresh = world.heldKey('openclaw')!;
  assert.equal(await statusWith(fresh), 401);
  const paths = world.server.requests.slice(from).map((r) => r.path);
  assert.ok(paths.includes('/key/block') && paths.indexOf('/key/block') < paths.indexOf('/key/delete'), `blocked before the old key was retired: ${paths.join(' ')}`);
});
