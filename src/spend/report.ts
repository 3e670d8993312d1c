// What `ollm spend` found out about a key, and that as the stable JSON document scripts read.
import type { KeyRecord } from '../litellm/schemas.ts';
import { roundMoney, type DaySpend, type ModelSpend, type SpendWindow } from './days.ts';
import { projectBudget, type Projection } from './projection.ts';
import type { SpendRate } from './rate.ts';

/** Why a report without the master key has no days or models. */
export const MASTER_KEY_NOTE = 'Daily spend and the per-model breakdown come from /spend/logs, which needs the master key: run `ollm login`, or set LITELLM_MASTER_KEY.';

export interface SpendReport {
  alias: string;
  /** Daily logs (master key), or only the totals /key/info gives a key about itself. */
  source: 'spend_logs' | 'key_info';
  /** The days covered; null without logs. */
  window: SpendWindow | null;
  days: DaySpend[];
  models: ModelSpend[];
  /** Spend over the window; null without logs. */
  total: number | null;
  /** Spend today (UTC) so far; null without logs. */
  today: number | null;
  /** Spend counted against the budget in the current period. */
  periodSpend: number;
  maxBudget: number | null;
  budgetDuration: string | null;
  resetAt: string | null;
  rate: SpendRate | null;
  projection: Projection;
}

export function buildReport(input: {
  alias: string;
  record: KeyRecord;
  now: Date;
  logs: { window: SpendWindow; days: DaySpend[]; models: ModelSpend[] } | null;
  rate: SpendRate | null;
}): SpendReport {
  const { record, logs, rate, now } = input;
  return {
    alias: input.alias,
    source: logs ? 'spend_logs' : 'key_info',
    window: logs?.window ?? null,
    days: logs?.days ?? [],
    models: logs?.models ?? [],
    total: logs ? roundMoney(logs.days.reduce((sum, d) => sum + d.spend, 0)) : null,
    today: logs ? logs.days.find((d) => d.date === logs.window.last)?.spend ?? 0 : null,
    periodSpend: record.spend,
    maxBudget: record.max_budget ?? null,
    budgetDuration: record.budget_duration ?? null,
    resetAt: record.budget_reset_at ?? null,
    rate,
    projection: projectBudget({ now, periodSpend: record.spend, maxBudget: record.max_budget, resetAt: record.budget_reset_at, rate }),
  };
}

/** The `--json` document (documented in the README; add fields, never rename or drop them). */
export function reportJson(report: SpendReport) {
  const { projection, rate } = report;
  return {
    key_alias: report.alias,
    source: report.source,
    window: report.window ? { start: report.window.first, end: report.window.last, days: report.window.days.length } : null,
    days: report.days,
    models: report.models,
    total: report.total,
    today: report.today,
    period_spend: report.periodSpend,
    max_budget: report.maxBudget,
    remaining_budget: projection.remaining,
    budget_duration: report.budgetDuration,
    budget_reset_at: report.resetAt,
    projection: {
      status: projection.status,
      daily_rate: rate?.perDay ?? null,
      rate_since: rate?.since.toISOString() ?? null,
      rate_days: rate?.days ?? null,
      rate_basis: rate ? (report.source === 'spend_logs' ? 'spend_logs' : 'period_average') : null,
      runs_out_on: projection.runsOutOn,
      lasts_period: projection.lastsPeriod,
      spend_at_reset: projection.spendAtReset,
    },
    note: report.source === 'key_info' ? MASTER_KEY_NOTE : null,
  };
}
