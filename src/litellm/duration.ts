// LiteLLM's duration grammar (`<int><s|m|h|d|w|mo>`), checked locally because proxies disagree on
// anything else: older ones store an unparseable budget_duration and reset the budget daily; the
// newest refuse it (400) and read hourly/daily/weekly/monthly as 1h/24h/7d/30d.
import { inlineText } from '../output/terminal-text.ts';

const DURATION = /^([1-9]\d{0,5})(mo|s|m|h|d|w)$/;

export type DurationUnit = 's' | 'm' | 'h' | 'd' | 'w' | 'mo';

export interface Duration {
  value: number;
  unit: DurationUnit;
  /** The canonical text sent to LiteLLM, e.g. `1mo`. */
  text: string;
}

/** Parse a duration such as `30d` or `1mo`; null when it is not in LiteLLM's grammar. */
export function parseDuration(raw: string): Duration | null {
  const match = DURATION.exec(raw.trim());
  if (!match) return null;
  const value = Number(match[1]);
  const unit = match[2] as DurationUnit;
  return { value, unit, text: `${value}${unit}` };
}

/**
 * Why this is not a usable budget period, or null when it is. LiteLLM's budget reset only
 * knows one-month intervals (`2mo` makes key creation fail with a 500).
 */
export function budgetPeriodProblem(duration: Duration): string | null {
  if (duration.unit === 'mo' && duration.value !== 1) return 'LiteLLM only supports 1-month budget periods ("1mo")';
  return null;
}

const UNIT_WORDS: Record<DurationUnit, [string, string]> = {
  s: ['second', 'seconds'], m: ['minute', 'minutes'], h: ['hour', 'hours'],
  d: ['day', 'days'], w: ['week', 'weeks'], mo: ['month', 'months'],
};

/** The words the newest LiteLLM maps (litellm_core_utils/duration_parser.py); older ones do not. */
const WORD_PERIODS: Record<string, string> = { hourly: '1h', daily: '24h', weekly: '7d', monthly: '30d' };

/** `1mo` → `monthly`, `7d` → `weekly`, `3h` → `every 3 hours`; unknown text is shown as is. */
export function describePeriod(text: string | null | undefined): string {
  if (!text) return 'none';
  const duration = parseDuration(text);
  if (!duration) {
    const word = WORD_PERIODS[text];
    if (word) return `${text} (newer LiteLLM reads it as ${word}; older versions reset it daily)`;
    // The proxy's own text: shown inside a summary line, so it must not start a line or colour it.
    return `${inlineText(text)} (not a LiteLLM duration: newer LiteLLM refuses it; older versions reset it daily)`;
  }
  if (duration.text === '1mo' || duration.text === '30d') return 'monthly';
  if (duration.text === '7d' || duration.text === '1w') return 'weekly';
  if (duration.text === '1d' || duration.text === '24h') return 'daily';
  const [one, many] = UNIT_WORDS[duration.unit];
  return duration.value === 1 ? `every ${one}` : `every ${duration.value} ${many}`;
}

const UNIT_SECONDS: Record<DurationUnit, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, mo: 2_592_000 };

/** Length in milliseconds (a month counted as 30 days). */
export function durationToMs(duration: Duration): number {
  return duration.value * UNIT_SECONDS[duration.unit] * 1000;
}
