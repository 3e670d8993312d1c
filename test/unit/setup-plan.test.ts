// Setup calls services with flag values and prints command lines: the two must be the same command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandLine, doctorStep, existingKeyStep, keyCreateStep, rememberSteps, shellLine, type SetupAnswers, type SetupStep } from '../../src/setup/plan.ts';
import { flagValues } from '../../src/commands/command.ts';
import { keyRotateArgs } from '../../src/commands/key-rotate.ts';
import { findCommand } from '../../src/commands/registry.ts';
import { parseCommandLine } from '../../src/parse/parse-line.ts';

const answers: SetupAnswers = { proxyUrl: 'http://127.0.0.1:4000', alias: 'laptop', budget: '20', period: 'monthly', targets: ['openclaw'], assistantFlags: { openclawStyle: 'litellm' } };

/** The printed line, parsed as the CLI parses it, gives the values the service was called with. */
async function assertSameCommand(step: SetupStep): Promise<void> {
  const entry = findCommand(step.argv)!;
  const definition = (await entry.load()).default;
  const parsed = parseCommandLine(step.argv, entry, definition);
  const called = { ...flagValues(definition.args, {}), ...step.flags } as Record<string, unknown>;
  for (const key of new Set([...Object.keys(called), ...Object.keys(definition.args).map((name) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()))])) {
    assert.deepEqual(called[key], parsed[key], `${key} in ${shellLine(step.argv)}`);
  }
  assert.equal(parsed.proxyUrl ?? parsed['proxy-url'], step.command === 'config set' ? undefined : answers.proxyUrl);
}

test('key create: the line setup prints is the call it makes, in the order people read it', async () => {
  const step = keyCreateStep(answers, { timeout: 60, debug: true });
  assert.equal(shellLine(step.argv), 'ollm key create --proxy-url http://127.0.0.1:4000 --alias laptop --budget 20 --monthly --write openclaw --openclaw-style litellm --timeout 60 --debug');
  await assertSameCommand(step);
  const none = keyCreateStep({ ...answers, budget: null, period: 'none', targets: ['none'], assistantFlags: {} });
  assert.equal(shellLine(none.argv), 'ollm key create --proxy-url http://127.0.0.1:4000 --alias laptop --write none');
  await assertSameCommand(none);
});

test('a rerun: key write with where and how, key rotate with the alias; doctor with the alias', async () => {
  const write = existingKeyStep('rewrite', { ...answers, targets: ['openclaw', 'profile'], assistantFlags: { openclawStyle: 'keychain' } });
  assert.equal(shellLine(write.argv), 'ollm key write --proxy-url http://127.0.0.1:4000 --alias laptop --write openclaw,profile --openclaw-style keychain');
  await assertSameCommand(write);
  const rotate = existingKeyStep('rotate', answers, { allowInsecureHttp: true });
  assert.equal(shellLine(rotate.argv), 'ollm key rotate --proxy-url http://127.0.0.1:4000 --alias laptop --allow-insecure-http');
  await assertSameCommand(rotate);
  assert.equal(shellLine(doctorStep(answers).argv), 'ollm doctor --proxy-url http://127.0.0.1:4000 --alias laptop');
  await assertSameCommand(doctorStep(answers));
});

test('flagValues fills what a line leaves out with the flags\' own defaults', () => {
  const values = flagValues(keyRotateArgs, { alias: 'x' });
  assert.equal(values.alias, 'x');
  assert.equal(values.concurrency, 4);
  assert.equal(values.wait, '30s');
  assert.equal(values.dryRun, false);
  assert.equal(values.grace, undefined);
});

test('commandLine spells booleans and lists as flags', () => {
  assert.deepEqual(commandLine(['x'], 'http://p', { openclawProfile: false, replace: true, models: ['a', 'b'] }),
    ['x', '--proxy-url', 'http://p', '--no-openclaw-profile', '--replace', '--models', 'a', '--models', 'b']);
});

test('remember: the proxy URL unless it already persists, the alias unless it is the default already', async () => {
  const lines = (current: Parameters<typeof rememberSteps>[1]) => rememberSteps(answers, current).map((s) => shellLine(s.argv));
  assert.deepEqual(lines({ proxyUrl: answers.proxyUrl, proxyKind: 'env', alias: 'laptop' }), []);
  assert.deepEqual(lines({ proxyUrl: answers.proxyUrl, proxyKind: 'flag', alias: 'openclaw' }),
    ['ollm config set proxy-url http://127.0.0.1:4000', 'ollm config set alias laptop']);
  const [step] = rememberSteps(answers, { proxyUrl: 'http://other', proxyKind: 'config', alias: 'laptop' });
  assert.deepEqual(step!.flags, { name: 'proxy-url', value: answers.proxyUrl });
  await assertSameCommand(step!);
});
