// Who holds the key's lock (and the target list's), when that stops every change of the key: a
// process that is not ollm at all (an old ticket, written before tickets carried a start time,
// whose pid was reused), or an ollm that has held it for long. Dead holders are not named: the
// next command sweeps their tickets.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lockHolders, type Holder } from '../io/file-lock.ts';
import { keyLockDir } from '../rotation/lock.ts';
import { shellWord } from '../output/shell-quote.ts';
import type { DoctorContext } from './check.ts';
import { ok, warn, type CheckResult } from './report.ts';

/** An ollm command that still holds a lock after this long is stuck, not busy. */
const LONG_MS = 10 * 60_000;

/** What /proc says the process is (Linux), for people; null elsewhere or when it cannot be read. */
async function commandLine(pid: number): Promise<string | null> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  return raw ? raw.split('\0').filter(Boolean).join(' ').slice(0, 120) : null;
}

function looksLikeOllm(command: string | null): boolean {
  return command === null || /ollm|dist\/cli\.js|dist\/main\.js/.test(command);
}

export async function checkLocks(d: DoctorContext): Promise<CheckResult> {
  const stateDir = d.ctx.paths.stateDir;
  const locks = [
    { what: `the key "${d.alias}"`, dir: keyLockDir(stateDir, d.account) },
    { what: 'ollm\'s target list', dir: join(stateDir, 'targets.json.lock') },
  ];
  const problems: string[] = [];
  const tickets: Holder[] = [];
  const busy: string[] = [];
  for (const { what, dir } of locks) {
    for (const holder of await lockHolders(dir)) {
      const command = holder.pid === null ? null : await commandLine(holder.pid);
      const age = d.now.getTime() - holder.since.getTime();
      const who = `pid ${holder.pid ?? '?'}${command ? ` (${command})` : ''}`;
      if (!looksLikeOllm(command)) {
        problems.push(`The lock of ${what} is held by ${who}, which is not ollm: every change of the key waits for it.`);
        tickets.push(holder);
      } else if (age > LONG_MS) {
        problems.push(`The lock of ${what} has been held by ${who} for ${Math.round(age / 60_000)} min.`);
        tickets.push(holder);
      } else {
        busy.push(`${what} by ${who}`);
      }
    }
  }
  if (problems.length) {
    const rm = `rm -- ${tickets.map((t) => shellWord(t.ticket)).join(' ')}`;
    return warn(problems.join(' '), `If no ollm command is running: ${rm}`);
  }
  return ok(busy.length ? `in use right now: ${busy.join('; ')}` : 'no command holds the key\'s lock');
}
