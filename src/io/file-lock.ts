// Exclusive lock files (O_EXCL) for ollm's shared state: one writer at a time across processes.
// A waiter retries until its deadline; a lock whose process died is taken over.
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface Lock {
  release(): Promise<void>;
}

export class LockTimeout extends Error {
  constructor(readonly holder: number | null) {
    super(`lock held by pid ${holder ?? 'unknown'}`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function acquireFileLock(file: string, waitMs: number): Promise<Lock> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return { release: () => unlink(file).catch(() => {}) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim()) || null;
    // No pid in it: its owner died between creating and writing it (or is just doing so).
    const abandoned = holder === null && Date.now() - ((await stat(file).catch(() => null))?.mtimeMs ?? Date.now()) > 2000;
    if ((holder && !isAlive(holder)) || abandoned) {
      await unlink(file).catch(() => {}); // its owner died mid-way (e.g. killed)
      continue;
    }
    if (Date.now() >= deadline) throw new LockTimeout(holder);
    await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 50));
  }
}

/** Run `task` holding the lock `${file}.lock` (for read-modify-write of a shared file). */
export async function withFileLock<T>(file: string, task: () => Promise<T>, waitMs = 15_000): Promise<T> {
  const lock = await acquireFileLock(`${file}.lock`, waitMs);
  try {
    return await task();
  } finally {
    await lock.release();
  }
}
