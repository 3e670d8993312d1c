// What the scheduled job did, for `schedule show` and the doctor: the last run with one result per
// key, and how many runs in a row left something undone (the doctor fails at FAILED_RUNS_ALARM).
// Plus the job's log: one line per key and run, the last LOG_LINES lines kept. No secret in either:
// keys are named by alias, results by words and the proxy's error messages.
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { withFileLock } from '../io/file-lock.ts';
import { readTextIfExists } from '../io/read-optional.ts';

export type KeyRunOutcome = 'rotated' | 'resumed' | 'not-due' | 'deferred' | 'failed';

export interface KeyRunResult {
  alias: string;
  outcome: KeyRunOutcome;
  /** Why it was deferred or failed; what went wrong around a rotation that happened. */
  message?: string;
  hint?: string;
  /** not-due: when it is. */
  due_at?: string;
  /** Rotated, but something needs a person (a place still holding the old key). */
  problems?: string[];
}

export interface ScheduleRun {
  started_at: string;
  finished_at: string;
  results: KeyRunResult[];
  /** A failure before any key was looked at (no credential, proxy down). */
  error?: { message: string; hint?: string; deferred: boolean };
}

export interface RunHistory {
  version: 1;
  last_run: ScheduleRun | null;
  /** Runs in a row that left a key undone (deferred or failed); 0 after a clean run. */
  failed_runs: number;
}

/** From this many failed runs in a row the job exits non-zero and the doctor fails. */
export const FAILED_RUNS_ALARM = 3;
export const LOG_LINES = 500;

export function runHistoryFile(stateDir: string): string {
  return join(stateDir, 'schedule-runs.json');
}

export function scheduleLogFile(stateDir: string): string {
  return join(stateDir, 'schedule.log');
}

/** A run left something undone: a key deferred or failed, a problem after a rotation, or no key looked at. */
export function runFailed(run: ScheduleRun): boolean {
  return Boolean(run.error) || run.results.some((r) => r.outcome === 'deferred' || r.outcome === 'failed' || (r.problems?.length ?? 0) > 0);
}

/** Something a person must do: a key failed for good, or the job has failed FAILED_RUNS_ALARM times in a row. */
export function needsPerson(run: ScheduleRun, failedRuns: number): boolean {
  const failedForGood = (run.error && !run.error.deferred) || run.results.some((r) => r.outcome === 'failed' || (r.problems?.length ?? 0) > 0);
  return Boolean(failedForGood) || failedRuns >= FAILED_RUNS_ALARM;
}

export async function readRunHistory(stateDir: string): Promise<RunHistory> {
  const text = await readTextIfExists(runHistoryFile(stateDir));
  if (text === null) return { version: 1, last_run: null, failed_runs: 0 };
  try {
    const history = JSON.parse(text) as RunHistory;
    if (history?.version === 1 && typeof history.failed_runs === 'number') return history;
  } catch { /* a damaged history is started afresh: it only reports */ }
  return { version: 1, last_run: null, failed_runs: 0 };
}

/** Record a finished run; returns the streak of failed runs it makes. */
export async function recordRun(stateDir: string, run: ScheduleRun): Promise<number> {
  const file = runHistoryFile(stateDir);
  return withFileLock(file, async () => {
    const before = await readRunHistory(stateDir);
    const failedRuns = runFailed(run) ? before.failed_runs + 1 : 0;
    const history: RunHistory = { version: 1, last_run: run, failed_runs: failedRuns };
    await writeFileAtomic(file, `${JSON.stringify(history, null, 2)}\n`, { mode: 0o600, dirMode: 0o700 });
    await appendLog(stateDir, logLines(run));
    return failedRuns;
  });
}

/** One line per key (or one for a run that looked at none). */
export function logLines(run: ScheduleRun): string[] {
  const at = run.finished_at;
  if (run.error) return [`${at} run ${run.error.deferred ? 'deferred' : 'failed'}: ${oneLine(run.error.message)}${run.error.hint ? ` (${oneLine(run.error.hint)})` : ''}`];
  if (run.results.length === 0) return [`${at} run: no keys held for this proxy`];
  return run.results.map((r) => `${at} ${r.alias} ${describeResult(r)}`);
}

export function describeResult(r: KeyRunResult): string {
  const problems = r.problems?.length ? `; needs you: ${r.problems.map(oneLine).join(' ')}` : '';
  switch (r.outcome) {
    case 'not-due': return `not due (due ${r.due_at ?? '?'})`;
    case 'rotated': return `rotated${r.message ? ` (${oneLine(r.message)})` : ''}${problems}`;
    case 'resumed': return `settled an interrupted rotation${r.message ? ` (${oneLine(r.message)})` : ''}${problems}`;
    case 'deferred': return `deferred to the next run: ${oneLine(r.message ?? '')}`;
    case 'failed': return `FAILED: ${oneLine(r.message ?? '')}${r.hint ? ` (${oneLine(r.hint)})` : ''}`;
  }
}

// Keep the log line-based: a proxy's message must not start lines of its own.
function oneLine(text: string): string {
  return text.replace(/[\r\n\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** Bounded: the file keeps its last LOG_LINES lines (rewritten atomically, like every file ollm writes). */
async function appendLog(stateDir: string, lines: string[]): Promise<void> {
  const file = scheduleLogFile(stateDir);
  const kept = ((await readTextIfExists(file)) ?? '').split('\n').filter(Boolean);
  const all = [...kept, ...lines].slice(-LOG_LINES);
  await writeFileAtomic(file, `${all.join('\n')}\n`, { mode: 0o600, dirMode: 0o700 });
}
