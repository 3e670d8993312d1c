// cron: ollm's marked block in the user's crontab, read with `crontab -l` and written back whole
// through `crontab -`. Works wherever cron runs, with no session manager; on macOS cron cannot
// reach the login keychain, so launchd is the choice there.
import { UserError } from '../errors.ts';
import { blockJobLine, cronBlock, withBlock, withoutBlock } from './cron-block.ts';
import { failedRun, nextDaily, randomTime, type Installed, type Scheduler, type SchedulerHost } from './scheduler.ts';

const WHERE = 'your crontab (crontab -l)';

async function readTable(host: SchedulerHost): Promise<string> {
  const run = await host.run('crontab', ['-l']);
  if (run.code === 0) return run.stdout;
  // "no crontab for <user>": an empty table, not an error.
  if (run.code !== null && /no crontab/i.test(run.stderr)) return '';
  throw new UserError(failedRun('crontab -l', run), { code: 'crontab_failed', hint: notInstalledHint(run.spawnError) });
}

async function writeTable(host: SchedulerHost, table: string): Promise<void> {
  const run = await host.run('crontab', ['-'], table);
  if (run.code !== 0) throw new UserError(failedRun('crontab -', run), { code: 'crontab_failed', hint: notInstalledHint(run.spawnError) });
}

function notInstalledHint(spawnError: Error | undefined): string {
  return spawnError ? 'Install cron (Debian: apt-get install cron), or choose another --scheduler.' : 'Check `crontab -l` yourself; your crontab was not changed.';
}

export const cronScheduler: Scheduler = {
  name: 'cron',
  async unavailable(host) {
    const run = await host.run('crontab', ['-l']);
    if (run.spawnError) return { message: 'cron is not installed here (no `crontab` on PATH).', hint: 'Install cron (Debian: apt-get install cron), or use --scheduler systemd where a user manager runs.' };
    return null;
  },
  async install(host, job) {
    const at = randomTime();
    const table = await readTable(host);
    await writeTable(host, withBlock(table, cronBlock(job, at)));
    return { files: [], where: WHERE, at };
  },
  async nextRun(host, installed) {
    return installed.at ? nextDaily(host.now, installed.at).toISOString() : null;
  },
  async remove(host) {
    const table = await readTable(host);
    const without = withoutBlock(table);
    if (without !== table) await writeTable(host, without);
  },
};

/** The job line ollm's block holds now (for show and the doctor), or null. */
export async function installedCronLine(host: SchedulerHost): Promise<string | null> {
  return blockJobLine(await readTable(host));
}

export type { Installed };
