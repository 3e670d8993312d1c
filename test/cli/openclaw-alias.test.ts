// Several keys on one machine: only OpenClaw's alias is written for OpenClaw unless asked, a
// different alias's key there is replaced only with --replace, rotation keeps OpenClaw on its
// alias, and the doctor leaves keys written nowhere out of the OpenClaw checks.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorld, json, type World } from '../support/fixture.ts';

let world: World;

beforeEach(async () => { world = await openWorld(); });
afterEach(async () => { await world.close(); });

const configFile = () => join(world.home.dir, '.openclaw', 'openclaw.json');
const openClawKey = () => /"LITELLM_API_KEY":\s*"([^"]+)"/.exec(readFileSync(configFile(), 'utf8'))?.[1];
const env = () => world.env({ OLLM_OPENCLAW_BIN: '', PATH: '/usr/bin:/bin' });

async function ollm(args: string[]) {
  return world.ollm(args, { env: env() });
}

test('a second alias is not written for OpenClaw by default, and says how it would be', async () => {
  assert.equal((await ollm(['key', 'create'])).code, 0);
  const mine = world.heldKey('openclaw');
  const second = await ollm(['key', 'create', '--alias', 't1', '--json']);
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(json(second).targets, [], 't1 is kept in the keychain only');
  assert.equal(openClawKey(), mine, 'OpenClaw keeps the "openclaw" key');
  const human = await ollm(['key', 'create', '--alias', 't2']);
  assert.match(human.stdout, /Not written for OpenClaw: it uses "openclaw"\. To make "t2" OpenClaw's key: ollm key write --alias t2 --write openclaw --replace/);
});

test('the configured alias is OpenClaw\'s', async () => {
  assert.equal((await ollm(['config', 'set', 'alias', 'laptop'])).code, 0);
  assert.equal((await ollm(['key', 'create'])).code, 0);
  assert.equal(openClawKey(), world.heldKey('laptop'));
  assert.equal((await ollm(['key', 'create', '--alias', 'openclaw'])).code, 0);
  assert.equal(openClawKey(), world.heldKey('laptop'), '"openclaw" is just another alias now');
});

test('writing another alias where OpenClaw\'s key is written names the key it replaces and needs --replace', async () => {
  assert.equal((await ollm(['key', 'create'])).code, 0);
  const refused = await ollm(['key', 'create', '--alias', 't1', '--write', 'openclaw']);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /holds the key "openclaw"; writing "t1" there replaces it/);
  assert.match(refused.stderr, /--replace/);
  assert.equal(world.server.findByAlias('t1'), undefined, 'nothing was created');
  assert.equal((await ollm(['key', 'create', '--alias', 't1', '--write', 'none'])).code, 0);
  const write = await ollm(['key', 'write', '--alias', 't1', '--write', 'openclaw']);
  assert.equal(write.code, 2, 'key write asks the same');
  const replaced = await ollm(['key', 'write', '--alias', 't1', '--write', 'openclaw', '--replace']);
  assert.equal(replaced.code, 0, replaced.stderr);
  assert.equal(openClawKey(), world.heldKey('t1'));
  // "openclaw" no longer owns the config: rotating it leaves OpenClaw on t1.
  const rotated = await ollm(['key', 'rotate', '--all']);
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.equal(openClawKey(), world.heldKey('t1'));
});

test('rotate --all leaves OpenClaw on the alias it was on', async () => {
  assert.equal((await ollm(['key', 'create'])).code, 0);
  for (const alias of ['t1', 't2']) assert.equal((await ollm(['key', 'create', '--alias', alias])).code, 0);
  const before = world.heldKey('openclaw');
  const rotated = await ollm(['key', 'rotate', '--all', '--json']);
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.notEqual(world.heldKey('openclaw'), before, 'rotated');
  assert.equal(openClawKey(), world.heldKey('openclaw'));
});

test('doctor skips the OpenClaw checks for a key written nowhere and names the alias OpenClaw uses', async () => {
  assert.equal((await ollm(['key', 'create'])).code, 0);
  assert.equal((await ollm(['key', 'create', '--alias', 'bot', '--write', 'none'])).code, 0);
  const result = await ollm(['doctor', '--alias', 'bot', '--json']);
  const checks = json(result).checks as Array<{ id: string; status: string; message: string; fix: string | null }>;
  for (const id of ['openclaw-config', 'openclaw-provider', 'openclaw-key', 'exec-provider']) {
    const check = checks.find((c) => c.id === id)!;
    assert.equal(check.status, 'skip', `${id}: ${check.message}`);
    assert.equal(check.message, '"bot" is not written for OpenClaw (kept in the keychain only); OpenClaw uses "openclaw" (`ollm doctor`).');
  }
  assert.equal(checks.find((c) => c.id === 'stored-key')!.status, 'ok');
  assert.ok(!checks.some((c) => c.fix?.includes('--write openclaw')), 'no fix points OpenClaw at "bot"');
});
