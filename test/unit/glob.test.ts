// One glob rule for `key rotate --match` and for LiteLLM's wildcard model routes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp } from '../../src/glob.ts';

test('* is any run of characters and ? one character; the whole text must match', () => {
  const pattern = globToRegExp('openclaw-?-*');
  assert.ok(pattern.test('openclaw-a-'));
  assert.ok(pattern.test('openclaw-b-prod-2'));
  assert.ok(!pattern.test('openclaw--prod'), '? needs one character');
  assert.ok(!pattern.test('my-openclaw-a-x'), 'anchored at the start');
  assert.ok(globToRegExp('*').test(''));
});

test('every other character is literal, regex syntax included', () => {
  assert.ok(globToRegExp('a.b/*').test('a.b/x'));
  assert.ok(!globToRegExp('a.b/*').test('aXb/x'));
  for (const text of ['(x)', '[x]', 'a+b', '^$', 'a|b', 'a\\b', '{1}']) assert.ok(globToRegExp(text).test(text), text);
});

test('for model routes ? is literal: LiteLLM wildcards know only *', () => {
  const route = globToRegExp('x?/*', { questionMark: false });
  assert.ok(route.test('x?/grok'));
  assert.ok(!route.test('xy/grok'));
});
