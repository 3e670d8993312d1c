import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDay, formatMoneyColumn } from '../../src/output/format.ts';

test('a money column shares one precision: cents, or four decimals when cents would hide an amount', () => {
  assert.deepEqual(formatMoneyColumn([12.5, 0.61, 0]), ['$12.50', ' $0.61', ' $0.00']);
  assert.deepEqual(formatMoneyColumn([1.2, 0.0012]), ['$1.2000', '$0.0012']);
  assert.deepEqual(formatMoneyColumn([]), []);
});

test('a calendar day with how far it is from today (UTC)', () => {
  const now = new Date('2026-11-22T23:30:00Z');
  assert.equal(formatDay('2026-11-22', now), '2026-11-22 (today)');
  assert.equal(formatDay('2026-11-23', now), '2026-11-23 (tomorrow)');
  assert.equal(formatDay('2026-12-01', now), '2026-12-01 (in 9 days)');
  assert.equal(formatDay('2026-11-20', now), '2026-11-20 (2 days ago)');
  assert.equal(formatDay(new Date('2026-12-01T00:00:00Z'), now), '2026-12-01 (in 9 days)');
});
