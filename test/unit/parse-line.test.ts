// ollm's one command-line parser: it reads the lines people type as yargs read them (yargs is the
// oracle here, compared line by line on the same options), and the lines the old fast path handed
// to yargs now get a definite answer: read, or refused with ollm's own sentence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import yargs from 'yargs';
import { parseCommandLine } from '../../src/parse/parse-line.ts';
import { globalOptions } from '../../src/help/global-options.ts';
import { COMMANDS } from '../../src/commands/registry.ts';
import { UsageError } from '../../src/errors.ts';
import { defineCommand } from '../../src/commands/command.ts';

async function commandOf(path: string[]) {
  const entry = COMMANDS.find((e) => e.path.join(' ') === path.join(' '))!;
  const definition = (await entry.load()).default;
  return { entry, definition, options: { ...globalOptions, ...definition.args } as Record<string, any> };
}

/** What yargs hands a handler for these words after the command path. */
function yargsParse(rest: string[], options: Record<string, any>): Record<string, unknown> {
  return yargs(rest).options(options).parserConfiguration({ 'populate--': true }).help(false).version(false).parseSync() as Record<string, unknown>;
}

async function parse(path: string[], rest: string[]) {
  const { entry, definition } = await commandOf(path);
  return parseCommandLine([...path, ...rest], entry, definition);
}

function refusal(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error;
  }
  assert.fail('the line was accepted');
}

const ACCEPTED: Array<[string[], string[]]> = [
  [['key', 'info'], []],
  [['key', 'info'], ['--alias', 'laptop', '--json']],
  [['key', 'info'], ['--alias=laptop', '--fail-above', '80', '--no-color']],
  [['key', 'info'], ['-q', '--timeout', '2.5', '--debug']],
  [['key', 'get'], ['--reveal', '--proxy-url', 'http://127.0.0.1:4000']],
  [['key', 'create'], ['--budget', '50', '--monthly', '--write', 'openclaw']],
  [['key', 'create'], ['--budget', '0.5', '--openclaw-style', 'keychain', '--no-openclaw-profile']],
  [['key', 'create'], ['--write', 'openclaw', '--write=profile', '--models', 'a,b', '--metadata', 'k=v']],
  [['key', 'revoke'], ['--yes', '--alias', 'old']],
  [['key', 'rotate'], ['--all', '--concurrency', '8']],
  [['openclaw', 'resolve'], []],
  [['doctor'], ['--alias', 'x', '--json', '--quiet']],
  [['spend'], ['--days', '7', '--by', 'model']],
  [['key', 'info'], ['-a', 'laptop', '-j']],
  [['key', 'revoke'], ['-y', '-a', 'old', '-q']],
  // Lines the old fast path left to yargs: the one parser reads them as yargs did.
  [['key', 'info'], ['--json', 'true']],
  [['key', 'info'], ['--json=false']],
  [['key', 'info'], ['--fail-above', '-5']],
  [['key', 'info'], ['--proxyUrl', 'http://x']],
  [['key', 'create'], ['--models', 'a', 'b']],
  [['key', 'info'], ['-qj']],
];

for (const [path, rest] of ACCEPTED) {
  test(`read as yargs reads it: ollm ${[...path, ...rest].join(' ')}`, async () => {
    const { options } = await commandOf(path);
    const mine = await parse(path, rest);
    const theirs = yargsParse(rest, options);
    for (const key of Object.keys(theirs).filter((k) => k !== '_' && k !== '$0')) {
      assert.deepEqual(mine[key], theirs[key], `--${key}`);
    }
    for (const key of Object.keys(mine).filter((k) => k !== '_' && k !== '$0')) {
      assert.ok(key in theirs, `${key} is also set by yargs`);
    }
  });
}

