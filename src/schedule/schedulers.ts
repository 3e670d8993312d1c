// The schedulers by name, and which one `--scheduler auto` means on this machine.
import { UserError } from '../errors.ts';
import { cronScheduler } from './cron-scheduler.ts';
import { launchdScheduler } from './launchd-scheduler.ts';
import type { Scheduler, SchedulerHost, SchedulerName } from './scheduler.ts';
import { systemdScheduler } from './systemd-scheduler.ts';

const BY_NAME: Record<SchedulerName, Scheduler> = { systemd: systemdScheduler, launchd: launchdScheduler, cron: cronScheduler };

export function schedulerNamed(name: SchedulerName): Scheduler {
  return BY_NAME[name];
}

/** auto: launchd on macOS (cron there cannot reach the login keychain), systemd elsewhere. */
export function autoScheduler(platform: NodeJS.Platform): SchedulerName {
  if (platform === 'darwin') return 'launchd';
  if (platform === 'win32') throw new UserError('`ollm schedule` does not support Windows yet.', { code: 'schedule_unsupported', hint: 'Run `ollm key rotate --all` from Task Scheduler meanwhile.' });
  return 'systemd';
}

/** The scheduler, checked usable here; nothing is written when it is not. */
export async function usableScheduler(name: SchedulerName, host: SchedulerHost): Promise<Scheduler> {
  const scheduler = schedulerNamed(name);
  const problem = await scheduler.unavailable(host);
  if (problem) throw new UserError(problem.message, { code: 'scheduler_unavailable', hint: problem.hint });
  return scheduler;
}
