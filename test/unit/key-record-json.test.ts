// The key record shape that key create, key info and key list share in --json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyRecordSchema } from '../../src/litellm/schemas.ts';
import { keyRecordJson } from '../../src/output/key-record.ts';

const FIELDS = ['key_alias', 'key_name', 'token', 'spend', 'max_budget', 'budget_duration', 'budget_reset_at', 'expires', 'models', 'tpm_limit', 'rpm_limit', 'max_parallel_requests', 'blocked'];

test('every field is there, null (or 0, [] and false) when the proxy left it out', () => {
  const sparse = keyRecordJson(KeyRecordSchema.parse({ token: 'abc' }));
  assert.deepEqual(Object.keys(sparse), FIELDS);
  assert.deepEqual(sparse, {
    key_alias: null, key_name: null, token: 'abc', spend: 0, max_budget: null, budget_duration: null, budget_reset_at: null,
    expires: null, models: [], tpm_limit: null, rpm_limit: null, max_parallel_requests: null, blocked: false,
  });
});

test('the proxy\'s values pass through; the alias asked for fills a record without one', () => {
  const full = keyRecordJson(KeyRecordSchema.parse({ token: 't', key_name: 'sk-...Ab3d', spend: 1.5, max_budget: 50, budget_duration: '1mo', expires: '2027-01-01T00:00:00Z', models: ['gpt-4o'], rpm_limit: 60, blocked: true }), 'openclaw');
  assert.equal(full.key_alias, 'openclaw');
  assert.equal(full.spend, 1.5);
  assert.equal(full.max_budget, 50);
  assert.deepEqual(full.models, ['gpt-4o']);
  assert.equal(full.rpm_limit, 60);
  assert.equal(full.blocked, true);
  assert.equal(keyRecordJson(KeyRecordSchema.parse({ key_alias: 'bot' }), 'openclaw').key_alias, 'bot', 'the proxy\'s alias wins');
});
