// systemd: a user service and timer in ~/.config/systemd/user, enabled with
// `systemctl --user enable --now`. Needs a running user manager (a login session, or linger on a
// server nobody logs into); without one, nothing is written and cron is named instead.
import { access, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { failedRun, type Scheduler, type SchedulerHost } from './scheduler.ts';
import { serviceUnit, timerUnit, UNIT_NAME } from './systemd-units.ts';

export function unitDir(host: Pick<SchedulerHost, 'env' | 'home'>): string {
  const config = host.env.XDG_CONFIG_HOME?.startsWith('/') ? host.env.XDG_CONFIG_HOME : join(host.home, '.config');
  return join(config, 'systemd', 'user');
}

function unitFiles(host: SchedulerHost): { service: string; timer: string } {
  const dir = unitDir(host);
  return { service: join(dir, `${UNIT_NAME}.service`), timer: join(dir, `${UNIT_NAME}.timer`) };
}

async function systemctl(host: SchedulerHost, args: string[]) {
  return host.run('systemctl', ['--user', ...args]);
}

export const systemdScheduler: Scheduler = {
  name: 'systemd',
  async unavailable(host) {
    const run = await systemctl(host, ['show-environment']);
    if (run.code === 0) return null;
    return {
      message: `No systemd user manager answers here (${failedRun('systemctl --user show-environment', run)}).`,
      hint: 'Use --scheduler cron, or log in to a session with a user manager (on a server: loginctl enable-linger, then log in again).',
    };
  },
  async install(host, job) {
    const { service, timer } = unitFiles(host);
    await writeFileAtomic(service, serviceUnit(job), { mode: 0o600, dirMode: 0o700 });
    await writeFileAtomic(timer, timerUnit(), { mode: 0o600, dirMode: 0o700 });
    for (const args of [['daemon-reload'], ['enable', '--now', `${UNIT_NAME}.timer`]]) {
      const run = await systemctl(host, args);
      if (run.code !== 0) {
        // Nothing half-installed: the files go again, and the manager forgets them.
        await removeFiles(host);
        await systemctl(host, ['daemon-reload']);
        throw new UserError(failedRun(`systemctl --user ${args.join(' ')}`, run), { code: 'systemd_failed', hint: 'Nothing was installed. Check `systemctl --user status`, or use --scheduler cron.' });
      }
    }
    if (!(await lingers(host))) {
      host.warn('note: the timer runs while you are logged in. On a server nobody logs into, run `loginctl enable-linger` so it runs without a session (the keychain must then be unlocked too: see docs/schedule.md).');
    }
    return { files: [service, timer] };
  },
  async nextRun(host) {
    const run = await systemctl(host, ['show', `${UNIT_NAME}.timer`, '--property=NextElapseUSecRealtime', '--value']);
    const text = run.code === 0 ? run.stdout.trim() : '';
    return text && text !== 'n/a' ? text : null;
  },
  async remove(host) {
    // Stopping a unit the manager no longer knows is fine: the files are what remain to remove.
    await systemctl(host, ['disable', '--now', `${UNIT_NAME}.timer`]);
    await removeFiles(host);
    await systemctl(host, ['daemon-reload']);
  },
};

async function removeFiles(host: SchedulerHost): Promise<void> {
  const { service, timer } = unitFiles(host);
  for (const file of [timer, service]) {
    await unlink(file).catch((error: NodeJS.ErrnoException) => { if (error.code !== 'ENOENT') throw error; });
  }
}

/** logind's record that this user's manager runs without a session. */
async function lingers(host: SchedulerHost): Promise<boolean> {
  const user = host.env.USER ?? host.env.LOGNAME;
  if (!user) return false;
  return access(join('/var/lib/systemd/linger', user)).then(() => true, () => false);
}
