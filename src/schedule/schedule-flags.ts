// The flags `schedule set` and the job (`schedule run`) share, and their checks: how often, how
// long the old key keeps working, which keys.
import { UsageError } from '../errors.ts';
import { validateAlias } from '../keys/alias.ts';
import { durationToMs, parseDuration } from '../litellm/duration.ts';
import type { Options } from '../parse/options.ts';

/**
 * How long the old key keeps working after a scheduled rotation. The slowest assistant to pick up
 * a new key is a key helper re-run every 5 minutes; OpenClaw's Gateway re-resolves on
 * `openclaw secrets reload` at once. One hour covers both with room for a long request.
 */
export const DEFAULT_GRACE = '1h';
const MIN_EVERY_MS = 86_400_000;

export const scheduleKeyArgs = {
  every: { type: 'string', describe: 'How often each key gets a new secret: a duration of at least 1d (e.g. 30d, 4w)' },
  grace: { type: 'string', default: DEFAULT_GRACE, describe: 'How long the old key keeps working after each rotation (none: deleted at once)' },
  alias: { type: 'string', array: true, alias: 'a', describe: 'Only this key (repeatable); default: every key held here for the proxy' },
} as const satisfies Record<string, Options>;

/** `--every`: required, a duration of at least a day (the job runs daily). Returns its length. */
export function checkEvery(every: string | undefined): number {
  if (every === undefined) throw new UsageError('--every is required: how often each key gets a new secret.', 'For example --every 30d.');
  const duration = parseDuration(every);
  if (!duration) throw new UsageError(`--every ${JSON.stringify(every)} is not a duration.`, 'For example --every 30d or --every 4w.');
  const ms = durationToMs(duration);
  if (ms < MIN_EVERY_MS) throw new UsageError(`--every ${duration.text} is shorter than a day; the job runs once a day.`, 'Use --every 1d or longer.');
  return ms;
}

/** `--grace`: a duration, or `none`; the text the rotation takes (null: delete the old key at once). */
export function checkGrace(grace: string): string | null {
  if (grace === 'none') return null;
  const duration = parseDuration(grace);
  if (!duration) throw new UsageError(`--grace ${JSON.stringify(grace)} is not a duration.`, 'For example --grace 1h, or --grace none to delete the old key at once.');
  return duration.text;
}

export function checkAliases(aliases: string[] | undefined): string[] {
  return [...new Set((aliases ?? []).map(validateAlias))];
}
