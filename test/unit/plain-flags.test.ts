// The plain-flag parser must agree with yargs on every line it accepts, and hand every other line
// to yargs: compared here line by line against yargs parsing the same options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import yargs from 'yargs';
import { parsePlainFlags } from '../../src/plain-flags.ts';
import { globalOptions } from '../../src/help/global-options.ts';
import { COMMANDS } from '../../src/commands/registry.ts';

async function optionsOf(path: string[]) {
  const entry = COMMANDS.find((e) => e.path.join(' ') === path.join(' '))!;
  return { ...globalOptions, ...(await entry.load()).default.args } as Record<string, any>;
}

/** What yargs hands a handler for these words after the command path. */
function yargsParse(rest: string[], options: Record<string, any>): Record<string, unknown> {
  return yargs(rest).options(options).parserConfiguration({ 'populate--': true }).help(false).version(false).parseSync() as Record<string, unknown>;
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
  // The store by name, and its older spelling: both parsers take both.
  [['key', 'create'], ['--store', 'file', '--write', 'none']],
  [['key', 'create'], ['--store=keychain']],
  [['key', 'create'], ['--insecure-storage', '--write', 'none']],
  [['login'], ['--store', 'file']],
  [['login'], ['--insecure-storage']],
  [['key', 'revoke'], ['-y', '-a', 'old', '-q']],
];

for (const [path, rest] of ACCEPTED) {
  test(`accepted like yargs: ollm ${[...path, ...rest].join(' ')}`, async () => {
    const options = await optionsOf(path);
    const mine = parsePlainFlags([...path, ...rest], path, options);
    assert.ok(mine, 'the plain parser takes this line');
    const theirs = yargsParse(rest, options);
    for (const key of Object.keys(theirs).filter((k) => k !== '_' && k !== '$0')) {
      assert.deepEqual(mine[key], theirs[key], `--${key}`);
    }
    for (const key of Object.keys(mine).filter((k) => k !== '_' && k !== '$0')) {
      assert.ok(key in theirs, `${key} is also set by yargs`);
    }
  });
}

const HANDED_TO_YARGS: Array<[string[], string[], string]> = [
  [['key', 'info'], ['--help'], 'help'],
  [['key', 'info'], ['--alais', 'x'], 'an unknown flag (yargs suggests and fails)'],
  [['key', 'info'], ['--alias', 'a', '--alias', 'b'], 'a repeated flag'],
  [['key', 'info'], ['--alias'], 'a missing value'],
  [['key', 'info'], ['--alias', '--json'], 'a flag where the value should be'],
  [['key', 'info'], ['--json', 'true'], 'a boolean with a value'],
  [['key', 'info'], ['--json=false'], 'a boolean with an inline value'],
  [['key', 'info'], ['--timeout', 'abc'], 'a number that is not one'],
  [['key', 'info'], ['--fail-above', '-5'], 'a negative number'],
  [['key', 'info'], ['extra'], 'a positional'],
  [['key', 'info'], ['--', 'x'], 'a double dash'],
  [['key', 'info'], ['-x'], 'an undeclared short flag'],
  [['key', 'info'], ['--proxyUrl', 'http://x'], 'camelCase spelling'],
  [['key', 'info'], ['--no-alias'], 'a negated string flag'],
  [['key', 'create'], ['--models', 'a', 'b'], 'a list flag with values yargs would gather'],
  [['spend'], ['--by', 'week'], 'a value outside the choices'],
  [['key', 'create'], ['--store', 'vault'], 'a store not in the table'],
  [['exec'], ['--', 'openclaw'], 'exec and its command line'],
];

for (const [path, rest, why] of HANDED_TO_YARGS) {
  test(`handed to yargs: ${why} (ollm ${[...path, ...rest].join(' ')})`, async () => {
    assert.equal(parsePlainFlags([...path, ...rest], path, await optionsOf(path)), null);
  });
}

test('a line that does not start with the command words is handed to yargs', async () => {
  assert.equal(parsePlainFlags(['--json', 'key', 'info'], ['key', 'info'], await optionsOf(['key', 'info'])), null);
});
