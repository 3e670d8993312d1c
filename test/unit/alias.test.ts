import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ALIAS, defaultAlias, resolveAlias, validateAlias } from '../../src/keys/alias.ts';

test('ordinary aliases pass unchanged', () => {
  for (const ok of ['openclaw', 'openclaw-laptop', 'a', 'team.bot_2']) assert.equal(validateAlias(ok), ok);
});

test('aliases that could break a shell line, a config path or a terminal are refused with the reason', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /is empty/],
    ['a\nb', /contains characters/],
    ['a"b', /contains characters/],
    ['$(rm -rf ~)', /contains characters/],
    ['`id`', /contains characters/],
    ['clé', /contains characters/],
    ['-leading-dash', /contains characters/],
    ['x'.repeat(300), /is 300 characters long/],
  ];
  for (const [alias, why] of cases) assert.throws(() => validateAlias(alias), why, JSON.stringify(alias));
});

test('a long alias is shortened in the message', () => {
  assert.throws(() => validateAlias('y'.repeat(300)), (error: Error) => error.message.length < 120);
});

test('the default alias: ollm config\'s alias, else "openclaw"; --alias wins over both', async () => {
  const withConfig = (alias?: string) => ({ config: async () => (alias === undefined ? {} : { alias }) });
  assert.equal(await defaultAlias(withConfig()), DEFAULT_ALIAS);
  assert.equal(DEFAULT_ALIAS, 'openclaw');
  assert.equal(await defaultAlias(withConfig('laptop')), 'laptop');
  assert.equal(await resolveAlias({}, withConfig('laptop')), 'laptop');
  assert.equal(await resolveAlias({ alias: 'bot' }, withConfig('laptop')), 'bot');
});
