// The revoke question through injected prompts: on a terminal the handler asks ctx.prompts.confirm,
// and its answer decides; off a terminal it refuses without asking.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import keyRevoke from '../../src/commands/key-revoke.ts';
import { findCommand } from '../../src/commands/registry.ts';
import { parseCommandLine } from '../../src/parse/parse-line.ts';
import { realPrompts, type Prompts } from '../../src/services.ts';
import { UsageError } from '../../src/errors.ts';
import { startFakeLiteLLM, type FakeLiteLLM } from '../support/litellm-server.ts';
import { unitCtx, type UnitCtx } from '../support/unit-ctx.ts';

let server: FakeLiteLLM;
let unit: UnitCtx | undefined;
beforeEach(async () => { server = await startFakeLiteLLM(); });
afterEach(async () => { unit?.cleanup(); await server.close(); });

/** A revoke whose question is answered `answer`; returns the questions asked. */
async function revoke(answer: boolean, terminal: boolean): Promise<{ questions: string[]; run: Promise<unknown> }> {
  const questions: string[] = [];
  const prompts: Prompts = { ...realPrompts, confirm: async (question) => { questions.push(question); return answer; } };
  unit = unitCtx({ proxyUrl: server.url, terminal, services: { prompts } });
  const made = server.addKey({ key_alias: 'openclaw', metadata: { ollm_managed: 'true' } });
  unit.keychain.set('ollm', `openclaw@${server.url}`, made.key);
  const args = parseCommandLine(['key', 'revoke'], findCommand(['key', 'revoke'])!, keyRevoke);
  return { questions, run: keyRevoke.handler(args as never, unit.ctx) };
}

test('"no" at the question revokes nothing and is an answer, not an error', async () => {
  const { questions, run } = await revoke(false, true);
  const result = await run as { human: string; exitCode: number };
  assert.equal(result.exitCode, 0);
  assert.equal(result.human, 'Nothing revoked.');
  assert.equal(questions.length, 1);
  assert.match(questions[0]!, new RegExp(`Delete key "openclaw" on ${server.url.replace(/[.]/g, '\\.')}\\?`));
  assert.equal(server.findByAlias('openclaw') !== undefined, true, 'the key is still on the proxy');
  assert.ok(unit!.keychain.get('ollm', `openclaw@${server.url}`), 'and still held here');
});

test('"yes" revokes: the key is gone from the proxy and from the keychain', async () => {
  const { questions, run } = await revoke(true, true);
  await run;
  assert.equal(questions.length, 1);
  assert.equal(server.findByAlias('openclaw'), undefined);
  assert.equal(unit!.keychain.get('ollm', `openclaw@${server.url}`), undefined);
});

test('off a terminal nothing is asked: refused without --yes', async () => {
  const { questions, run } = await revoke(true, false);
  await assert.rejects(run, (error: unknown) => error instanceof UsageError && /without confirmation/.test(error.message));
  assert.deepEqual(questions, []);
  assert.ok(server.findByAlias('openclaw'));
});
