// Which assistants `ollm setup` gives a key, and the questions it asks for each: `--for`, the
// found ones preselected, the question only when there is a choice; one key each, with the
// assistant's own question (OpenClaw's style) only for an assistant that has one and only when
// its key goes to its own places. A second assistant is a stand-in here: the interview reads
// nothing but the contract, so it asks the same of every adapter in the list.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Assistant } from '../../src/assistants/assistant.ts';
import { openClaw } from '../../src/assistants/openclaw/index.ts';
import { ASSISTANTS } from '../../src/composition/assistants.ts';
import { UsageError } from '../../src/errors.ts';
import { realPrompts, type Prompts } from '../../src/services.ts';
import { parseAssistantList, setupChoice } from '../../src/setup/chosen-assistants.ts';
import { interview } from '../../src/setup/interview.ts';
import { doctorStep, keyCreateStep, shellLine } from '../../src/setup/plan.ts';
import { unitCtx, type UnitCtx } from '../support/unit-ctx.ts';

/** A second assistant with none of OpenClaw's places and no question of its own. */
const other = { ...openClaw, name: 'other', displayName: 'Other', targetKinds: [], defaultTargets: ['profile'], claim: undefined, setupQuestion: undefined } as unknown as Assistant;
const all = [openClaw, other] as readonly Assistant[];

let unit: UnitCtx | undefined;
afterEach(() => unit?.cleanup());

test('--for: the names given, comma-separated or repeated, each once in the order given; an unknown name is a usage error', () => {
  assert.deepEqual(parseAssistantList(['other,openclaw', 'other'], all).map((a) => a.name), ['other', 'openclaw']);
  assert.throws(() => parseAssistantList(['openclaw,codx'], all), (error: unknown) => error instanceof UsageError && /--for "codx" is not an assistant ollm knows/.test(error.message) && /openclaw, other/.test(error.hint ?? ''));
});

test('the choice: --for decides without a question; else the found ones, asked only when more than one is found; none found: the default one', () => {
  const names = (c: ReturnType<typeof setupChoice>) => [c.preselected.map((a) => a.name), c.ask];
  assert.deepEqual(names(setupChoice(all, [true, true], ['other'])), [['other'], false]);
  assert.deepEqual(names(setupChoice(all, [true, true], undefined)), [['openclaw', 'other'], true]);
  assert.deepEqual(names(setupChoice(all, [false, true], undefined)), [['other'], false]);
  assert.deepEqual(names(setupChoice(all, [false, false], undefined)), [['openclaw'], false]);
  assert.deepEqual(names(setupChoice(all, [false, false], [])), [['openclaw'], false]);
});

/** The interview with scripted answers: each question matched in turn; the questions asked and the values offered are recorded. */
async function scripted(script: Array<[RegExp, string]>, choice: { preselected: Assistant[]; ask: boolean }) {
  const asked: Array<{ question: string; initial: string | undefined }> = [];
  const prompts: Prompts = {
    ...realPrompts,
    line: async (question, _in, _out, options) => {
      const plain = question.replace(/\u001b\[[0-9;]*m/g, '');
      asked.push({ question: plain, initial: options?.initial });
      const [pattern, answer] = script.shift() ?? [/$^/, ''];
      assert.match(plain, pattern, `question ${asked.length}`);
      const refused = options?.validate?.(answer === '' ? options.initial ?? '' : answer);
      assert.equal(refused ?? null, null, `${plain} refused ${answer}`);
      return answer === '' ? options?.initial ?? '' : answer;
    },
  };
  unit = unitCtx({ proxyUrl: 'http://127.0.0.1:4000', terminal: true, services: { prompts } });
  // Every real assistant is in the list too, so their places are theirs (never offered to another).
  const results = await interview(unit.ctx, { proxyUrl: 'http://127.0.0.1:4000' }, { all: [...ASSISTANTS, other], ...choice }, async () => false);
  assert.deepEqual(script, [], 'every scripted question was asked');
  await new Promise((resolve) => setImmediate(resolve)); // the stream hands on what was written
  return { asked, results };
}

test('two found: which ones is asked (both offered); then one key each, in the order chosen, with the budget typed offered to the next', async () => {
  const { asked, results } = await scripted([
    [/^LiteLLM proxy URL: $/, ''],
    [/^Give a key to \(openclaw, (?:[a-z-]+, )*other; comma-separated\): $/, 'other,openclaw'],
    [/^Key alias: $/, ''],
    [/^Budget in USD/, '20'],
    [/^Budget resets/, 'weekly'],
    [/^Write the key to \(profile, dotenv, none; comma-separated\): $/, ''],
    [/^Key alias: $/, ''],
    [/^Budget in USD/, ''],
    [/^Budget resets/, ''],
    [/^Write the key to \(openclaw, profile, dotenv, none; comma-separated\): $/, ''],
    [/^How OpenClaw gets the key \(litellm, anthropic, keychain\): $/, 'keychain'],
  ], { preselected: [openClaw, other], ask: true });
  assert.equal(asked[1]!.initial, 'openclaw,other', 'the found ones are the answer offered');
  assert.deepEqual(asked.filter((q) => /Key alias/.test(q.question)).map((q) => q.initial), ['other', 'openclaw'], 'each one\'s own alias');
  assert.deepEqual(asked.filter((q) => /Budget in USD/.test(q.question)).map((q) => q.initial), ['50', '20']);
  assert.deepEqual(asked.filter((q) => /Budget resets/.test(q.question)).map((q) => q.initial), ['monthly', 'weekly']);
  assert.deepEqual(asked.filter((q) => /Write the key to/.test(q.question)).map((q) => q.initial), ['profile', 'openclaw'], 'each one\'s default places');

  assert.deepEqual(results.map((r) => [r.for, r.alias, r.budget, r.period, r.targets, r.assistantFlags]), [
    ['other', 'other', '20', 'weekly', ['profile'], {}],
    [undefined, 'openclaw', '20', 'weekly', ['openclaw'], { openclawStyle: 'keychain' }],
  ]);
  // The commands they stand for: --for only for the one that is not the default.
  assert.equal(shellLine(keyCreateStep(results[0]!).argv), 'ollm key create --proxy-url http://127.0.0.1:4000 --for other --alias other --budget 20 --weekly --write profile');
  assert.equal(shellLine(keyCreateStep(results[1]!).argv), 'ollm key create --proxy-url http://127.0.0.1:4000 --alias openclaw --budget 20 --weekly --write openclaw --openclaw-style keychain');
  assert.equal(shellLine(doctorStep(results[0]!).argv), 'ollm doctor --proxy-url http://127.0.0.1:4000 --for other --alias other');
  assert.match(unit!.stderr().replace(/\u001b\[[0-9;]*m/g, ''), /\nOther\n[\s\S]*\nOpenClaw\n/, 'each one\'s questions under its name');
});

test('one chosen (no question which): OpenClaw\'s questions as always; its style is not asked when its key goes elsewhere', async () => {
  const { asked, results } = await scripted([
    [/^LiteLLM proxy URL: $/, ''],
    [/^Key alias: $/, ''],
    [/^Budget in USD/, ''],
    [/^Budget resets/, ''],
    [/^Write the key to \(openclaw, profile, dotenv, none; comma-separated\): $/, 'profile'],
  ], { preselected: [openClaw], ask: false });
  assert.equal(asked.length, 5);
  assert.deepEqual(results.map((r) => [r.for, r.targets, r.assistantFlags]), [[undefined, ['profile'], {}]]);
  assert.doesNotMatch(unit!.stderr(), /OpenClaw\n/, 'no heading for a single assistant');
});
