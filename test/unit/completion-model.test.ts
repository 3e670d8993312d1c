// The completion model: read from the command definitions, and only plain words reach a script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flagsOf, POSITIONAL_VALUES, safeWord } from '../../src/completion/model.ts';
import { buildCompletionModel } from '../../src/completion/all-commands.ts';
import { COMMANDS } from '../../src/commands/registry.ts';
import { globalOptions } from '../../src/help/global-options.ts';
import { bashScript } from '../../src/completion/bash.ts';
import { zshScript } from '../../src/completion/zsh.ts';
import { fishScript } from '../../src/completion/fish.ts';

test('positionals are read from each definition\'s declared positionals', async () => {
  const model = await buildCompletionModel(globalOptions);
  const names = (path: string) => model.commands.find((c) => c.path.join(' ') === path)!.positionals.map((p) => p.name);
  assert.deepEqual(names('config set'), ['name', 'value']);
  assert.deepEqual(names('completion'), ['shell']);
  assert.deepEqual(names('config list'), []);
  for (const entry of COMMANDS) {
    const definition = (await entry.load()).default;
    assert.deepEqual(names(entry.path.join(' ')), (definition.positionals ?? []).map((p) => p.name), entry.path.join(' '));
  }
  // The values offered for a positional are keyed by its declared name: a renamed one must not lose them silently.
  for (const [path, byName] of Object.entries(POSITIONAL_VALUES)) {
    for (const name of Object.keys(byName)) assert.ok(names(path).includes(name), `completion values for ${path} <${name}>, which it does not declare`);
  }
  assert.deepEqual(model.commands.find((c) => c.path.join(' ') === 'completion')!.positionals[0]!.values, ['bash', 'zsh', 'fish']);
});

test('flags: value-taking, choices, repeatable, short aliases; hidden ones left out; --no-x only where it means something', () => {
  const flags = flagsOf({
    style: { type: 'string', choices: ['a', 'b'] },
    write: { type: 'string', array: true },
    quiet: { type: 'boolean', alias: 'q', default: false },
    profile: { type: 'boolean', default: true },
    monthly: { type: 'boolean' },
    secret: { type: 'string', hidden: true },
    'openclaw-config': { type: 'string' },
  });
  const byName = Object.fromEntries(flags.map((f) => [f.name, f]));
  assert.deepEqual(Object.keys(byName), ['style', 'write', 'quiet', 'profile', 'monthly', 'openclaw-config']);
  assert.deepEqual(byName.style!.values, ['a', 'b']);
  assert.equal(byName.write!.repeatable, true);
  assert.equal(byName.write!.commaList, true, '--write takes a comma-separated list of targets');
  assert.deepEqual(byName.quiet!.short, ['q']);
  assert.equal(byName.quiet!.takesValue, false);
  assert.equal(byName.profile!.negatable, true);
  assert.equal(byName.monthly!.negatable, false);
  assert.equal(byName['openclaw-config']!.files, true);
});

test('a name that is not a plain word never reaches a script', () => {
  assert.equal(safeWord('proxy-url'), 'proxy-url');
  for (const bad of ['a b', '$(id)', '"x"', "it's", '-x', '']) assert.throws(() => safeWord(bad), /Not a plain word/, bad);
});

test('the model covers every registered command, and all three scripts name each one', async () => {
  const model = await buildCompletionModel(globalOptions);
  assert.deepEqual(model.commands.map((c) => c.path.join(' ')), COMMANDS.map((c) => c.path.join(' ')));
  const scripts = [bashScript(model), zshScript(model), fishScript(model)];
  for (const command of COMMANDS) {
    const last = command.path.at(-1)!;
    for (const script of scripts) assert.ok(script.includes(last), `${command.path.join(' ')} in ${script.slice(0, 30)}`);
  }
  assert.deepEqual(model.commands.find((c) => c.path.join(' ') === 'config set')!.positionals.map((p) => p.name), ['name', 'value']);
  assert.equal(model.commands.find((c) => c.path[0] === 'exec')!.passThrough, true);
});
