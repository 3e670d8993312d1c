// Setup calls services with flag values and prints command lines: the two must be the same command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandLine, doctorStep, existingKeyStep, keyCreateStep, rememberSteps, shellLine, type SetupAnswers, type SetupStep } from '../../src/setup/plan.ts';
import { flagValues } from '../../src/commands/command.ts';
import { keyCreateArgs } from '../../src/commands/key-create.ts';
import { keyWriteArgs } from '../../src/commands/key-write.ts';
import { keyRotateArgs } from '../../src/commands/key-rotate.ts';
import { globalOptions } from '../../src/help/global-options.ts';
import { parsePlainFlags } from '../../src/plain-flags.ts';
import type { Options } from 'yargs';

const answers: SetupAnswers = { proxyUrl: 'http://127.0.0.1:4000', alias: 'laptop', budget: '20', period: 'monthly', style: 'litellm', targets: ['openclaw'] };

/** The printed line, parsed as the CLI parses it, gives the flag values the service was called with. */
function assertSameCommand(step: SetupStep, path: string[], args: Record<string, Options>): void {
  const parsed = parsePlainFlags(step.argv, path, { ...globalOptions, ...args });
  assert.ok(parsed, `the parser takes ${shellLine(step.argv)}`);
  const called = flagValues(args, step.flags as never) as Record<string, unknown>;
  for (const name of Object.keys(args)) {
    const key = name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    assert.deepEqual(called[key], parsed[key], `${key} in ${shellLine(step.argv)}`);
  }
  assert.equal(parsed.proxyUrl, answers.proxyUrl);
}

test('key create: the line setup prints is the call it makes, in the order people read it', () => {
  const step = keyCreateStep(answers, { timeout: 60, debug: true });
  assert.equal(shellLine(step.argv), 'ollm key create --proxy-url http://127.0.0.1:4000 --alias laptop --budget 20 --monthly --write openclaw --openclaw-style litellm --timeout 60 --debug');
  assertSameCommand(step, ['key', 'create'], keyCreateArgs);
  const none = keyCreateStep({ ...answers, budget: null, period: 'none', targets: ['none'] });
  assert.equal(shellLine(none.argv), 'ollm key create --proxy-url http://127.0.0.1:4000 --alias laptop --write none');
  assertSameCommand(none, ['key', 'create'], keyCreateArgs);
});

test('a rerun: key write with where and how, key rotate with the alias; doctor with the alias', () => {
  const write = existingKeyStep('rewrite', { ...answers, targets: ['openclaw', 'profile'], style: 'keychain' });
  assert.equal(shellLine(write.argv), 'ollm key write --proxy-url http://127.0.0.1:4000 --alias laptop --write openclaw,profile --openclaw-style keychain');
  assertSameCommand(write, ['key', 'write'], keyWriteArgs);
  const rotate = existingKeyStep('rotate', answers, { allowInsecureHttp: true });
  assert.equal(shellLine(rotate.argv), 'ollm key rotate --proxy-url http://127.0.0.1:4000 --alias laptop --allow-insecure-http');
  assertSameCommand(rotate, ['key', 'rotate'], keyRotateArgs);
  assert.equal(shellLine(doctorStep(answers).argv), 'ollm doctor --proxy-url http://127.0.0.1:4000 --alias laptop');
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

test('remember: the proxy URL unless it already persists, the alias unless it is the default already', () => {
  const lines = (current: Parameters<typeof rememberSteps>[1]) => rememberSteps(answers, current).map((s) => shellLine(s.argv));
  assert.deepEqual(lines({ proxyUrl: answers.proxyUrl, proxyKind: 'env', alias: 'laptop' }), []);
  assert.deepEqual(lines({ proxyUrl: answers.proxyUrl, proxyKind: 'flag', alias: 'openclaw' }),
    ['ollm config set proxy-url http://127.0.0.1:4000', 'ollm config set alias laptop']);
  assert.deepEqual(rememberSteps(answers, { proxyUrl: 'http://other', proxyKind: 'config', alias: 'laptop' })[0]!.flags, { name: 'proxy-url', value: answers.proxyUrl });
});
