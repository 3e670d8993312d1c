// "Could ollm write this file?", asked before a key exists, so a refusal costs nothing.
import { access, constants, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError } from '../errors.ts';

export async function assertWritableFile(file: string, what: string, code = 'target_unwritable'): Promise<void> {
  try {
    const info = await stat(file).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
    if (info?.isDirectory()) throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' });
    // ollm writes a temp file beside it and renames: the directory must be writable too.
    if (info) await access(file, constants.W_OK);
    await access(await nearestExistingDir(dirname(info ? await realpath(file) : file)), constants.W_OK);
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    const why = errno === 'EACCES' ? 'permission denied' : errno === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new UserError(`Cannot write ${what} ${file}: ${why}.`, {
      code, hint: 'Fix the permissions, or pick other places with --write (openclaw, profile, dotenv, none).',
    });
  }
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
