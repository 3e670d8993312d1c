// Money, dates and budget figures as people read them.
import type { ChalkInstance } from 'chalk';
import { describePeriod } from '../litellm/duration.ts';
import { inlineText } from './terminal-text.ts';

/**
 * The one money rule: cents (`$0.61`, `$12.50`), or four decimals when a non-zero amount would
 * otherwise show as $0.00 (`$0.0012`); `—` for no amount.
 */
export function formatMoney(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return formatMoneyColumn([value])[0]!;
}

/** Amounts shown in one column, by formatMoney's rule with one precision for all, so the cents line up. */
export function formatMoneyColumn(values: number[]): string[] {
  const digits = values.some((v) => v !== 0 && Math.abs(v) < 0.005) ? 4 : 2;
  const texts = values.map((v) => `$${v.toFixed(digits)}`);
  const width = Math.max(0, ...texts.map((t) => t.length));
  return texts.map((t) => t.padStart(width));
}

/** A key's budget with its period, the same in every command: `$50.00 (monthly)`, `$5.00 (never resets)`, `no limit`. */
export function formatBudget(maxBudget: number | null | undefined, budgetDuration: string | null | undefined): string {
  if (maxBudget === null || maxBudget === undefined) return 'no limit';
  return `${formatMoney(maxBudget)} (${budgetDuration ? describePeriod(budgetDuration) : 'never resets'})`;
}

const DAY_MS = 86_400_000;

/** The one date format for an instant, in every command: `2026-12-01 00:00 UTC (in 9 days)`; `—` when there is no date. */
export function formatWhen(iso: string | null | undefined, now: Date): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return inlineText(iso); // the proxy's text, as it sent it
  const text = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${text} (${relative(date, now)})`;
}

function relative(date: Date, now: Date): string {
  const ms = date.getTime() - now.getTime();
  const abs = Math.abs(ms);
  let amount: string;
  if (abs < 3_600_000) amount = plural(Math.max(1, Math.round(abs / 60_000)), 'minute');
  else if (abs < DAY_MS) amount = plural(Math.round(abs / 3_600_000), 'hour');
  // A day or more apart: counted in UTC calendar days, as formatDay counts, so a reset and a day
  // shown on one screen never disagree by the rounding of a half day.
  else amount = plural(Math.max(1, Math.abs(calendarDaysApart(date, now))), 'day');
  return ms >= 0 ? `in ${amount}` : `${amount} ago`;
}

/** UTC calendar days from `now`'s day to `date`'s day (negative in the past). */
function calendarDaysApart(date: Date, now: Date): number {
  return Math.round((Date.parse(date.toISOString().slice(0, 10)) - Date.parse(now.toISOString().slice(0, 10))) / DAY_MS);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface BudgetUse {
  remaining: number | null;
  /** Percent of the budget spent, or null without a budget. A zero budget counts as fully used. */
  usedPercent: number | null;
}

export function budgetUse(spend: number, maxBudget: number | null | undefined): BudgetUse {
  if (maxBudget === null || maxBudget === undefined) return { remaining: null, usedPercent: null };
  const usedPercent = maxBudget === 0 ? 100 : (spend / maxBudget) * 100;
  return { remaining: Math.max(0, maxBudget - spend), usedPercent: Math.round(usedPercent * 100) / 100 };
}

/** A 20-cell bar, green → yellow at 80 % → red at 100 %; plain `[####    ]` without colour. */
export function usageBar(percent: number, color: ChalkInstance): string {
  const width = 20;
  const filled = Math.min(width, Math.round((Math.min(percent, 100) / 100) * width));
  const paint = percent >= 100 ? color.red : percent >= 80 ? color.yellow : color.green;
  if (color.level === 0) return `[${'#'.repeat(filled)}${' '.repeat(width - filled)}]`;
  return paint('█'.repeat(filled)) + color.dim('░'.repeat(width - filled));
}

/** A key's models for a summary row: the proxy's names, each shown safely inside the line; `all` for none. */
export function formatModels(models: readonly string[]): string {
  return models.length ? models.map(inlineText).join(', ') : 'all';
}

/** Aligned `label  value` lines for a summary. */
export function formatSummary(rows: Array<[string, string]>, color: ChalkInstance): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${color.bold(label.padEnd(width))}  ${value}`).join('\n');
}

/** A calendar day (UTC): `2026-12-01 (in 9 days)`, `(today)`, `(tomorrow)`, `(2 days ago)`. */
export function formatDay(day: string | Date, now: Date): string {
  const date = typeof day === 'string' ? new Date(`${day.slice(0, 10)}T00:00:00Z`) : day;
  if (Number.isNaN(date.getTime())) return String(day);
  const text = date.toISOString().slice(0, 10);
  const apart = calendarDaysApart(date, now);
  const when = apart === 0 ? 'today' : apart === 1 ? 'tomorrow' : apart === -1 ? 'yesterday'
    : apart > 0 ? `in ${plural(apart, 'day')}` : `${plural(-apart, 'day')} ago`;
  return `${text} (${when})`;
}
