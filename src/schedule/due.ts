// When a key is due for its scheduled rotation: pure, so the rule is tested on its own.
import type { KeyDates } from './rotation-record.ts';

/** The job runs once a day: a key that would pass its age before the next run is rotated now. */
export const RUN_INTERVAL_MS = 86_400_000;

/**
 * When the key last got a new secret: ollm's record of its last rotation, else of its creation,
 * else the proxy's created_at (a key made before ollm kept the record); null when none is known.
 */
export function lastRenewedAt(dates: KeyDates | undefined, proxyCreatedAt: string | null | undefined): Date | null {
  for (const text of [dates?.rotated_at, dates?.created_at, proxyCreatedAt ?? undefined]) {
    if (text && !Number.isNaN(Date.parse(text))) return new Date(text);
  }
  return null;
}

/**
 * When the key falls due: `every` after its last renewal, one run early so no key is ever older
 * than `every` when the daily job keeps its time. A key of unknown age is due now.
 */
export function dueAt(renewed: Date | null, everyMs: number): Date {
  if (!renewed) return new Date(0);
  return new Date(renewed.getTime() + Math.max(0, everyMs - RUN_INTERVAL_MS));
}

export function isDue(renewed: Date | null, everyMs: number, now: Date): boolean {
  return dueAt(renewed, everyMs).getTime() <= now.getTime();
}
