// "Could ollm write this file?", asked before a key exists, so a refusal costs nothing. It follows
// a symlink the way the write will (resolveWriteTarget), and tries the write's first step.
import { access, constants, open, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UserError } from '../errors.ts';
import { resolveWriteTarget, tempFileFor } from './atomic-write.ts';

export async function assertWritableFile(file: string, what: string, code = 'target_unwritable'): Promise<void> {
  try {
    const target = await resolveWriteTarget(file);
    const info = await stat(target).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
    if (info?.isDirectory()) throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' });
    if (info && !info.isFile()) throw Object.assign(new Error('it is not a regular file'), { code: 'ENOTREG' });
    if (info) await access(target, constants.W_OK);
    // access() says yes to root whatever the mode; a file nobody may write (0444) was made
    // read-only on purpose, and ollm's write would replace it with a 0600 one. Root is refused too.
    if (info && (info.mode & 0o222) === 0) throw Object.assign(new Error('it is read-only'), { code: 'EREADONLY', mode: info.mode & 0o777 });
    // ollm writes a temp file beside it and renames: create one now (and remove it). Permission
    // bits alone do not tell, for root or on /proc or a read-only mount.
    await probeCreate(await nearestExistingDir(dirname(target)), target);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const errno = (error as NodeJS.ErrnoException).code;
    const why = errno === 'EACCES' || errno === 'EPERM' ? 'permission denied'
      : errno === 'EISDIR' ? 'it is a directory'
        : errno === 'ENOTREG' ? 'it is not a regular file'
          : errno === 'EROFS' ? 'the file system is read-only'
            : errno === 'EREADONLY' ? `it is read-only (mode ${((error as { mode: number }).mode).toString(8).padStart(4, '0')}); make it writable (chmod u+w) if ollm should edit it`
            : errno === 'ENOENT' ? 'its directory does not take new files' : (error as Error).message;
    throw new UserError(`Cannot write ${what} ${file}: ${why}.`, {
      code, hint: 'Fix the permissions, or pick other places with --write (openclaw, profile, dotenv, none).',
    });
  }
}

// The temp file of a write of `target`, made in `dir` (the directory itself, or where mkdir -p starts).
async function probeCreate(dir: string, target: string): Promise<void> {
  const probe = tempFileFor(dir === dirname(target) ? target : join(dir, '.ollm-probe'));
  const handle = await open(probe, 'wx', 0o600);
  await handle.close();
  await unlink(probe);
}

/** The closest directory that exists: mkdir -p creates the rest inside it. */
export async function nearestExistingDir(dir: string): Promise<string> {
  let current = dir;
  for (;;) {
    try {
      await stat(current);
      return current;
    } catch {
      const parent = dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}
