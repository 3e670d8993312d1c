// Crash-safe file writes: temp file in the same directory, fsync, rename; never a half-written file.
import { open, readdir, rename, unlink, mkdir, lstat, realpath } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
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
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
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

async function resolveWriteTarget(path: string): Promise<string> {
  try {
    const stat = await lstat(path);
    return stat.isSymbolicLink() ? await realpath(path) : path;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path;
    throw error;
  }
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
 * temp files of processes that are gone (a live one may be writing right now).
 */
async function sweepAbandonedTemps(dir: string, name: string): Promise<void> {
  const prefix = `.${name}.`;
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const match = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(entry.slice(prefix.length));
    if (match && !processAlive(Number(match[1]))) await unlink(join(dir, entry)).catch(() => {});
  }
}

