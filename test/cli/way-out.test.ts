// When this machine and the proxy disagree, key info, key create and key rotate name the one
// command that gets out — the one the doctor gives — and a URL mismatch names the proxy the key is held for.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openWorld, json, type World } from '../support/fixture.ts';

import { deleteOnProxy } from '../support/proxy-admin.ts';

let world: World;

beforeEach(async () => { world = await openWorld(); });
afterEach(async () => { await world.close(); });

const doctorFix = async (id: string) => (json(await world.ollm(['doctor', '--alias', 'bot', '--json'], { env: world.env({ OLLM_OPENCLAW_BIN: '', PATH: '/usr/bin:/bin' }) })).checks as Array<{ id: string; fix: string | null }>).find((c) => c.id === id)!.fix!;

test('held here but deleted on the proxy: key info and key update give doctor\'s way out', async () => {
  assert.equal((await world.ollm(['key', 'create', '--alias', 'bot', '--write', 'none'])).code, 0);
  await deleteOnProxy(world, 'bot');
  const fix = await doctorFix('stored-key');
  assert.equal(fix, 'ollm key revoke --alias bot --yes && ollm key create --alias bot');
  for (const command of [['key', 'info'], ['key', 'update', '--budget', '5']]) {
    const result = await world.ollm([...command, '--alias', 'bot']);
    assert.equal(result.code, 1, `${command.join(' ')}: ${result.stderr}`);
    assert.ok(result.stderr.includes(fix), `${command.join(' ')}: ${result.stderr}`);
  }
  const info = await world.ollm(['key', 'info', '--alias', 'bot']);
  assert.match(info.stderr, /no longer has/);
});

test('on the proxy but not held here: create, info (without master key) and rotate give doctor\'s way out', async () => {
  world.server.addKey({ key_alias: 'bot' });
  const fix = await doctorFix('stored-key');
  assert.equal(fix, 'ollm key rotate --match bot --write openclaw');
  const create = await world.ollm(['key', 'create', '--alias', 'bot']);
  assert.equal(create.code, 1);
  assert.ok(create.stderr.includes(fix), create.stderr);
  const rotate = await world.ollm(['key', 'rotate', '--alias', 'bot']);
  assert.equal(rotate.code, 1);
  assert.ok(rotate.stderr.includes(fix), rotate.stderr);
  assert.ok(!rotate.stderr.includes('ollm key create'), 'no hint to create what exists');
});

test('held for http://127.0.0.1:<port> but asked for http://localhost:<port>: the proxy it is held for is named', async () => {
  assert.equal((await world.ollm(['key', 'create', '--alias', 'bot', '--write', 'none'])).code, 0);
  const other = world.server.url.replace('127.0.0.1', 'localhost');
  for (const command of [['key', 'info'], ['key', 'rotate'], ['key', 'create'], ['key', 'get']]) {
    // key info without a master key: with one it shows the proxy's record (and warns, below).
    const env = world.env(command[1] === 'info' ? { LITELLM_MASTER_KEY: undefined } : {});
    const result = await world.ollm([...command, '--alias', 'bot', '--proxy-url', other], { env });
    assert.equal(result.code, 1, `${command.join(' ')}: ${result.stderr}`);
    assert.ok(result.stderr.includes(`holds one for ${world.server.url}`), `${command.join(' ')}: ${result.stderr}`);
    assert.ok(result.stderr.includes(`--proxy-url ${world.server.url}`), `${command.join(' ')}: ${result.stderr}`);
  }
  const withMaster = await world.ollm(['key', 'info', '--alias', 'bot', '--proxy-url', other]);
  assert.equal(withMaster.code, 0, withMaster.stderr);
  assert.match(withMaster.stderr, new RegExp(`holds one for ${world.server.url.replace(/[.]/g, '\\.')}\\. Showing the proxy's record instead`));
});
