// What each scheduler (systemd, launchd, cron) offers `schedule set/show/remove`: install the job
// (replacing its own earlier install), say when it runs next, and take away exactly what it
// installed. Each talks to its programs (systemctl, launchctl, crontab) through `run`, found on
// PATH, so tests stand in for them.
import type { ProcessRun } from '../io/run-process.ts';
import type { JobSpec } from './job-spec.ts';

export type SchedulerName = 'systemd' | 'launchd' | 'cron';
export const SCHEDULERS: readonly SchedulerName[] = ['systemd', 'launchd', 'cron'];

export interface SchedulerHost {
  env: NodeJS.ProcessEnv;
  home: string;
  stateDir: string;
  now: Date;
  uid: number;
  run(command: string, args: string[], input?: string): Promise<ProcessRun>;
  warn(message: string): void;
}

export interface Installed {
  /** Files written (absolute), for show, remove and the report. */
  files: string[];
  /** Where the job lives when it is no file of its own (cron: "the user's crontab"). */
  where?: string;
  /** launchd and cron: the job's daily time (local), chosen once at install. */
  at?: { hour: number; minute: number };
}

export interface Scheduler {
  name: SchedulerName;
  /** Null when it can be used here; else why not and what to use instead (nothing is written then). */
  unavailable(host: SchedulerHost): Promise<{ message: string; hint: string } | null>;
  install(host: SchedulerHost, job: JobSpec): Promise<Installed>;
  /** When the job runs next, as the scheduler says or as computed from its time; null if unknown. */
  nextRun(host: SchedulerHost, installed: Installed): Promise<string | null>;
  remove(host: SchedulerHost, installed: Installed): Promise<void>;
}

/** A program ollm needed did not do what was asked: its own words, one line. */
export function failedRun(what: string, run: ProcessRun): string {
  const said = (run.stderr || run.stdout).trim().split('\n')[0] ?? '';
  if (run.spawnError) return `${what}: ${run.spawnError.message}`;
  return `${what} failed (exit ${run.code ?? 'killed'})${said ? `: ${said}` : ''}`;
}

/** The next local `hour:minute` after `now`. */
export function nextDaily(now: Date, at: { hour: number; minute: number }): Date {
  const next = new Date(now);
  next.setHours(at.hour, at.minute, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next;
}

/** A time of day chosen at random once per install, so a fleet does not hit the proxy at one instant. */
export function randomTime(): { hour: number; minute: number } {
  // Between 01:00 and 05:59, when people rarely work.
  return { hour: 1 + Math.floor(Math.random() * 5), minute: Math.floor(Math.random() * 60) };
}
