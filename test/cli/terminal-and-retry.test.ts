// Behaviour that depends on where output goes (a terminal vs a pipe), and on a flaky proxy.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openWorld, json, type World } from '../support/fixture.ts';
import { keychainEnv } from '../support/cli.ts';
import { runInTerminal } from '../support/terminal.ts';

const keychain = keychainEnv();
const needsKeychain = { skip: keychain.skip };
let world: World;

beforeEach(async () => { world = await openWorld(); });
afterEach(async () => { await world.close(); });

test('on a terminal, key info shows a coloured usage bar', needsKeychain, async () => {
  assert.equal((await world.ollm(['key', 'create', '--budget', '10', '--daily'])).code, 0);
  world.server.setSpend(world.server.keys()[0]!.key, 9);
  const result = await runInTerminal(['key', 'info'], world.env());
  assert.equal(result.code, 0, result.stdout);
  assert.match(result.stdout, /\u001b\[33m█+/, 'yellow bar at 90 %');
  assert.match(result.stdout, /90\.0 %/);
});

test('NO_COLOR and --no-color turn colour off even on a terminal', needsKeychain, async () => {
  assert.equal((await world.ollm(['key', 'create', '--budget', '10'])).code, 0);
  for (const [args, extra] of [[['key', 'info'], { NO_COLOR: '1' }], [['key', 'info', '--no-color'], {}]] as const) {
    const result = await runInTerminal([...args], world.env(extra));
    assert.equal(result.code, 0, result.stdout);
    assert.doesNotMatch(result.stdout, /\u001b\[3\dm/, `${args.join(' ')} ${JSON.stringify(extra)}`);
    assert.match(result.stdout, /Used\s+\[#*\s*\]/, 'a plain bar instead');
  }
});

test('GET requests are retried after a 5xx; the answer after the retry is used', needsKeychain, async () => {
  assert.equal((await world.ollm(['key', 'create', '--budget', '10'])).code, 0);
  world.server.override('GET', '/key/info', (_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'warming up', type: 'internal_server_error', param: null, code: '503' } }));
  });
  const result = await world.ollm(['key', 'info', '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(json(result).max_budget, 10);
  assert.equal(world.server.requests.filter((r) => r.path === '/key/info').length, 2);
});

test('POST /key/generate is never retried after a 5xx', needsKeychain, async () => {
  world.server.override('POST', '/key/generate', (_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'overloaded', type: 'internal_server_error', param: null, code: '503' } }));
  });
  const result = await world.ollm(['key', 'create', '--json']);
  assert.equal(result.code, 1);
  assert.match(json(result).error.message, /HTTP 503.*overloaded.*No key was created/);
  assert.equal(world.server.requests.filter((r) => r.path === '/key/generate').length, 1);
});
