import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spendWindow } from '../../src/spend/days.ts';
import { projectBudget } from '../../src/spend/projection.ts';
import { currentPeriodStart, rateFromLogs, rateFromPeriod, type SpendRate } from '../../src/spend/rate.ts';

const now = new Date('2026-11-22T12:00:00Z');
const rate = (perDay: number): SpendRate => ({ perDay, since: new Date('2026-10-24T00:00:00Z'), days: 29.5, start: 'window' });
const monthly = { now, maxBudget: 50, resetAt: '2026-12-01T00:00:00Z' };

test('a budget that runs out before the reset gives the day it runs out', () => {
  // $40 left at $5 a day: 8 days from noon on the 22nd is noon on the 30th, before the reset on the 1st.
  const p = projectBudget({ ...monthly, periodSpend: 10, rate: rate(5) });
  assert.equal(p.status, 'runs_out');
  assert.equal(p.runsOutOn, '2026-11-30');
  assert.equal(p.lastsPeriod, false);
  assert.equal(p.remaining, 40);
  assert.equal(p.spendAtReset, 10 + 5 * 8.5);
});

test('a budget that outlasts the period says so and how much will be spent by the reset', () => {
  const p = projectBudget({ ...monthly, periodSpend: 10, rate: rate(2) });
  assert.equal(p.status, 'lasts_period');
  assert.equal(p.runsOutOn, null);
  assert.equal(p.lastsPeriod, true);
  assert.equal(p.spendAtReset, 27);
});

test('a budget that never resets runs out some day at any positive rate', () => {
  const p = projectBudget({ now, maxBudget: 50, resetAt: null, periodSpend: 20, rate: rate(0.5) });
  assert.equal(p.status, 'runs_out');
  assert.equal(p.runsOutOn, '2027-01-21');
  assert.equal(p.spendAtReset, null);
});

test('zero spend, no budget, a used-up budget and an unknown rate divide by nothing', () => {
  const idle = projectBudget({ ...monthly, periodSpend: 0, rate: rate(0) });
  assert.deepEqual([idle.status, idle.runsOutOn, idle.lastsPeriod, idle.remaining], ['no_spend', null, true, 50]);
  const unlimited = projectBudget({ ...monthly, maxBudget: null, periodSpend: 12, rate: rate(3) });
  assert.deepEqual([unlimited.status, unlimited.remaining, unlimited.lastsPeriod], ['no_limit', null, true]);
  const spent = projectBudget({ ...monthly, periodSpend: 50.01, rate: rate(3) });
  assert.deepEqual([spent.status, spent.remaining, spent.runsOutOn, spent.lastsPeriod], ['used_up', 0, null, false]);
  const zeroBudget = projectBudget({ ...monthly, maxBudget: 0, periodSpend: 0, rate: rate(0) });
  assert.equal(zeroBudget.status, 'used_up');
  const unknown = projectBudget({ ...monthly, periodSpend: 5, rate: null });
  assert.deepEqual([unknown.status, unknown.lastsPeriod, unknown.spendAtReset], ['unknown', false, null]);
});

test('the log rate averages the window up to now, or from the key\'s creation inside it', () => {
  const window = spendWindow(now, 4); // 2026-11-19 .. 2026-11-22, 3.5 days up to noon today
  const days = [
    { date: '2026-11-19', spend: 0 }, { date: '2026-11-20', spend: 0 },
    { date: '2026-11-21', spend: 3 }, { date: '2026-11-22', spend: 0.5 },
  ];
  const whole = rateFromLogs(days, window, '2026-01-01T00:00:00Z', now);
  assert.deepEqual([whole.perDay, whole.days, whole.start], [1, 3.5, 'window']);
  const young = rateFromLogs(days, window, '2026-11-21T00:00:00Z', now);
  assert.deepEqual([young.perDay, young.days, young.start, young.since.toISOString()], [2.333333, 1.5, 'key_created', '2026-11-21T00:00:00.000Z']);
  const onlyToday = days.map((d) => (d.date === '2026-11-22' ? d : { ...d, spend: 0 }));
  const hours = rateFromLogs(onlyToday, window, '2026-11-22T11:00:00Z', now);
  assert.deepEqual([hours.days, hours.perDay, hours.start], [1, 0.5, 'key_created'], 'at least one day, so an hour-old key does not look extravagant');
  const history = rateFromLogs(days, window, '2026-11-22T06:00:00Z', now);
  assert.equal(history.start, 'window', 'spend logged before creation: the whole window counts');
});

test('the period a budget is in: one duration before the next reset, months by the calendar', () => {
  assert.equal(currentPeriodStart('1mo', '2026-12-01T00:00:00Z')?.toISOString(), '2026-11-01T00:00:00.000Z');
  assert.equal(currentPeriodStart('30d', '2026-03-01T00:00:00Z')?.toISOString(), '2026-02-01T00:00:00.000Z');
  assert.equal(currentPeriodStart('7d', '2026-11-23T00:00:00Z')?.toISOString(), '2026-11-16T00:00:00.000Z');
  assert.equal(currentPeriodStart('1d', '2026-11-23T00:00:00Z')?.toISOString(), '2026-11-22T00:00:00.000Z');
  assert.equal(currentPeriodStart('monthly', '2026-11-23T00:00:00Z')?.toISOString(), '2026-11-22T00:00:00.000Z', 'LiteLLM resets it daily');
  assert.equal(currentPeriodStart(null, '2026-11-23T00:00:00Z'), null);
  assert.equal(currentPeriodStart('1mo', null), null);
});

test('without logs the rate is this period\'s spend since it began, or since the key was created', () => {
  const period = rateFromPeriod({ spend: 21.5, budget_duration: '1mo', budget_reset_at: '2026-12-01T00:00:00Z', created_at: '2026-01-05T00:00:00Z' }, now);
  assert.deepEqual([period?.perDay, period?.days, period?.start], [1, 21.5, 'period_start']);
  const young = rateFromPeriod({ spend: 3, budget_duration: '1mo', budget_reset_at: '2026-12-01T00:00:00Z', created_at: '2026-11-20T12:00:00Z' }, now);
  assert.deepEqual([young?.perDay, young?.start], [1.5, 'key_created']);
  const lifetime = rateFromPeriod({ spend: 10, budget_duration: null, budget_reset_at: null, created_at: '2026-11-12T12:00:00Z' }, now);
  assert.deepEqual([lifetime?.perDay, lifetime?.start], [1, 'key_created']);
  assert.equal(rateFromPeriod({ spend: 10 }, now), null);
});

test('a rate resting on less than six hours is too early to project, however fast it spends', () => {
  const young = (hours: number): SpendRate => ({ perDay: 40, since: new Date(now.getTime() - hours * 3_600_000), days: 1, start: 'key_created' });
  const early = projectBudget({ ...monthly, periodSpend: 2, rate: young(0.5) });
  assert.deepEqual([early.status, early.runsOutOn, early.lastsPeriod, early.remaining], ['too_early', null, false, 48]);
  assert.equal(projectBudget({ ...monthly, periodSpend: 2, rate: young(6) }).status, 'runs_out', 'from six hours on it projects');
  assert.equal(projectBudget({ ...monthly, periodSpend: 50, rate: young(0.5) }).status, 'used_up', 'a used-up budget is said at once');
});
