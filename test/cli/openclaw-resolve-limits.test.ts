// `ollm openclaw resolve` reads what OpenClaw (or anything that can run it) pipes in: its stdin is
// capped, so is the number of ids, and each distinct id costs one keychain lookup however often
// it is asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWorld, json } from '../support/fixture.ts';

const request = (ids: string[]) => JSON.stringify({ protocolVersion: 1, provider: 'ollm', ids });

test('openclaw resolve: an id asked for many times is looked up once, and answered', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--write', 'none'])).code, 0);
  const id = `openclaw/${world.server.url}`;
  const before = world.keychain!.reads;
  const once = await world.ollm(['openclaw', 'resolve'], { input: request([id]) });
  assert.equal(once.code, 0, once.stderr);
  const single = world.keychain!.reads - before;
  const repeated = await world.ollm(['openclaw', 'resolve'], { input: request(Array(50).fill(id)) });
  assert.equal(repeated.code, 0, repeated.stderr);
  assert.equal(world.keychain!.reads - before - single, single, 'fifty asks of one id cost what one does');
  assert.equal(json(repeated).values[id], world.heldKey('openclaw'));
});

test('openclaw resolve: more than 1 MiB on stdin is refused with a clear error, nothing looked up', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  const id = `openclaw/${world.server.url}`;
  const big = request(Array(Math.ceil((1.5 * 1024 * 1024) / (id.length + 3))).fill(id));
  const before = world.keychain!.reads;
  const result = await world.ollm(['openclaw', 'resolve'], { input: big });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /more than 1 MiB on stdin/);
  assert.equal(result.stdout, '');
  assert.equal(world.keychain!.reads, before, 'no keychain lookup');
});

test('openclaw resolve: more than 256 distinct ids are refused with a clear error, nothing looked up', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  const ids = Array.from({ length: 257 }, (_, i) => `key${i}/${world.server.url}`);
  const before = world.keychain!.reads;
  const result = await world.ollm(['openclaw', 'resolve'], { input: request(ids) });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /257 ids; ollm answers at most 256/);
  assert.equal(world.keychain!.reads, before, 'no keychain lookup');
});
