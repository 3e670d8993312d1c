import { test } from 'node:test';
import assert from 'node:assert/strict';
import { budgetPeriodProblem, describePeriod, parseDuration } from '../../src/litellm/duration.ts';

test('parses LiteLLM\'s <int><unit> grammar and nothing else', () => {
  assert.deepEqual(parseDuration('1mo'), { value: 1, unit: 'mo', text: '1mo' });
  assert.deepEqual(parseDuration('30d'), { value: 30, unit: 'd', text: '30d' });
  for (const bad of ['monthly', '30', '1y', 'd', '1.5d', '-1d', '0h', '']) assert.equal(parseDuration(bad), null, bad);
});

test('only one-month budget periods are accepted', () => {
  assert.equal(budgetPeriodProblem(parseDuration('1mo')!), null);
  assert.match(budgetPeriodProblem(parseDuration('2mo')!) ?? '', /1-month/);
});

test('periods read as people say them; a misread value is called out', () => {
  assert.equal(describePeriod('1mo'), 'monthly');
  assert.equal(describePeriod('7d'), 'weekly');
  assert.equal(describePeriod('1d'), 'daily');
  assert.equal(describePeriod('3h'), 'every 3 hours');
  assert.equal(describePeriod(null), 'none');
  assert.match(describePeriod('monthly'), /newer LiteLLM reads it as 30d; older versions reset it daily/);
  assert.match(describePeriod('fortnightly'), /newer LiteLLM refuses it; older versions reset it daily/);
});
