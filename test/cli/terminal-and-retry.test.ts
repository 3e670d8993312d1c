// Behaviour that depends on where output goes (a terminal vs a pipe), and on a flaky proxy.
import { beforeEach, afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { json, needsProcess, openWorld, spawnedTest, type World } from '../support/fixture.ts';
import { runInTerminal } from '../support/terminal.ts';

let world: World;

beforeEach(async (t) => { world = await openWorld({ spawned: needsProcess(t) }); });
afterEach(async () => { await world.close(); });

spawnedTest('on a terminal, key info shows a coloured usage bar', {}, async () => {
  assert.equal((await world.ollm(['key', 'create', '--budget', '10', '--daily', ...world.storeFlags])).code, 0);
  world.server.setSpend(world.server.keys()[0]!.key, 9);
  const result = await runInTerminal(['key', 'info'], world.env());
  assert.equal(result.code, 0, result.stdout);
  assert.match(result.stdout, /\u001b\[33m█+/, 'yellow bar at 90 %');
  assert.match(result.stdout, /90\.0 %/);
});

spawnedTest('NO_COLOR and --no-color turn colour off even on a terminal', {}, async () => {
  assert.equal((await world.ollm(['key', 'create', '--budget', '10', ...world.storeFlags])).code, 0);
  for (const [args, extra] of [[['key', 'info'], { NO_COLOR: '1' }], [['key', 'info', '--no-color'], {}]] as const) {
    const result = await runInTerminal([...args], world.env(extra));
    assert.equal(result.code, 0, result.stdout);
    assert.doesNotMatch(result.stdout, /\u001b\[3\dm/, `${args.join(' ')} ${JSON.stringify(extra)}`);
    assert.match(result.stdout, /Used\s+\[#*\s*\]/, 'a plain bar instead');
  }
});

test('GET requests are retried after a 5xx; the answer after the retry is used', async () => {
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

test('POST /key/generate is never retried after a 5xx', async () => {
  world.server.override('POST', '/key/generate', (_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'overloaded', type: 'internal_server_error', param: null, code: '503' } }));
  });
  const result = await world.ollm(['key', 'create', '--json']);
  assert.equal(result.code, 1);
  assert.match(json(result).error.message, /HTTP 503.*overloaded.*No key was created/);
  assert.equal(world.server.requests.filter((r) => r.path === '/key/generate').length, 1);
  assert.deepEqual(world.waits, [1500], 'asked twice, 1.5 s apart, whether the key was made after all');
});

spawnedTest('bulk rotation shows a progress bar on a terminal, and nothing of it on a pipe', {}, async () => {
  for (const alias of ['a1', 'a2', 'a3']) {
    const created = await world.ollm(['key', 'create', '--alias', alias, '--write', 'none', ...world.storeFlags]);
    assert.equal(created.code, 0, created.stderr);
  }
  const onTerminal = await runInTerminal(['key', 'rotate', '--all'], world.env(), { timeoutMs: 60_000 });
  assert.equal(onTerminal.code, 0, onTerminal.stdout);
  assert.match(onTerminal.stdout, /█+░* 1\/3/, 'the bar after the first key');
  assert.match(onTerminal.stdout, /█{24} 3\/3/, 'a full bar at the end');
  assert.match(onTerminal.stdout, /\r\u001b\[K/, 'the bar line is erased before the result');

  const onPipe = await world.ollm(['key', 'rotate', '--all']);
  assert.equal(onPipe.code, 0, onPipe.stderr);
  assert.doesNotMatch(onPipe.stdout + onPipe.stderr, /[█░]|\u001b\[/);
});

spawnedTest('--quiet: no summary, no warning, no progress; errors and essential data still print', {}, async () => {
  // A stale LITELLM_API_KEY in this shell makes key create warn (see the loud run below).
  const stale = world.env({ LITELLM_API_KEY: 'sk-stale-key-from-the-shell-0000' });
  const created = await world.ollm(['key', 'create', '--budget', '5', '--quiet', ...world.storeFlags], { env: stale });
  assert.equal(created.code, 0, created.stderr);
  assert.equal(created.stdout, '');
  assert.equal(created.stderr, '');
  assert.equal(world.server.keys().length, 1, 'the work was done');
  const loud = await world.ollm(['key', 'create', '--alias', 'loud', '--budget', '5', '--write', 'openclaw', '--openclaw-config', `${world.home.dir}/other.json`, ...world.storeFlags], { env: stale });
  assert.equal(loud.code, 0, loud.stderr);
  assert.match(loud.stderr, /LITELLM_API_KEY is set in this shell's environment to another key/, 'without --quiet the same run warns');
  assert.match(loud.stdout, /Created key "loud"/);

  const info = await runInTerminal(['key', 'info', '--quiet'], world.env());
  assert.equal(info.code, 0);
  assert.equal(info.stdout.replace(/\r?\n$/, ''), '', 'nothing, even on a terminal');

  const revealed = await world.ollm(['key', 'get', '--reveal', '--quiet']);
  assert.equal(revealed.stdout.trim(), world.heldKey('openclaw'), 'the data key get exists to print');

  const rotated = await world.ollm(['key', 'rotate', '--reveal', '--quiet']);
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.ok(rotated.stdout.includes(world.heldKey('openclaw')!), '--reveal output may be the only copy of a new key: --quiet keeps it');

  const failed = await world.ollm(['key', 'info', '--alias', 'nosuchkey', '--quiet']);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /nosuchkey/, 'errors are never silenced');
});
