// `key rotate --all --older-than` counts from ollm's own record of the last rotation: after a
// /key/regenerate the proxy's created_at is unchanged, and would call a fresh key old.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { json, openWorld, type World } from '../support/fixture.ts';

const DAY = 86_400_000;
let world: World;
afterEach(async () => { await world.close(); });

test('a key regenerated 10 days ago is not older than 30d, though the proxy says it was created 50 days ago', async () => {
  let now = Date.now();
  world = await openWorld({ services: { now: () => new Date(now) } });
  world.server.setEnterprise(true);
  assert.equal((await world.ollm(['key', 'create'])).code, 0);
  const created = world.server.findByAlias('openclaw')!;
  now += 40 * DAY;
  const selected = async () => json(await world.ollm(['key', 'rotate', '--all', '--older-than', '30d', '--dry-run', '--json'])).plan.map((p: { key_alias: string }) => p.key_alias);
  assert.deepEqual(await selected(), ['openclaw'], '40 days after creation');
  const rotated = await world.ollm(['key', 'rotate', '--json']);
  assert.equal(json(rotated).results[0].method, 'regenerate');
  assert.equal(world.server.findByAlias('openclaw')!.created_at, created.created_at, 'regenerate leaves created_at as it was');
  now += 10 * DAY;
  assert.deepEqual(await selected(), [], 'rotated 10 days ago by ollm\'s record');
  now += 21 * DAY;
  assert.deepEqual(await selected(), ['openclaw'], '31 days after the rotation');
});
