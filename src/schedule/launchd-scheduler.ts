// launchd (macOS): a LaunchAgent in ~/Library/LaunchAgents, loaded into the user's GUI domain
// with `launchctl bootstrap gui/<uid>`, where the login keychain can be reached (cron's jobs cannot).
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { launchAgentPlist, LABEL } from './launchd-plist.ts';
import { failedRun, nextDaily, randomTime, type Scheduler, type SchedulerHost } from './scheduler.ts';

export function plistFile(home: string): string {
  return join(home, 'Library', 'LaunchAgents', `${LABEL}.plist`);
}

const domain = (host: SchedulerHost) => `gui/${host.uid}`;

export const launchdScheduler: Scheduler = {
  name: 'launchd',
  async unavailable(host) {
    const run = await host.run('launchctl', ['print', domain(host)]);
    if (run.code === 0) return null;
    return { message: `launchd's GUI domain of this user does not answer (${failedRun(`launchctl print ${domain(host)}`, run)}).`, hint: 'Run `ollm schedule set` from a logged-in macOS session (not over ssh without one).' };
  },
  async install(host, job) {
    const file = plistFile(host.home);
    const at = randomTime();
    // Replacing: the loaded agent goes first, or bootstrap refuses a label already there.
    await host.run('launchctl', ['bootout', `${domain(host)}/${LABEL}`]);
    await writeFileAtomic(file, launchAgentPlist(job, at), { mode: 0o600, dirMode: 0o700 });
    const run = await host.run('launchctl', ['bootstrap', domain(host), file]);
    if (run.code !== 0) {
      await unlink(file).catch(() => {});
      throw new UserError(failedRun(`launchctl bootstrap ${domain(host)}`, run), { code: 'launchd_failed', hint: 'Nothing was installed. Check `launchctl print gui/$(id -u)`.' });
    }
    return { files: [file], at };
  },
  async nextRun(host, installed) {
    return installed.at ? nextDaily(host.now, installed.at).toISOString() : null;
  },
  async remove(host, installed) {
    await host.run('launchctl', ['bootout', `${domain(host)}/${LABEL}`]);
    for (const file of installed.files.length ? installed.files : [plistFile(host.home)]) {
      await unlink(file).catch((error: NodeJS.ErrnoException) => { if (error.code !== 'ENOENT') throw error; });
    }
  },
};
