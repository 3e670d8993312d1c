// `ollm schedule remove`: stop and delete what `schedule set` installed — the units, the plist or
// the crontab block — and the schedule's own state (its record, run history and log); nothing else.
// The record of when keys were rotated stays: it belongs to the keys, and `key rotate` reads it.
import { unlink } from 'node:fs/promises';
import { schedulerHost } from '../schedule/host.ts';
import { runHistoryFile, scheduleLogFile } from '../schedule/run-record.ts';
import { readSchedule, removeScheduleFile } from '../schedule/schedule-settings.ts';
import { schedulerNamed } from '../schedule/schedulers.ts';
import { defineCommand } from './command.ts';

export default defineCommand({
  command: 'remove',
  examples: [['ollm schedule remove', 'stop the job and delete what `ollm schedule set` wrote']],
  args: {},
  async handler(_args, ctx) {
    const settings = await readSchedule(ctx.paths.stateDir);
    if (!settings) return { human: 'No schedule is installed; nothing to remove.', json: { removed: false } };
    await schedulerNamed(settings.scheduler).remove(schedulerHost(ctx), settings.installed);
    for (const file of [runHistoryFile(ctx.paths.stateDir), scheduleLogFile(ctx.paths.stateDir)]) {
      await unlink(file).catch((error: NodeJS.ErrnoException) => { if (error.code !== 'ENOENT') throw error; });
    }
    await removeScheduleFile(ctx.paths.stateDir);
    return {
      human: [
        `✓ Removed the ${settings.scheduler} job.`,
        ...settings.installed.files.map((f) => `  deleted ${f}`),
        ...(settings.installed.where ? [`  removed ollm's block from ${settings.installed.where}`] : []),
      ].join('\n'),
      json: { removed: true, scheduler: settings.scheduler, files: settings.installed.files, where: settings.installed.where ?? null },
    };
  },
});
