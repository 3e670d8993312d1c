// `ollm schedule set`: install a daily job that rotates the keys held here once they are due —
// a systemd user timer, a LaunchAgent or a crontab block, written and removed by ollm itself (the
// model is `git maintenance start`): absolute paths, no root, never a secret in what it writes.
import { UsageError, UserError } from '../errors.ts';
import type { Ctx } from '../context.ts';
import { ownEntryFile } from '../io/own-entry.ts';
import { MASTER_SERVICE } from '../secrets/store.ts';
import { findOpenClawBin } from '../schedule/openclaw-bin.ts';
import { jobSpec } from '../schedule/job-spec.ts';
import { schedulerHost } from '../schedule/host.ts';
import { checkAliases, checkEvery, checkGrace, scheduleKeyArgs } from '../schedule/schedule-flags.ts';
import { readSchedule, writeSchedule, type ScheduleSettings } from '../schedule/schedule-settings.ts';
import { autoScheduler, usableScheduler } from '../schedule/schedulers.ts';
import type { SchedulerName } from '../schedule/scheduler.ts';
import type { Options } from '../parse/options.ts';
import { defineCommand, type CommandResult, type FlagValues } from './command.ts';

export const scheduleSetArgs = {
  ...scheduleKeyArgs,
  all: { type: 'boolean', default: false, describe: 'Every key held here for the proxy (the default without --alias)' },
  // `--for <assistant>` (the assistant plug-in) narrows the keys here, as --alias does.
  scheduler: { type: 'string', choices: ['auto', 'systemd', 'launchd', 'cron'], default: 'auto', describe: 'What runs the job: auto is launchd on macOS, systemd elsewhere' },
} as const satisfies Record<string, Options>;

export default defineCommand({
  command: 'set',
  examples: [
    ['ollm schedule set --every 30d', 'every key held here gets a new secret every 30 days'],
    ['ollm schedule set --every 1w --alias openclaw --grace 24h', 'one key, weekly; the old one works a day longer'],
    ['ollm schedule set --every 30d --scheduler cron', 'where no systemd user manager runs (a container, a server without linger)'],
  ],
  args: scheduleSetArgs,
  validate(args) {
    checkEvery(args.every);
    checkGrace(args.grace);
    checkAliases(args.alias);
    if (args.all && args.alias?.length) throw new UsageError('--all and --alias say different things: all keys, or only some.', 'Give one of them.');
  },
  handler: (args, ctx) => setSchedule(ctx, args),
});

export async function setSchedule(ctx: Ctx, args: FlagValues<typeof scheduleSetArgs>): Promise<CommandResult> {
  const everyText = args.every!.trim();
  checkEvery(everyText);
  const grace = checkGrace(args.grace);
  const aliases = checkAliases(args.alias);
  const proxy = await ctx.proxy();
  await assertHeld(ctx, aliases, proxy.base);
  await assertSavedCredential(ctx, proxy.base);

  const host = schedulerHost(ctx);
  const name: SchedulerName = args.scheduler === 'auto' ? autoScheduler(process.platform) : args.scheduler;
  const before = await readSchedule(ctx.paths.stateDir);
  if (before && before.scheduler !== name) {
    throw new UserError(`A schedule is installed with ${before.scheduler}; ollm keeps one job, not two.`, {
      code: 'schedule_other_scheduler', hint: `Run \`ollm schedule remove\` first, then \`ollm schedule set\` with --scheduler ${name}.`,
    });
  }
  const scheduler = await usableScheduler(name, host);
  const job = jobSpec({
    node: process.execPath, entry: ownEntryFile(), everyText, grace, aliases, env: ctx.env, proxy, openclawBin: await findOpenClawBin(ctx.env),
  });
  // Replacing: the same scheduler overwrites its own files (cron its own block) in place.
  const installed = await scheduler.install(host, job);
  const settings: ScheduleSettings = {
    version: 1, scheduler: name, every: everyText, grace, aliases, proxy: proxy.base, installed_at: ctx.now().toISOString(), installed,
    job: { argv: job.argv, env: Object.keys(job.env) },
  };
  await writeSchedule(ctx.paths.stateDir, settings);
  const nextRun = await scheduler.nextRun(host, installed);
  const which = aliases.length ? aliases.map((a) => `"${a}"`).join(', ') : `every key held here for ${proxy.base}`;
  return {
    human: [
      ctx.color.green(`✓ Scheduled with ${name}: ${which} rotated every ${everyText}${grace ? ` (the old key keeps working ${grace})` : ' (the old key is deleted at once)'}.`),
      ...installed.files.map((f) => `  wrote ${f}`),
      ...(installed.where ? [`  job in ${installed.where}`] : []),
      `  next check: ${nextRun ?? 'unknown'}`,
      '  The job uses the credential saved by `ollm login`; `ollm schedule show` reports its runs, `ollm schedule remove` takes it away.',
    ].join('\n'),
    json: { scheduler: name, every: everyText, grace, aliases, proxy_url: proxy.base, files: installed.files, where: installed.where ?? null, next_run: nextRun, job: settings.job },
  };
}

async function assertHeld(ctx: Ctx, aliases: string[], proxyBase: string): Promise<void> {
  if (!aliases.length) return;
  const accounts = new Set(await (await ctx.manifest()).accounts());
  const missing = aliases.filter((a) => !accounts.has(`${a}@${proxyBase}`));
  if (missing.length) {
    throw new UserError(`No key ${missing.map((a) => `"${a}"`).join(', ')} is held on this machine for ${proxyBase}.`, {
      code: 'key_not_held', hint: '`ollm key list` shows the keys; create one with `ollm key create --alias <name>`.',
    });
  }
}

/** The job runs with nobody to type a key and no LITELLM_MASTER_KEY (never written into a job): it needs `ollm login`'s entry. */
async function assertSavedCredential(ctx: Ctx, proxyBase: string): Promise<void> {
  const saved = await (await ctx.vault()).find(MASTER_SERVICE, proxyBase);
  if (saved) return;
  throw new UserError(`The scheduled job needs a credential saved for ${proxyBase}, and none is.${ctx.env.LITELLM_MASTER_KEY ? ' LITELLM_MASTER_KEY is set here, but a secret is never written into a job.' : ''}`, {
    code: 'schedule_needs_login', hint: 'Save it once with `ollm login`, then run this again.',
  });
}
