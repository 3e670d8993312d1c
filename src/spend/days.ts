// The days a spend report covers (UTC calendar days, as LiteLLM groups its logs) and LiteLLM's
// per-day answer turned into one entry per day, zeros included, plus totals per model.
import type { SpendDay } from '../litellm/schemas.ts';

export const DAY_MS = 86_400_000;

export interface SpendWindow {
  /** First day, `YYYY-MM-DD`. */
  first: string;
  /** Last day: today (UTC). */
  last: string;
  days: string[];
  /** True when the window was shortened to start on the key's creation day. */
  fromCreation?: boolean;
}

export interface DaySpend {
  date: string;
  spend: number;
}

export interface ModelSpend {
  model: string;
  spend: number;
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function utcDay(instant: Date | number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

export function addDays(day: string, count: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + count * DAY_MS);
}

/** The last `count` days up to and including today. */
export function spendWindow(now: Date, count: number): SpendWindow {
  const last = utcDay(now);
  const days = Array.from({ length: count }, (_, i) => addDays(last, i - count + 1));
  return { first: days[0]!, last, days };
}

/**
 * The window from the key's creation day when that is inside it: the days before the key existed
 * hold nothing to show. Kept whole when the logs hold spend from before (a clock off, or a key
 * imported with its history), so no logged spend is hidden.
 */
export function fromCreationDay(window: SpendWindow, createdAt: string | null | undefined, answer: SpendDay[]): SpendWindow {
  const created = createdAt ? Date.parse(createdAt) : Number.NaN;
  if (Number.isNaN(created)) return window;
  const first = utcDay(created);
  if (first <= window.first || first > window.last) return window;
  if (answer.some((entry) => entry.startTime.slice(0, 10) < first && entry.spend > 0)) return window;
  return { first, last: window.last, days: window.days.filter((day) => day >= first), fromCreation: true };
}

/**
 * The dates to ask /spend/logs for. LiteLLM keeps rows with startTime <= end_date at 00:00, so
 * asking for the window's last day would drop today: the end date is tomorrow instead, and
 * whatever falls outside the window is dropped by {@link dailySeries}.
 */
export function spendLogsRange(window: SpendWindow): { startDate: string; endDate: string } {
  return { startDate: window.first, endDate: addDays(window.last, 1) };
}

/** One entry per day of the window; days LiteLLM did not list count as zero. */
export function dailySeries(window: SpendWindow, answer: SpendDay[]): DaySpend[] {
  const byDay = new Map<string, number>(window.days.map((day) => [day, 0]));
  for (const entry of answer) {
    const day = entry.startTime.slice(0, 10);
    const sum = byDay.get(day);
    if (sum !== undefined) byDay.set(day, sum + entry.spend);
  }
  return [...byDay].map(([date, spend]) => ({ date, spend: roundMoney(spend) }));
}

/** Spend per model over the window's days, largest first (ties by name); free models stay listed. */
export function modelTotals(window: SpendWindow, answer: SpendDay[]): ModelSpend[] {
  const inWindow = new Set(window.days);
  const totals = new Map<string, number>();
  for (const entry of answer) {
    if (!inWindow.has(entry.startTime.slice(0, 10))) continue;
    for (const [model, spend] of Object.entries(entry.models ?? {})) totals.set(model, (totals.get(model) ?? 0) + spend);
  }
  return [...totals]
    .map(([model, spend]) => ({ model, spend: roundMoney(spend) }))
    .sort((a, b) => b.spend - a.spend || a.model.localeCompare(b.model));
}

/** Sums of floats drift (0.1 + 0.2); a millionth of a dollar is far below anything shown. */
export function roundMoney(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
