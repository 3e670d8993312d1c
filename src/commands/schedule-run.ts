// `ollm schedule run`: the job the scheduler starts (hidden: people use `key rotate`). Rotates the
// keys held here that are due, one line per key on stdout (the journal on systemd, ollm's log
// everywhere), and exits non-zero only when a person is needed — then it says so on stderr.
import { scheduleKeyArgs, checkAliases, checkEvery, checkGrace } from '../schedule/schedule-flags.ts';
import { runScheduledRotation } from '../schedule/run-job.ts';
import { describeResult, FAILED_RUNS_ALARM, logLines, scheduleLogFile } from '../schedule/run-record.ts';
import { defineCommand } from './command.ts';

export default defineCommand({
  command: 'run',
  examples: [
    ['ollm schedule run --every 30d --grace 1h', 'what the installed job runs (see `ollm schedule show`)'],
  ],
  args: scheduleKeyArgs,
  validate(args) {
    checkEvery(args.every);
    checkGrace(args.grace);
    checkAliases(args.alias);
  },
  async handler(args, ctx) {
    const { run, failedRuns, exitCode } = await runScheduledRotation(ctx, {
      everyMs: checkEvery(args.every), grace: checkGrace(args.grace), aliases: checkAliases(args.alias),
    });
    if (exitCode !== 0) {
      const broken = run.error ? [`run ${run.error.message}`] : run.results.filter((r) => r.outcome === 'failed' || r.outcome === 'deferred' || r.problems?.length).map((r) => `${r.alias}: ${describeResult(r)}`);
      const streak = failedRuns >= FAILED_RUNS_ALARM ? ` The last ${failedRuns} runs left keys unrotated.` : '';
      // Not ctx.warn: --quiet must not hide what a person has to act on.
      ctx.io.stderr.write(`ollm schedule: needs you.${streak}\n${broken.map((b) => `  ${b}\n`).join('')}  log: ${scheduleLogFile(ctx.paths.stateDir)}; \`ollm doctor\` says how to fix it.\n`);
    }
    return { human: logLines(run).join('\n'), json: { ...run, failed_runs: failedRuns }, exitCode };
  },
});
