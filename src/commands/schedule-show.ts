// `ollm schedule show`: the installed job (scheduler, files, what it runs), its next and last run
// with one result per key, and how many runs in a row left keys unrotated.
import { schedulerHost } from '../schedule/host.ts';
import { describeResult, FAILED_RUNS_ALARM, readRunHistory, scheduleLogFile } from '../schedule/run-record.ts';
import { readSchedule } from '../schedule/schedule-settings.ts';
import { schedulerNamed } from '../schedule/schedulers.ts';
import { defineCommand } from './command.ts';

export default defineCommand({
  command: 'show',
  examples: [
    ['ollm schedule show', 'when the job runs next and what its last run did'],
    ['ollm schedule show --json', 'the same for scripts'],
  ],
  args: {},
  async handler(_args, ctx) {
    const settings = await readSchedule(ctx.paths.stateDir);
    const history = await readRunHistory(ctx.paths.stateDir);
    if (!settings) {
      return { human: 'No schedule is installed. Start one with `ollm schedule set --every 30d`.', json: { installed: false, last_run: history.last_run } };
    }
    const host = schedulerHost(ctx);
    const nextRun = await schedulerNamed(settings.scheduler).nextRun(host, settings.installed);
    const last = history.last_run;
    const human = [
      `Scheduler: ${settings.scheduler}`,
      `Keys:      ${settings.aliases.length ? settings.aliases.join(', ') : `every key held here for ${settings.proxy}`}`,
      `Every:     ${settings.every} (old key kept ${settings.grace ?? 'no longer: deleted at once'})`,
      ...settings.installed.files.map((f) => `File:      ${f}`),
      ...(settings.installed.where ? [`Job in:    ${settings.installed.where}`] : []),
      `Next run:  ${nextRun ?? 'unknown'}`,
      `Last run:  ${last ? last.finished_at : 'not yet'}`,
      ...(last?.error ? [`  ${last.error.deferred ? 'deferred' : 'FAILED'}: ${last.error.message}`] : []),
      ...(last?.results ?? []).map((r) => `  ${r.alias}: ${describeResult(r)}`),
      ...(history.failed_runs ? [`${history.failed_runs} run${history.failed_runs === 1 ? '' : 's'} in a row left keys unrotated${history.failed_runs >= FAILED_RUNS_ALARM ? ' — see `ollm doctor`' : ''}.`] : []),
      `Log:       ${scheduleLogFile(ctx.paths.stateDir)}`,
    ].join('\n');
    return {
      human,
      json: {
        installed: true, scheduler: settings.scheduler, every: settings.every, grace: settings.grace, aliases: settings.aliases, proxy_url: settings.proxy,
        files: settings.installed.files, where: settings.installed.where ?? null, job: settings.job, next_run: nextRun,
        last_run: last, failed_runs: history.failed_runs, log: scheduleLogFile(ctx.paths.stateDir),
      },
    };
  },
});
