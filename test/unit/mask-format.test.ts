import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Chalk } from 'chalk';
import { maskFromKeyName, maskKey, redact } from '../../src/output/mask.ts';
import { budgetUse, formatBudget, formatDay, formatMoney, formatWhen, usageBar } from '../../src/output/format.ts';

test('masks keep only the prefix and the last four characters', () => {
  assert.equal(maskKey('sk-abcdefghijklmnopqrAb3d'), 'sk-…Ab3d');
  assert.equal(maskKey('sk-short'), 'sk-…');
  assert.equal(maskFromKeyName('sk-...Ab3d'), 'sk-…Ab3d');
});

test('redact replaces every occurrence of every secret', () => {
  const secret = 'sk-master-0123456789abcdef';
  assert.equal(redact(`a ${secret} b ${secret}`, [secret, undefined]), 'a sk-…cdef b sk-…cdef');
});

test('budget use: remaining and percent; a zero budget is fully used; no budget has no percent', () => {
  assert.deepEqual(budgetUse(12.5, 50), { remaining: 37.5, usedPercent: 25 });
  assert.deepEqual(budgetUse(0, 0), { remaining: 0, usedPercent: 100 });
  assert.deepEqual(budgetUse(60, 50), { remaining: 0, usedPercent: 120 });
  assert.deepEqual(budgetUse(3, null), { remaining: null, usedPercent: null });
});

test('money and dates read naturally', () => {
  assert.equal(formatMoney(50), '$50.00');
  // One rule with the spend columns: cents, unless a non-zero amount would read $0.00 (was $0.0123).
  assert.equal(formatMoney(0.0123), '$0.01');
  assert.equal(formatMoney(0.61), '$0.61');
  assert.equal(formatMoney(0.0012), '$0.0012');
  assert.equal(formatMoney(null), '—');
  const now = new Date('2026-11-22T03:00:00Z');
  assert.equal(formatWhen('2026-12-01T00:00:00Z', now), '2026-12-01 00:00 UTC (in 9 days)');
  assert.equal(formatWhen('2026-11-22T02:00:00Z', now), '2026-11-22 02:00 UTC (1 hour ago)');
  // A day or more apart counts calendar days, as formatDay does: 8.4 days to the 1st is still "in 9 days".
  const afternoon = new Date('2026-11-22T14:30:00Z');
  assert.equal(formatWhen('2026-12-01T00:00:00Z', afternoon), '2026-12-01 00:00 UTC (in 9 days)');
  assert.equal(formatDay('2026-12-01', afternoon), '2026-12-01 (in 9 days)');
  assert.equal(formatWhen('2026-11-10T01:56:00Z', afternoon), '2026-11-10 01:56 UTC (12 days ago)');
  assert.equal(formatBudget(5, null), '$5.00 (never resets)');
  assert.equal(formatBudget(50, '1mo'), '$50.00 (monthly)');
  assert.equal(formatBudget(null, '1mo'), 'no limit');
});

test('the usage bar fills in proportion and caps at 100 %', () => {
  const plain = new Chalk({ level: 0 });
  assert.equal(usageBar(50, plain), `[${'#'.repeat(10)}${' '.repeat(10)}]`);
  assert.equal(usageBar(150, plain), `[${'#'.repeat(20)}]`);
});
