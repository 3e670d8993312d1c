// What `schedule set` installed, so `show` can describe it and `remove` can take away exactly that:
// `<state dir>/schedule.json` (0600, atomic). The job itself does not read it: its command line
// says what it does.
import { join } from 'node:path';
import { unlink } from 'node:fs/promises';
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { readTextIfExists } from '../io/read-optional.ts';
import type { Installed, SchedulerName } from './scheduler.ts';
import { SCHEDULERS } from './scheduler.ts';

export interface ScheduleSettings {
  version: 1;
  scheduler: SchedulerName;
  every: string;
  grace: string | null;
  /** Empty: every key held here for the proxy. */
  aliases: string[];
  proxy: string;
  installed_at: string;
  installed: Installed;
  /** The job's command line and the names (only) of the variables it carries. */
  job: { argv: string[]; env: string[] };
}

export function scheduleFile(stateDir: string): string {
  return join(stateDir, 'schedule.json');
}

export async function readSchedule(stateDir: string): Promise<ScheduleSettings | null> {
  const file = scheduleFile(stateDir);
  const text = await readTextIfExists(file);
  if (text === null) return null;
  try {
    const settings = JSON.parse(text) as ScheduleSettings;
    if (settings?.version === 1 && SCHEDULERS.includes(settings.scheduler) && Array.isArray(settings.installed?.files)) return settings;
  } catch { /* reported below */ }
  throw new UserError(`ollm's record of the installed schedule, ${file}, is damaged.`, {
    code: 'schedule_damaged', hint: `Remove the job by hand (docs/schedule.md says where each scheduler keeps it), then delete ${file}.`,
  });
}

export async function writeSchedule(stateDir: string, settings: ScheduleSettings): Promise<void> {
  await writeFileAtomic(scheduleFile(stateDir), `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600, dirMode: 0o700 });
}

export async function removeScheduleFile(stateDir: string): Promise<void> {
  await unlink(scheduleFile(stateDir)).catch((error: NodeJS.ErrnoException) => { if (error.code !== 'ENOENT') throw error; });
}
