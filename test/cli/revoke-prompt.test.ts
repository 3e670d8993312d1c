// The revoke question on a terminal: it names OpenClaw only for a key written for OpenClaw, and
// "no" is an answer (exit 0, "Nothing revoked."), not an error.
import { beforeEach, afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { openWorld, type World } from '../support/fixture.ts';
import { startInTerminal } from '../support/terminal.ts';

let world: World;

beforeEach(async () => { world = await openWorld({ spawned: true }) /* a pseudo-terminal needs a process */; });
afterEach(async () => { await world.close(); });

async function answerRevoke(alias: string, answer: string) {
  const session = startInTerminal(['key', 'revoke', '--alias', alias], world.env());
  const question = await session.waitFor(/\[y\/N\] /);
  session.type(answer);
  return { question, result: await session.done };
}

test('a key written for OpenClaw: the question says OpenClaw stops working; "n" revokes nothing, exit 0', async () => {
  assert.equal((await world.ollm(['key', 'create', ...world.storeFlags])).code, 0);
  const { question, result } = await answerRevoke('openclaw', 'n\r');
  assert.match(question, /Delete key "openclaw" on http:\/\/127\.0\.0\.1:\d+\? OpenClaw will stop working with it\./);
  assert.equal(result.code, 0, result.stdout);
  assert.match(result.stdout, /Nothing revoked\./);
  assert.doesNotMatch(result.stdout, /error/i);
  assert.equal(world.server.keys().length, 1, 'still on the proxy');
  assert.equal(world.heldKeys().size, 1, 'still held here');
});

test('a key written nowhere for OpenClaw: the question does not mention OpenClaw; "y" revokes', async () => {
  assert.equal((await world.ollm(['key', 'create', '--alias', 'bot', '--write', 'none', ...world.storeFlags])).code, 0);
  const { question, result } = await answerRevoke('bot', 'y\r');
  assert.doesNotMatch(question, /OpenClaw/);
  assert.match(question, /Delete key "bot" on .*\? Whatever uses it will stop working\./);
  assert.equal(result.code, 0, result.stdout);
  assert.match(result.stdout, /Deleted key "bot"/);
  assert.equal(world.server.keys().length, 0);
});
