// The file of the running ollm with its symlinks resolved: what a login shell or OpenClaw runs to
// reach this ollm again. npm puts a symlink on PATH, and OpenClaw refuses to run a symlink.
import { realpathSync } from 'node:fs';

/** `argv1` (process.argv[1]) resolved through its links; as given when it cannot be (it is then shown as it is). */
export function ownEntryFile(argv1: string | undefined = process.argv[1]): string {
  const given = argv1 ?? 'ollm';
  try {
    return realpathSync(given);
  } catch {
    return given;
  }
}
