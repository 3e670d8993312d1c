// LiteLLM's two duration readers, reproduced with their quirks:
// duration_in_seconds() for key expiry, and get_next_standardized_reset_time() for budget resets
// (litellm/litellm_core_utils/duration_parser.py). Everything is UTC, LiteLLM's default timezone.

/** A Python ValueError: LiteLLM lets these escape as 500s whose message is the error text. */
export class PyValueError extends Error {}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Expiry for `duration`: now + duration, exact. Throws PyValueError like LiteLLM. */
export function expiresAt(duration: string, now: Date): Date {
  // re.match(r"(\d+)(mo|[smhdw]?)") anchors only at the start: "30dx" reads as 30d, "30" has no unit.
  const match = /^(\d+)(mo|[smhdw]?)/.exec(duration);
  if (!match) throw new PyValueError('Invalid duration format');
  const value = Number(match[1]);
  const unitMs: Record<string, number> = { s: SECOND, m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY };
  const unit = match[2] ?? '';
  if (unit === 'mo') return addMonths(now, value);
  const ms = unitMs[unit];
  if (ms === undefined) throw new PyValueError(`Unsupported duration unit, passed duration: ${duration}`);
  return new Date(now.getTime() + value * ms);
}

/** Same day and time `months` later, clamped to the end of a shorter month. */
function addMonths(now: Date, months: number): Date {
  const total = now.getUTCMonth() + months;
  const year = now.getUTCFullYear() + Math.floor(total / 12);
  const month = total % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(now.getUTCDate(), lastDay);
  return new Date(Date.UTC(year, month, day, now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds()));
}

/**
 * When a key with this budget_duration next resets. LiteLLM never validates budget_duration on
 * write, and anything it cannot parse here (e.g. "monthly") silently resets at the next midnight.
 */
export function nextBudgetReset(budgetDuration: string, now: Date): Date {
  const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const match = /^(\d+)([a-z]+)/.exec(budgetDuration);
  if (!match) return new Date(midnight.getTime() + DAY);
  const value = Number(match[1]);
  switch (match[2]) {
    case 'd':
      return dayReset(now, midnight, value);
    case 'w':
      return dayReset(now, midnight, value * 7);
    case 'h':
      return value === 0 ? now : clockTime(midnight, nextBoundary(now.getUTCHours(), value), 0, 0);
    case 'm':
      return value === 0 ? now : clockTime(midnight, now.getUTCHours(), nextBoundary(now.getUTCMinutes(), value), 0);
    case 's':
      return value === 0 ? now : clockTime(midnight, now.getUTCHours(), now.getUTCMinutes(), nextBoundary(now.getUTCSeconds(), value));
    case 'mo':
      if (value !== 1) throw new PyValueError('Monthly resets currently only support 1 month intervals');
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    default:
      return new Date(midnight.getTime() + DAY);
  }
}

function dayReset(now: Date, midnight: Date, days: number): Date {
  if (days === 0) return now;
  if (days === 1) return new Date(midnight.getTime() + DAY);
  if (days === 7) {
    // Python's weekday(): Monday = 0. On a Monday the reset is the following Monday.
    const weekday = (now.getUTCDay() + 6) % 7;
    return new Date(midnight.getTime() + ((7 - weekday) % 7 || 7) * DAY);
  }
  if (days === 30) return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return new Date(midnight.getTime() + days * DAY);
}

/**
 * Hours, minutes and seconds reset on boundaries aligned to the clock (a "6h" budget resets at
 * 00/06/12/18h), not at now + N: the next multiple of N above the current field.
 */
function nextBoundary(field: number, value: number): number {
  return field % value !== 0 ? field + value - (field % value) : field + value;
}

/** Carry seconds into minutes into hours as Python does; past midnight it wraps once into the next day. */
function clockTime(midnight: Date, hour: number, minute: number, second: number): Date {
  minute += Math.floor(second / 60);
  hour += Math.floor(minute / 60);
  const nextDay = hour >= 24 ? DAY : 0;
  return new Date(midnight.getTime() + nextDay + (hour % 24) * HOUR + (minute % 60) * MINUTE + (second % 60) * SECOND);
}
