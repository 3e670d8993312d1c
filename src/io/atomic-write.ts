// Crash-safe file writes: temp file in the same directory, fsync, rename; never a half-written file.
import { open, readdir, rename, unlink, mkdir, lstat, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, join, basename, resolve } from 'node:path';
import { UserError } from '../errors.ts';
import { randomBytes } from 'node:crypto';
import { processAlive } from './process-alive.ts';

export interface AtomicWriteOptions {
  mode?: number;
  /** Mode of directories created on the way (ollm's own dirs are private). */
  dirMode?: number;
}

/**
 * Write `content` to `path` atomically with mode 0600 (default). A symlink is written through
 * to its target (so dotfile repos keep their link) rather than replaced.
 */
export async function writeFileAtomic(path: string, content: string, options: AtomicWriteOptions = {}): Promise<void> {
  const target = await resolveWriteTarget(path);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true, mode: options.dirMode ?? 0o700 });
  await sweepAbandonedTemps(dir, basename(target));
  const temp = tempFileFor(target);
  const handle = await open(temp, 'wx', options.mode ?? 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    // The mode given to open() is filtered by the umask; set it exactly.
    await handle.chmod(options.mode ?? 0o600);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => {});
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await fsyncDir(dir);
}

/** The temp file a write of `target` goes through (beside it, so the rename stays on one file system); swept when its process is gone. */
export function tempFileFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * The file a write to `path` must replace: `path` itself, or what its symlink (chain) points at,
 * even when that does not exist yet. A dangling link (a dotfile repo not checked out yet) is
 * written through too, creating its target: replacing the link by a file would silently cut it.
 */
export async function resolveWriteTarget(path: string): Promise<string> {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    let isLink: boolean;
    try {
      isLink = (await lstat(current)).isSymbolicLink();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw error;
    }
    if (!isLink) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw new UserError(`${path} is a loop of symbolic links; ollm cannot tell which file to write.`, {
    code: 'symlink_loop', hint: `Point ${path} at a file (ls -l shows where it leads).`,
  });
}

// Makes the rename itself durable; not every platform can open a directory, which is fine.
async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try { await handle.sync(); } finally { await handle.close(); }
  } catch { /* best effort */ }
}

/**
 * A write killed between creating its temp file and the rename leaves the temp file behind, with
 * the whole new content — a plaintext key, perhaps. The next write of the same file removes the
 * temp files of processes that are gone (a live one may be writing right now), and any older than
 * STALE_TEMP_MS: no write takes that long, so its pid was reused by another process since.
 */
async function sweepAbandonedTemps(dir: string, name: string): Promise<void> {
  const prefix = `.${name}.`;
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const match = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(entry.slice(prefix.length));
    if (!match) continue;
    const abandoned = !processAlive(Number(match[1])) || Date.now() - ((await stat(join(dir, entry)).catch(() => null))?.mtimeMs ?? Date.now()) > STALE_TEMP_MS;
    if (abandoned) await unlink(join(dir, entry)).catch(() => {});
  }
}

/** A temp file lives for the milliseconds of one write; ten minutes is far past any. */
const STALE_TEMP_MS = 10 * 60_000;

