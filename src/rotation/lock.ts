// One command changing a key at a time (rotate, revoke, write): a second one waits up to --wait, then gives up naming the holder.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { UserError } from '../errors.ts';
import { acquireFileLock, LockTimeout, type Lock } from '../io/file-lock.ts';

export async function acquireLock(stateDir: string, account: string, waitMs: number): Promise<Lock> {
  const file = join(stateDir, 'locks', `${createHash('sha256').update(account).digest('hex').slice(0, 32)}.lock`);
  try {
    return await acquireFileLock(file, waitMs);
  } catch (error) {
    if (!(error instanceof LockTimeout)) throw error;
    throw new UserError(`Another ollm (pid ${error.holder ?? 'unknown'}) is rotating, revoking or writing ${account}; gave up after ${Math.round(waitMs / 1000)} s.`, {
      code: 'rotation_locked', hint: 'Wait for it to finish, or allow longer with --wait <duration>.',
    });
  }
}
