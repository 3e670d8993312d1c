// One command changing a key at a time (rotate, revoke, write, update): a second one waits up to
// --wait, then gives up naming the holder.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { UsageError, UserError } from '../errors.ts';
import { acquireFileLock, LockTimeout, type Lock } from '../io/file-lock.ts';
import { durationToMs, parseDuration } from '../litellm/duration.ts';

/** The folder of the key's lock. */
export function keyLockDir(stateDir: string, account: string): string {
  return join(stateDir, 'locks', `${createHash('sha256').update(account).digest('hex').slice(0, 32)}.lock`);
}

export async function acquireLock(stateDir: string, account: string, waitMs: number): Promise<Lock> {
  const file = keyLockDir(stateDir, account);
  try {
    return await acquireFileLock(file, waitMs);
  } catch (error) {
    if (!(error instanceof LockTimeout)) throw error;
    throw new UserError(`Another ollm (pid ${error.holder ?? 'unknown'}) is rotating, revoking, updating or writing ${account}; gave up after ${Math.round(waitMs / 1000)} s.`, {
      code: 'rotation_locked', hint: 'Wait for it to finish, or allow longer with --wait <duration>. If nothing is running, `ollm doctor` names what holds the lock.',
    });
  }
}

/** Run `work` holding the key's lock, so no other command replaces the key meanwhile. */
export async function withKeyLock<T>(stateDir: string, account: string, waitMs: number, work: () => Promise<T>): Promise<T> {
  const lock = await acquireLock(stateDir, account, waitMs);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

/** --wait as milliseconds; a usage error (exit 2) when it is no duration. */
export function lockWaitMs(text: string): number {
  const duration = parseDuration(text);
  if (!duration) throw new UsageError(`--wait ${JSON.stringify(text)} is not a duration.`, 'For example --wait 30s or --wait 2m.');
  return durationToMs(duration);
}
