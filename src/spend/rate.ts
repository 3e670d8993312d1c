// How fast a key spends: the average per day over the days the logs cover, or, without logs, over
// the budget period so far as /key/info describes it.
import { durationToMs, parseDuration } from '../litellm/duration.ts';
import { DAY_MS, roundMoney, utcDay, type DaySpend, type SpendWindow } from './days.ts';

export interface SpendRate {
  perDay: number;
  /** Where the average starts; it ends now. */
  since: Date;
  /** Days averaged over (fractional; at least 1, so a young key does not look extravagant). */
  days: number;
  /** Why it starts there. */
  start: 'window' | 'key_created' | 'period_start';
}

/**
 * The average over the window up to now. A key created inside the window is averaged from its
 * creation, so the days before it existed do not dilute the rate, unless the logs show spend
 * from before (a clock off, or a key imported with history).
 */
export function rateFromLogs(days: DaySpend[], window: SpendWindow, createdAt: string | null | undefined, now: Date): SpendRate {
  const windowStart = new Date(`${window.first}T00:00:00Z`);
  const created = createdAt ? new Date(createdAt) : null;
  const createdInside = created !== null && !Number.isNaN(created.getTime()) && created > windowStart;
  const spentBefore = createdInside && days.some((d) => d.date < utcDay(created) && d.spend > 0);
  const [since, start]: [Date, SpendRate['start']] = createdInside && !spentBefore ? [created, 'key_created'] : [windowStart, 'window'];
  const total = days.reduce((sum, d) => sum + d.spend, 0);
  return average(total, since, start, now);
}

/**
 * Without logs: the spend /key/info reports (this period's) over the time since the period
 * began, or since the key was created when that is later; null when neither is known.
 */
export function rateFromPeriod(
  record: { spend: number; budget_duration?: string | null; budget_reset_at?: string | null; created_at?: string | null },
  now: Date,
): SpendRate | null {
  const periodStart = currentPeriodStart(record.budget_duration, record.budget_reset_at);
  const created = record.created_at ? new Date(record.created_at) : null;
  const createdKnown = created !== null && !Number.isNaN(created.getTime());
  if (periodStart && (!createdKnown || periodStart >= created)) return average(record.spend, periodStart, 'period_start', now);
  // No period (a budget for the key's whole life), or a key younger than its period.
  if (createdKnown) return average(record.spend, created, 'key_created', now);
  return null;
}

/**
 * When the current budget period began: one period before the next reset. LiteLLM aligns `1mo`
 * and `30d` to the 1st of the month; older versions reset an unparseable duration (e.g. `monthly`) daily.
 */
export function currentPeriodStart(budgetDuration: string | null | undefined, resetAt: string | null | undefined): Date | null {
  if (!budgetDuration || !resetAt) return null;
  const reset = new Date(resetAt);
  if (Number.isNaN(reset.getTime())) return null;
  const duration = parseDuration(budgetDuration);
  if (!duration) return new Date(reset.getTime() - DAY_MS);
  if (duration.unit === 'mo' || duration.text === '30d') {
    return new Date(Date.UTC(reset.getUTCFullYear(), reset.getUTCMonth() - 1, reset.getUTCDate(), reset.getUTCHours(), reset.getUTCMinutes()));
  }
  return new Date(reset.getTime() - durationToMs(duration));
}

function average(spend: number, since: Date, start: SpendRate['start'], now: Date): SpendRate {
  const days = Math.max(1, (now.getTime() - since.getTime()) / DAY_MS);
  return { perDay: roundMoney(spend / days), since, days: Math.round(days * 100) / 100, start };
}
