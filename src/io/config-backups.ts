// ollm's backups of an assistant's config file before it rewrites it: `<file>.ollm-<UTC stamp>`,
// 0600 (a config may hold a key), the newest five kept; and, once a config keeps the key out of
// files, the backups that still hold one removed. Not `*.bak.*`, which OpenClaw's own backup
// ring prunes. The stamp is the one clock outside ctx.now, on purpose: backups must be unique and
// sort in real time, which a fixed test clock would break.
import { chmod, copyFile, readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const BACKUPS_KEPT = 5;

/** Copy `target` beside itself as `<name>.ollm-<UTC stamp>` (0600), drop all but the newest five; returns the copy's path. */
export async function backUpConfig(target: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.(\d+)Z$/, '$1Z');
  const backup = `${target}.ollm-${stamp}`;
  await copyFile(target, backup);
  await chmod(backup, 0o600);
  const backups = await backupsOf(target);
  for (const name of backups.slice(0, Math.max(0, backups.length - BACKUPS_KEPT))) await rm(join(dirname(target), name), { force: true });
  return backup;
}

/** A plaintext virtual key somewhere in a file's text. */
const holdsAnyKey = (text: string) => /sk-[A-Za-z0-9_-]{16,}/.test(text);

/** Delete ollm's backups of `target` that hold a plaintext key (`sk-…`, or what `holdsKey` says); returns how many went. */
export async function dropBackupsWithKeys(target: string, holdsKey: (text: string) => boolean = holdsAnyKey): Promise<number> {
  let dropped = 0;
  for (const name of await backupsOf(target)) {
    const path = join(dirname(target), name);
    if (holdsKey(await readFile(path, 'utf8').catch(() => ''))) {
      await rm(path, { force: true });
      dropped++;
    }
  }
  return dropped;
}

/** ollm's backups of `target`, oldest first (the stamp sorts). */
async function backupsOf(target: string): Promise<string[]> {
  const prefix = `${basename(target)}.ollm-`;
  return (await readdir(dirname(target))).filter((name) => name.startsWith(prefix)).sort();
}
