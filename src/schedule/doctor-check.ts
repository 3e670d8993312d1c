// The doctor's view of the scheduled rotation: what is installed and what its last run did. It
// fails after FAILED_RUNS_ALARM failed runs in a row (one deferral is no alarm: the next run
// retries), when a file the scheduler runs is gone, or when the job has no credential to use.
import { access } from 'node:fs/promises';
import { defineCheck } from '../doctor/check.ts';
import { fail, ok, skip, warn, type CheckResult } from '../doctor/report.ts';
import { MASTER_SERVICE } from '../secrets/store.ts';
import { FAILED_RUNS_ALARM, readRunHistory, scheduleLogFile, type ScheduleRun } from './run-record.ts';
import { readSchedule } from './schedule-settings.ts';
import type { Ctx } from '../context.ts';

export const SCHEDULE_CHECK = defineCheck({
  id: 'schedule', title: 'Scheduled rotation', needs: [],
  run: async (d) => checkSchedule(d.ctx),
});

export async function checkSchedule(ctx: Ctx): Promise<CheckResult> {
  let settings;
  try {
    settings = await readSchedule(ctx.paths.stateDir);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), 'ollm schedule remove, then ollm schedule set --every 30d');
  }
  if (!settings) return skip('No scheduled rotation (`ollm schedule set --every 30d` installs one).');
  const history = await readRunHistory(ctx.paths.stateDir);
  const what = `${settings.scheduler}, every ${settings.every}`;
  const again = `ollm schedule set --every ${settings.every}${settings.aliases.map((a) => ` --alias ${a}`).join('')} --scheduler ${settings.scheduler}`;
  const gone = [];
  for (const file of [...settings.installed.files, ...settings.job.argv.slice(0, 2)]) {
    if (!(await access(file).then(() => true, () => false))) gone.push(file);
  }
  if (gone.length) return fail(`${what}: ${gone.join(', ')} ${gone.length === 1 ? 'is' : 'are'} gone, so the job cannot run (ollm or node moved, or a file was deleted by hand).`, again);

  const credential = await (await ctx.vault()).find(MASTER_SERVICE, settings.proxy).catch(() => null);
  if (!credential) return fail(`${what}: the job has no saved credential for ${settings.proxy} (it never gets LITELLM_MASTER_KEY), so every run fails.`, 'ollm login');
  // A user's own credential (a later issue) would limit what a stolen job credential can do; today it is the master key.
  const credentialNote = ' It uses the saved master key; a credential of your own user is recommended once ollm supports one.';

  const last = history.last_run;
  if (!last) return ok(`${what}; no run yet.${credentialNote}`);
  const summary = `${what}; last run ${last.finished_at}: ${summarise(last)}.`;
  if (history.failed_runs >= FAILED_RUNS_ALARM) {
    return fail(`${summary} The last ${history.failed_runs} runs left keys unrotated: ${reason(last)}.`, fixFor(last) ?? `see ${scheduleLogFile(ctx.paths.stateDir)}`);
  }
  if (history.failed_runs > 0) return warn(`${summary} The next run tries again: ${reason(last)}.`, fixFor(last));
  return ok(`${summary}${credentialNote}`);
}

function summarise(run: ScheduleRun): string {
  if (run.error) return `${run.error.deferred ? 'deferred' : 'failed'} before any key`;
  if (!run.results.length) return 'no keys held';
  const counts = new Map<string, number>();
  for (const r of run.results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  return [...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', ');
}

function reason(run: ScheduleRun): string {
  if (run.error) return run.error.message;
  const broken = run.results.find((r) => r.outcome === 'failed' || r.outcome === 'deferred' || r.problems?.length);
  return broken ? `${broken.alias}: ${broken.message ?? broken.problems?.join(' ') ?? ''}` : 'unknown';
}

function fixFor(run: ScheduleRun): string | null {
  if (run.error) return run.error.hint ?? null;
  return run.results.find((r) => r.hint)?.hint ?? null;
}
