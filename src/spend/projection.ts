// When the budget runs out at the current rate, or whether it lasts until the next reset. Pure.
import { DAY_MS, roundMoney, utcDay } from './days.ts';
import type { SpendRate } from './rate.ts';

export type ProjectionStatus =
  /** The key has no max_budget. */
  | 'no_limit'
  /** Spend has reached the budget already. */
  | 'used_up'
  /** Nothing spent at the rate's basis: nothing to extrapolate. */
  | 'no_spend'
  | 'runs_out'
  | 'lasts_period'
  /** The rate rests on less than {@link MIN_PROJECTION_HOURS} of spend: too little to extrapolate. */
  | 'too_early'
  /** No rate could be worked out. */
  | 'unknown';

/** A rate from a young key (or a period just begun) is mostly noise: a few hours first. */
export const MIN_PROJECTION_HOURS = 6;

export interface Projection {
  status: ProjectionStatus;
  remaining: number | null;
  /** `YYYY-MM-DD` (UTC) when the budget is spent at this rate, before the next reset. */
  runsOutOn: string | null;
  /** True when the budget is not expected to run out before it resets (or cannot run out). */
  lastsPeriod: boolean;
  /** This period's spend expected by the next reset at this rate. */
  spendAtReset: number | null;
}

export interface ProjectionInput {
  now: Date;
  /** Spend counted against the budget now (/key/info `spend`). */
  periodSpend: number;
  maxBudget: number | null | undefined;
  /** Next reset; absent when the budget never resets. */
  resetAt: string | null | undefined;
  rate: SpendRate | null;
}

export function projectBudget({ now, periodSpend, maxBudget, resetAt, rate }: ProjectionInput): Projection {
  const reset = resetAt ? Date.parse(resetAt) : Number.NaN;
  const untilReset = Number.isNaN(reset) ? null : Math.max(0, reset - now.getTime());
  const spendAtReset = rate && untilReset !== null ? roundMoney(periodSpend + (rate.perDay * untilReset) / DAY_MS) : null;
  const result = (status: ProjectionStatus, remaining: number | null, runsOutOn: string | null = null): Projection => ({
    status, remaining, runsOutOn, lastsPeriod: status === 'no_limit' || status === 'no_spend' || status === 'lasts_period', spendAtReset,
  });

  if (maxBudget === null || maxBudget === undefined) return result('no_limit', null);
  const remaining = roundMoney(Math.max(0, maxBudget - periodSpend));
  if (remaining <= 0) return result('used_up', 0);
  if (!rate) return result('unknown', remaining);
  if (rate.perDay <= 0) return result('no_spend', remaining);
  if (now.getTime() - rate.since.getTime() < MIN_PROJECTION_HOURS * 3_600_000) return result('too_early', remaining);
  const runsOutAt = now.getTime() + (remaining / rate.perDay) * DAY_MS;
  if (untilReset !== null && runsOutAt >= reset) return result('lasts_period', remaining);
  return result('runs_out', remaining, utcDay(runsOutAt));
}
