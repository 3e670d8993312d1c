import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dailySeries, fromCreationDay, modelTotals, spendLogsRange, spendWindow } from '../../src/spend/days.ts';
import type { SpendDay } from '../../src/litellm/schemas.ts';

const now = new Date('2026-03-02T15:30:00Z');

test('the window ends today (UTC) and crosses month ends', () => {
  const window = spendWindow(now, 4);
  assert.deepEqual(window.days, ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  assert.equal(window.first, '2026-02-27');
  assert.equal(window.last, '2026-03-02');
  assert.deepEqual(spendWindow(new Date('2026-03-02T23:59:59Z'), 1).days, ['2026-03-02']);
});

test('LiteLLM is asked up to tomorrow, since it drops the end day after midnight', () => {
  assert.deepEqual(spendLogsRange(spendWindow(now, 4)), { startDate: '2026-02-27', endDate: '2026-03-03' });
  assert.deepEqual(spendLogsRange(spendWindow(new Date('2026-12-31T08:00:00Z'), 1)), { startDate: '2026-12-31', endDate: '2027-01-01' });
});

test('days LiteLLM leaves out are zero; days outside the window are dropped; sums do not drift', () => {
  const window = spendWindow(now, 4);
  const series = dailySeries(window, [
    { startTime: '2026-02-28', spend: 0.1 },
    { startTime: '2026-02-28', spend: 0.2 },
    { startTime: '2026-03-02', spend: 1.5 },
    { startTime: '2026-03-03', spend: 99 }, // a row at tomorrow 00:00 exactly: LiteLLM's range includes it
    { startTime: '2026-02-01', spend: 7 },
  ]);
  assert.deepEqual(series, [
    { date: '2026-02-27', spend: 0 },
    { date: '2026-02-28', spend: 0.3 },
    { date: '2026-03-01', spend: 0 },
    { date: '2026-03-02', spend: 1.5 },
  ]);
});

test('models are summed over the window, largest first, ties by name, free models kept', () => {
  const window = spendWindow(now, 2);
  const totals = modelTotals(window, [
    { startTime: '2026-03-01', spend: 3, models: { 'gpt-4o': 1, 'claude-sonnet-4-6': 2 } },
    { startTime: '2026-03-02', spend: 2.5, models: { 'gpt-4o': 1.5, 'local-llama': 0, 'b-model': 1 } },
    { startTime: '2026-02-01', spend: 50, models: { 'old-model': 50 } },
    { startTime: '2026-03-02', spend: 0 },
  ]);
  assert.deepEqual(totals, [
    { model: 'gpt-4o', spend: 2.5 },
    { model: 'claude-sonnet-4-6', spend: 2 },
    { model: 'b-model', spend: 1 },
    { model: 'local-llama', spend: 0 },
  ]);
});

test('a window starts on the key\'s creation day when that is inside it and nothing was logged before', () => {
  const window = spendWindow(new Date('2026-03-10T12:00:00Z'), 30);
  const young = fromCreationDay(window, '2026-03-08T17:00:00Z', [{ startTime: '2026-03-09', spend: 1 } as SpendDay]);
  assert.deepEqual([young.first, young.last, young.days, young.fromCreation], ['2026-03-08', '2026-03-10', ['2026-03-08', '2026-03-09', '2026-03-10'], true]);
  assert.equal(fromCreationDay(window, '2026-03-08T17:00:00Z', [{ startTime: '2026-03-01', spend: 1 } as SpendDay]), window, 'spend logged before creation keeps the whole window');
  assert.equal(fromCreationDay(window, '2025-01-01T00:00:00Z', []), window, 'older than the window');
  assert.equal(fromCreationDay(window, null, []), window, 'creation unknown');
  assert.equal(fromCreationDay(window, 'garbage', []), window);
});
