// Whether a process id is running (signal 0 delivers nothing; EPERM means it exists but is not ours),
// and when it started (to tell a reused pid from the process that wrote it down).
import { readFileSync } from 'node:fs';

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When a process started, as an opaque token (Linux: /proc/<pid>/stat field 22, in clock ticks
 * since boot), so a pid reused by another process can be told apart; null where it cannot be read.
 */
export function processStartTime(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}
