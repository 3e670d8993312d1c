// System errors a person can act on, met anywhere a file is written: named, with the fix, instead
// of "ollm failed unexpectedly". One place (run-command.ts's reportError), so every write is covered.
import { UserError } from '../errors.ts';

const NOT_ALLOWED: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'the operation is not permitted', EROFS: 'the file system is read-only',
};

/** A UserError for a full disk or quota, or a file ollm may not write; undefined for anything else. */
export function userErrorForSystemError(error: unknown): UserError | undefined {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  if (code && path && NOT_ALLOWED[code]) {
    return new UserError(`ollm may not use ${path}: ${NOT_ALLOWED[code]}.`, {
      code: 'cannot_write', cause: error,
      hint: 'Make it (and its folder) writable by you, or point ollm elsewhere (XDG_STATE_HOME, XDG_CONFIG_HOME), then run the command again. If it was `ollm key rotate`, run `ollm key rotate --resume` to finish (or roll back) the rotation.',
    });
  }
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return undefined;
  const where = path ? ` writing ${path}` : '';
  const what = code === 'ENOSPC' ? 'No space is left on the disk' : 'The disk quota is used up';
  return new UserError(`${what}${where} (ollm replaces a file only once its new content is written whole).`, {
    code: 'disk_full', cause: error,
    hint: 'Free some space, then run the command again. If it was `ollm key rotate`, run `ollm key rotate --resume` to finish (or roll back) the rotation.',
  });
}
