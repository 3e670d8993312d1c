// The scheduled job (`ollm schedule run`, started by systemd, launchd or cron): rotate exactly the
// keys held here that are due, settle interrupted rotations, record what happened. Nobody is at the
// keyboard: no prompt, no progress, one line per key, and a non-zero exit only when a person is needed.
import type { Ctx } from '../context.ts';
import { UserError } from '../errors.ts';
import { keyAccount } from '../secrets/store.ts';
import { acquireLock } from '../rotation/lock.ts';
import { readJournal } from '../rotation/journal.ts';
import { resumeRotation, rotateHeldKey, type RotationOutcome } from '../rotation/runner.ts';
import { selectKeys } from '../rotation/select.ts';
import { dueAt, lastRenewedAt } from './due.ts';
import { readRotationRecord } from './rotation-record.ts';
import { needsPerson, recordRun, type KeyRunResult, type ScheduleRun } from './run-record.ts';

export interface JobOptions {
  everyMs: number;
  grace: string | null;
  /** Only these aliases; all keys held here for the proxy when empty. */
  aliases: string[];
}

export interface JobResult {
  run: ScheduleRun;
  failedRuns: number;
  exitCode: number;
}

/**
 * Errors that mean "try again at the next run", not an alarm: another ollm holds the key, the
 * keychain is locked or slow, the proxy is briefly away. Counted in the failed-run streak all the
 * same, so a keychain that is never unlocked does reach a person (FAILED_RUNS_ALARM).
 */
const DEFERRABLE = new Set([
  'rotation_locked', 'keychain_locked', 'keychain_timeout', 'keychain_unavailable',
  'proxy_unreachable', 'proxy_timeout', 'proxy_dns', 'proxy_connection_reset', 'proxy_shutting_down', 'proxy_database_down',
]);

/** A held lock is another rotation at work: this run does not wait long for it. */
const LOCK_WAIT_MS = 5000;

export async function runScheduledRotation(ctx: Ctx, options: JobOptions): Promise<JobResult> {
  const startedAt = ctx.now();
  let results: KeyRunResult[] = [];
  let error: ScheduleRun['error'];
  try {
    results = await rotateDueKeys(ctx, options);
  } catch (caught) {
    if (!(caught instanceof UserError)) throw caught;
    error = { message: caught.message, ...(caught.hint ? { hint: caught.hint } : {}), deferred: DEFERRABLE.has(caught.code) };
  }
  const run: ScheduleRun = { started_at: startedAt.toISOString(), finished_at: ctx.now().toISOString(), results, ...(error ? { error } : {}) };
  const failedRuns = await recordRun(ctx.paths.stateDir, run);
  return { run, failedRuns, exitCode: needsPerson(run, failedRuns) ? 1 : 0 };
}

async function rotateDueKeys(ctx: Ctx, options: JobOptions): Promise<KeyRunResult[]> {
  const proxy = await ctx.proxy();
  const held = (await selectKeys(ctx, { heldOnly: true, includeInterrupted: true })).map((s) => s.alias);
  const wanted = options.aliases.length ? options.aliases : held;
  const record = await readRotationRecord(ctx.paths.stateDir);
  const account = (alias: string) => keyAccount(alias, proxy.base);
  // The proxy's creation date only for keys ollm has no date of (made before it kept the record).
  const undated = wanted.filter((alias) => held.includes(alias) && !record.get(account(alias))?.rotated_at && !record.get(account(alias))?.created_at);
  const created = undated.length ? await proxyCreationDates(ctx) : new Map<string, string | null | undefined>();

  const results: KeyRunResult[] = [];
  // One key at a time: a daily job has no hurry, and the proxy and keychain see one request at a time.
  for (const alias of wanted) {
    if (!held.includes(alias)) {
      results.push({ alias, outcome: 'failed', message: `No key "${alias}" is held on this machine for ${proxy.base}.`, hint: 'Create it with `ollm key create`, or `ollm schedule set` again without it.' });
      continue;
    }
    const due = dueAt(lastRenewedAt(record.get(account(alias)), created.get(alias)), options.everyMs);
    results.push(await runOne(ctx, alias, account(alias), due, options.grace));
  }
  return results;
}

async function runOne(ctx: Ctx, alias: string, account: string, due: Date, grace: string | null): Promise<KeyRunResult> {
  try {
    const lock = await acquireLock(ctx.paths.stateDir, account, LOCK_WAIT_MS);
    try {
      if (due.getTime() > ctx.now().getTime()) {
        // Not due, but a rotation killed half-way is settled now, as `key rotate --resume` would.
        const settled = (await readJournal(ctx.paths.stateDir, account)) ? await resumeRotation(ctx, account) : null;
        return settled ? fromOutcome(alias, 'resumed', settled) : { alias, outcome: 'not-due', due_at: due.toISOString() };
      }
      const outcome = await rotateHeldKey(ctx, { alias, account, grace, force: false });
      return fromOutcome(alias, 'rotated', outcome);
    } finally {
      await lock.release();
    }
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { alias, outcome: DEFERRABLE.has(error.code) ? 'deferred' : 'failed', message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  }
}

function fromOutcome(alias: string, outcome: 'rotated' | 'resumed', o: RotationOutcome): KeyRunResult {
  const how = o.resumed === 'rolled-back' ? 'rolled back; the key is unchanged' : `${o.method}, old ${o.old_key} → new ${o.new_key}${o.grace ? `, old key kept ${o.grace}` : ''}`;
  return { alias, outcome, message: o.resumed === 'rolled-forward' && outcome === 'rotated' ? `${how}, finished an interrupted rotation` : how, ...(o.problems.length ? { problems: o.problems } : {}) };
}

async function proxyCreationDates(ctx: Ctx): Promise<Map<string, string | null | undefined>> {
  const keys = await (await ctx.litellm()).listAllKeys(await ctx.masterKey());
  return new Map(keys.filter((k) => k.key_alias).map((k) => [k.key_alias!, k.created_at]));
}
