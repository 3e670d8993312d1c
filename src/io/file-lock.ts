// Exclusive locks for ollm's shared state: one holder at a time across processes, and a holder
// that died (e.g. SIGKILLed) never blocks anyone.
//
// Node has no flock, and "the holder is dead, so delete its lock file and take it" is
// check-then-act: two waiters can both see the dead holder, and the second deletes the lock the
// first has just taken. So the lock is a directory of tickets instead. A contender creates its
// own ticket (`<pid>.<random>`, holding its pid and the process's start time, so a ticket whose pid
// was since reused by another process counts as dead), then lists the directory: it holds the lock when
// no other ticket belongs to a live process; otherwise it withdraws its ticket and retries. Of two
// contenders, the one that lists last sees the other's ticket, so two never both hold; a dead
// holder's ticket is simply ignored (and swept), so there is nothing to take over.
import { lstat, mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join, sep } from 'node:path';
import { processAlive, processStartTime } from './process-alive.ts';
import { UserError } from '../errors.ts';

export interface Lock {
  release(): Promise<void>;
}

export class LockTimeout extends Error {
  constructor(readonly holder: number | null) {
    super(`lock held by pid ${holder ?? 'unknown'}`);
  }
}

/** A ticket without a pid is being written right now, or its writer died in between. */
const UNWRITTEN_TICKET_MS = 2000;

/** This process's start time, written in its tickets (null where unknown: the pid alone then). */
const OWN_START = processStartTime(process.pid);

type Ticket = { name: string; pid: number | null; live: boolean };

async function readTicket(dir: string, name: string): Promise<Ticket | null> {
  const path = join(dir, name);
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return null; // withdrawn meanwhile
  const [pidText, started] = text.trim().split(/\s+/);
  const pid = Number(pidText) || null;
  if (pid !== null) return { name, pid, live: processAlive(pid) && !reused(pid, started) };
  const age = Date.now() - ((await stat(path).catch(() => null))?.mtimeMs ?? 0);
  return { name, pid: null, live: age < UNWRITTEN_TICKET_MS };
}

/** The ticket's pid now names another process: its start time differs (where both are known). */
function reused(pid: number, started: string | undefined): boolean {
  if (!started) return false; // an older ticket, or a system without start times: the pid alone decides
  const now = processStartTime(pid);
  return now !== null && now !== started;
}

/** A live ticket other than `mine`, sweeping dead ones (harmless: a dead process holds nothing). */
async function liveTicket(dir: string, mine: string | null): Promise<Ticket | null> {
  let live: Ticket | null = null;
  for (const name of await readdir(dir)) {
    if (name === mine) continue;
    const ticket = await readTicket(dir, name);
    if (!ticket) continue;
    if (ticket.live) live ??= ticket;
    else await unlink(join(dir, name)).catch(() => {});
  }
  return live;
}

/** A live ticket of the lock `dir`, for the doctor: who holds it and since when. */
export interface Holder {
  ticket: string;
  pid: number | null;
  since: Date;
}

/** The live tickets of the lock `dir` (none when it is free or does not exist); dead ones are left for the next taker to sweep. */
export async function lockHolders(dir: string): Promise<Holder[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const holders: Holder[] = [];
  for (const name of names) {
    const ticket = await readTicket(dir, name);
    if (!ticket?.live) continue;
    const info = await stat(join(dir, name)).catch(() => null);
    if (info) holders.push({ ticket: join(dir, name), pid: ticket.pid, since: info.mtime });
  }
  return holders;
}

/**
 * The contenders of this process for each lock, in line: the last one's turn. Within one process
 * (a bulk rotation's keys finishing at once) the lock passes from one to the next as soon as it is
 * let go, and only the first in line polls the lock against other processes; without the line,
 * each of them polled every 25-75 ms, and the waiting was most of a bulk rotation's time.
 */
const lines = new Map<string, Promise<void>>();

/** Take the lock `dir` (a directory of tickets), waiting up to `waitMs` for its holder. */
export async function acquireFileLock(dir: string, waitMs: number): Promise<Lock> {
  const deadline = Date.now() + waitMs;
  const before = lines.get(dir);
  let passOn!: () => void;
  const turn = new Promise<void>((resolve) => { passOn = resolve; });
  const last = (before ?? Promise.resolve()).then(() => turn);
  lines.set(dir, last);
  const done = () => {
    passOn();
    if (lines.get(dir) === last) lines.delete(dir);
  };
  if (before && !(await settlesBy(before, deadline))) {
    void before.then(done); // gave up: the turn passes on once it comes
    throw new LockTimeout(process.pid);
  }
  try {
    const lock = await acquireAcrossProcesses(dir, deadline);
    return {
      release: async () => {
        try { await lock.release(); } finally { done(); }
      },
    };
  } catch (error) {
    done();
    throw error;
  }
}

/** Whether `promise` settles before `deadline` (Date.now() time). */
async function settlesBy(promise: Promise<void>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now())); });
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The lock against other processes: a ticket of ours, and none of a live other. */
async function acquireAcrossProcesses(dir: string, deadline: number): Promise<Lock> {
  await makeFolder(dirname(dir), dir);
  for (;;) {
    await makeFolder(dir, dir);
    // Someone visibly holds it: wait without a ticket (fewer contenders, fewer collisions).
    let holder = await liveTicket(dir, null);
    if (!holder) {
      const mine = `${process.pid}.${randomBytes(6).toString('hex')}`;
      const handle = await open(join(dir, mine), 'wx', 0o600);
      await handle.writeFile(`${process.pid}${OWN_START ? ` ${OWN_START}` : ''}\n`);
      await handle.close();
      holder = await liveTicket(dir, mine);
      if (!holder) return { release: () => unlink(join(dir, mine)).catch(() => {}) };
      await unlink(join(dir, mine)).catch(() => {});
    }
    if (Date.now() >= deadline) throw new LockTimeout(holder.pid);
    await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 50));
  }
}

/** mkdir -p, with a file in the way named as what it is. */
async function makeFolder(path: string, lockDir: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 }).catch(async (error: NodeJS.ErrnoException) => {
    throw error.code === 'EEXIST' || error.code === 'ENOTDIR' ? lockPathBlocked(lockDir, await fileInTheWay(path), error) : error;
  });
}

/** The first part of `path` that exists and is not a folder. */
async function fileInTheWay(path: string): Promise<string> {
  const parts = path.split(sep);
  for (let i = 2; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join(sep);
    const info = await lstat(prefix).catch(() => null);
    if (info && !info.isDirectory()) return prefix;
  }
  return path;
}

/** Something that is not a folder sits where the lock's folder goes: nothing can take the lock until it is gone. */
function lockPathBlocked(dir: string, blocker: string, cause: Error): UserError {
  const where = blocker === dir ? 'a file is in its place' : `the file ${blocker} is in the way`;
  return new UserError(`${dir} should be ollm's lock folder, but ${where}.`, {
    code: 'lock_path_blocked', cause,
    hint: `If no ollm command is running, remove it (rm -- '${blocker.replaceAll("'", "'\\''")}') and run the command again.`,
  });
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