const REFUSED: Array<[string[], string[], string, RegExp]> = [
  [['key', 'info'], ['--alais', 'x'], 'an unknown flag', /^Unknown flag --alais for `ollm key info`\.$/],
  [['key', 'info'], ['--alias', 'a', '--alias', 'b'], 'a repeated flag', /^--alias was given twice \("a", "b"\)/],
  [['key', 'info'], ['--alias'], 'a missing value', /^--alias needs a value\.$/],
  [['key', 'info'], ['--alias', '--json'], 'a flag where the value should be', /^--alias needs a value\.$/],
  [['key', 'info'], ['extra'], 'a positional', /does not take "extra"/],
  [['key', 'info'], ['-x'], 'an undeclared short flag', /^Unknown flag -x/],
  [['key', 'info'], ['--no-alias'], 'a negated string flag', /^--no-alias is not a flag: --alias takes a value\.$/],
  [['key', 'info'], ['--json=yes'], 'a switch with a value that is not true or false', /^--json=yes is not a switch/],
  [['key', 'info'], ['-a=x'], 'a short flag with = (write -a x)', /^-a needs a value, so it cannot be combined in -a=x\.$/],
  [['spend'], ['--by', 'week'], 'a value outside the choices', /^--by "week" is not one of day, model\.$/],
];

for (const [path, rest, why, message] of REFUSED) {
  test(`refused with ollm's sentence: ${why} (ollm ${[...path, ...rest].join(' ')})`, async () => {
    const { entry, definition } = await commandOf(path);
    assert.match(refusal(() => parseCommandLine([...path, ...rest], entry, definition)).message, message);
  });
}

test('help, a double dash, a number that is not one, and flags before the command', async () => {
  assert.equal((await parse(['key', 'info'], ['--help'])).help, true, 'main.ts answers it before a command runs');
  assert.deepEqual((await parse(['key', 'info'], ['--', 'x']))['--'], ['x']);
  assert.deepEqual((await parse(['exec'], ['--alias', 'bot', '--', 'openclaw', '--json']))['--'], ['openclaw', '--json'], 'after -- nothing is ollm\'s');
  assert.equal((await parse(['exec'], ['--', 'openclaw', '--json'])).json, false);
  // The command's own check then names what was typed: `--timeout "abc" is not a number of seconds`.
  assert.equal((await parse(['key', 'info'], ['--timeout', 'abc'])).timeout, '"abc"');
  const { entry, definition } = await commandOf(['key', 'info']);
  const before = parseCommandLine(['--json', '-a', 'x', 'key', 'info'], entry, definition);
  assert.equal(before.json, true);
  assert.equal(before.alias, 'x');
});

test('positionals come from the definition\'s positionals, by name', async () => {
  const set = await parse(['config', 'set'], ['alias', 'laptop']);
  assert.equal(set.name, 'alias');
  assert.equal(set.value, 'laptop');
  assert.deepEqual(set._, ['config', 'set', 'alias', 'laptop']);
  const unset = await parse(['config', 'set'], ['alias', '--unset']);
  assert.equal(unset.value, undefined);
  assert.equal(unset.unset, true);
  // A positional is a string, even when it looks like a number (yargs made 007 the number 7).
  assert.equal((await parse(['config', 'set'], ['alias', '007'])).value, '007');
  assert.equal((await parse(['completion'], [])).shell, undefined);
  const { entry, definition } = await commandOf(['config', 'get']);
  assert.equal(refusal(() => parseCommandLine(['config', 'get'], entry, definition)).message, '`ollm config get` needs <name>.');
});

test('every definition names itself by its registry word, and declares optional positionals after required ones', async () => {
  for (const entry of COMMANDS) {
    const definition = (await entry.load()).default;
    assert.equal(definition.command, entry.path.at(-1), `${entry.path.join(' ')}: command is the word, positionals are data`);
    const required = (definition.positionals ?? []).map((p) => p.required);
    assert.deepEqual(required, [...required].sort((a, b) => Number(b) - Number(a)), entry.path.join(' '));
  }
});
