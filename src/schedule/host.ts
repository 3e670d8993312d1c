// The scheduler's view of the outside world, built from a command's Ctx: its env (PATH finds
// systemctl, launchctl, crontab — or a test's stand-ins), home, state dir, clock and warnings.
import type { Ctx } from '../context.ts';
import { homeDir } from '../config/home.ts';
import { childEnv } from '../io/child-env.ts';
import { runProcess } from '../io/run-process.ts';
import type { SchedulerHost } from './scheduler.ts';

const TIMEOUT_MS = 30_000;

export function schedulerHost(ctx: Ctx): SchedulerHost {
  return {
    env: ctx.env,
    home: homeDir(ctx.env),
    stateDir: ctx.paths.stateDir,
    now: ctx.now(),
    uid: process.getuid?.() ?? 0,
    // Never the master key in a helper's environment (childEnv).
    run: (command, args, input) => runProcess(command, args, { env: childEnv(ctx.env), input, timeoutMs: TIMEOUT_MS }),
    warn: (message) => ctx.warn(message),
  };
}
