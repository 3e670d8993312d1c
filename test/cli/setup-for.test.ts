// `ollm setup --for`: which assistants get a key, checked before any question; on a pipe, the
// commands for each chosen assistant (in-process; the terminal runs are test/cli/setup.test.ts).
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorld, json, type World } from '../support/fixture.ts';
import { snapshotTree } from '../support/cli.ts';

let world: World;

beforeEach(async () => { world = await openWorld(); });
afterEach(async () => { await world.close(); });

const env = () => world.env({ OLLM_OPENCLAW_BIN: '', PATH: '/usr/bin:/bin' });

test('--for an unknown assistant: exit 2 naming it and the ones there are; nothing asked or written', async () => {
  const before = snapshotTree(world.home.dir);
  const result = await world.ollm(['setup', '--for', 'openclaw,codx', '--json'], { env: env() });
  assert.equal(result.code, 2);
  const { error } = json(result);
  assert.equal(error.code, 'usage');
  assert.match(error.message, /--for "codx" is not an assistant ollm knows/);
  assert.match(error.hint, /Use openclaw/);
  assert.deepEqual(snapshotTree(world.home.dir), before);
});

test('on a pipe: the commands for each assistant setup would give a key, the found one with its configured style', async () => {
  mkdirSync(join(world.home.dir, '.openclaw'), { recursive: true });
  writeFileSync(join(world.home.dir, '.openclaw', 'openclaw.json'), '{}\n');
  assert.equal((await world.ollm(['config', 'set', 'style', 'keychain'], { env: env() })).code, 0);
  for (const args of [['setup'], ['setup', '--for', 'openclaw']]) {
    const result = await world.ollm(args, { env: env() });
    assert.equal(result.code, 2, args.join(' '));
    assert.ok(result.stderr.includes(`LITELLM_MASTER_KEY=… ollm key create --proxy-url ${world.server.url} --alias openclaw --budget 50 --monthly --write openclaw --openclaw-style keychain\n`), result.stderr);
    assert.ok(result.stderr.includes(`  ollm doctor --proxy-url ${world.server.url} --alias openclaw`), result.stderr);
  }
  // Its key kept out of its config: no style flag (the question is asked only for its own places).
  assert.equal((await world.ollm(['config', 'set', 'targets', 'profile'], { env: env() })).code, 0);
  const elsewhere = await world.ollm(['setup'], { env: env() });
  assert.ok(elsewhere.stderr.includes('--monthly --write profile\n'), elsewhere.stderr);
  assert.equal(world.server.keys().length, 0);
});
