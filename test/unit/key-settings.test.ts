import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGenerateRequest, parseBudget } from '../../src/keys/key-settings.ts';
import { UsageError } from '../../src/errors.ts';

test('--monthly sends "1mo", never LiteLLM\'s misread "monthly"', () => {
  const body = buildGenerateRequest({ alias: 'openclaw', budget: '50', monthly: true });
  assert.equal(body.budget_duration, '1mo');
  assert.equal(body.max_budget, 50);
  assert.equal(body.key_alias, 'openclaw');
});

test('--weekly and --daily map to 7d and 1d', () => {
  assert.equal(buildGenerateRequest({ alias: 'a', budget: '1', weekly: true }).budget_duration, '7d');
  assert.equal(buildGenerateRequest({ alias: 'a', budget: '1', daily: true }).budget_duration, '1d');
});

test('budgets outside plain decimal notation are usage errors', () => {
  for (const bad of ['-1', 'abc', '1e400', 'NaN', '0x10', '', 'Infinity', '1,5', ' ']) {
    assert.throws(() => parseBudget(bad), (error: unknown) => error instanceof UsageError && /not an amount in USD/.test(error.message), bad);
  }
  assert.equal(parseBudget('0'), 0);
  assert.equal(parseBudget('12.5'), 12.5);
});

test('a period without a budget is rejected', () => {
  assert.throws(() => buildGenerateRequest({ alias: 'a', monthly: true }), /budget period was given without a budget/);
});

test('--budget-duration is checked against the grammar, and 2mo against LiteLLM\'s 1-month limit', () => {
  for (const bad of ['monthly', '30', '-1d', '1y', '1 mo', '0d']) {
    assert.throws(() => buildGenerateRequest({ alias: 'a', budget: '1', budgetDuration: bad }), /not a LiteLLM duration/, bad);
  }
  assert.throws(() => buildGenerateRequest({ alias: 'a', budget: '1', budgetDuration: '2mo' }), /1-month/);
  assert.equal(buildGenerateRequest({ alias: 'a', budget: '1', budgetDuration: '30d' }).budget_duration, '30d');
});

test('two period flags at once are rejected', () => {
  assert.throws(() => buildGenerateRequest({ alias: 'a', budget: '1', monthly: true, budgetDuration: '7d' }), /Choose one budget period/);
});

test('models are split on commas, trimmed and de-duplicated', () => {
  const body = buildGenerateRequest({ alias: 'a', models: ['gpt-4o, claude', 'gpt-4o'] });
  assert.deepEqual(body.models, ['gpt-4o', 'claude']);
  assert.throws(() => buildGenerateRequest({ alias: 'a', models: [' , '] }), /without any model/);
});

test('limits must be whole numbers ≥ 1', () => {
  const body = buildGenerateRequest({ alias: 'a', rpm: '60', tpm: '1000', maxParallel: '2' });
  assert.deepEqual([body.rpm_limit, body.tpm_limit, body.max_parallel_requests], [60, 1000, 2]);
  assert.throws(() => buildGenerateRequest({ alias: 'a', rpm: '0' }), /--rpm "0" is not a whole number/);
  assert.throws(() => buildGenerateRequest({ alias: 'a', tpm: '1.5' }), /--tpm/);
});

test('metadata is key=value, and the ollm_ prefix is reserved', () => {
  assert.deepEqual(buildGenerateRequest({ alias: 'a', metadata: ['owner=alice', 'note=a=b'] }).metadata, { owner: 'alice', note: 'a=b' });
  assert.throws(() => buildGenerateRequest({ alias: 'a', metadata: ['novalue'] }), /not key=value/);
  assert.throws(() => buildGenerateRequest({ alias: 'a', metadata: ['ollm_request_id=x'] }), /reserved/);
});

test('--expires takes any duration in the grammar, including several months', () => {
  assert.equal(buildGenerateRequest({ alias: 'a', expires: '3mo' }).duration, '3mo');
  assert.throws(() => buildGenerateRequest({ alias: 'a', expires: 'never' }), /--expires "never"/);
});
