// ollm's own record of when each key was made and last rotated. The proxy's created_at cannot
// say when a key is due: /key/regenerate swaps the secret and leaves it unchanged. One small
// versioned file (0600, atomic writes, read-modify-write under a lock), apart from the target
// manifest, so its schema stays as it is. It holds dates and method names, never a secret.
import { join } from 'node:path';
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { withFileLock } from '../io/file-lock.ts';
import { readTextIfExists } from '../io/read-optional.ts';
import type { RotationMethod } from '../rotation/journal.ts';

export interface KeyDates {
  /** When ollm made the key here (`key create`). */
  created_at?: string;
  /** When a rotation of it last finished (either method, or a resume that rolled it forward). */
  rotated_at?: string;
  method?: RotationMethod;
}

interface RecordFile {
  version: 1;
  /** By keychain account, `<alias>@<proxy URL>`. */
  keys: Record<string, KeyDates>;
}

export function rotationRecordFile(stateDir: string): string {
  return join(stateDir, 'rotation-record.json');
}

/** Every account's dates; an absent file is an empty record. */
export async function readRotationRecord(stateDir: string): Promise<Map<string, KeyDates>> {
  const file = rotationRecordFile(stateDir);
  const text = await readTextIfExists(file);
  return new Map(Object.entries(text === null ? {} : parseRecord(text, file).keys));
}

export async function recordRotated(stateDir: string, account: string, at: Date, method: RotationMethod): Promise<void> {
  await update(stateDir, account, (dates) => ({ ...dates, rotated_at: at.toISOString(), method }));
}

export async function recordCreated(stateDir: string, account: string, at: Date): Promise<void> {
  // A new key under an old alias starts afresh: an earlier rotation date belongs to a key now gone.
  await update(stateDir, account, () => ({ created_at: at.toISOString() }));
}

/** The changes waiting for the next write of one record file, and whether a write is under way. */
interface Pending {
  changes: Array<{ account: string; change: (dates: KeyDates | undefined) => KeyDates; resolve: () => void; reject: (error: unknown) => void }>;
  writing: boolean;
}
const pendingByFile = new Map<string, Pending>();

/**
 * Several keys of one bulk rotation finish at once. Their changes are written together: while one
 * read-modify-write holds the lock, the changes that arrive wait and go into the next one (one
 * write, two fsyncs, for all of them), instead of each taking the lock in turn — a waiter polls
 * for the lock every 25-75 ms, and with eight rotations at once that waiting was most of the run.
 * Each caller still returns only once its change is on disk (or with the error that kept it off).
 */
function update(stateDir: string, account: string, change: (dates: KeyDates | undefined) => KeyDates): Promise<void> {
  const file = rotationRecordFile(stateDir);
  let pending = pendingByFile.get(file);
  if (!pending) {
    pending = { changes: [], writing: false };
    pendingByFile.set(file, pending);
  }
  const queued = new Promise<void>((resolve, reject) => {
    pending.changes.push({ account, change, resolve, reject });
  });
  if (!pending.writing) void writeQueued(file, pending);
  return queued;
}

async function writeQueued(file: string, pending: Pending): Promise<void> {
  pending.writing = true;
  while (pending.changes.length) {
    const batch = pending.changes.splice(0);
    try {
      await withFileLock(file, async () => {
        const text = await readTextIfExists(file);
        const record: RecordFile = text === null ? { version: 1, keys: {} } : parseRecord(text, file);
        for (const { account, change } of batch) record.keys[account] = change(record.keys[account]);
        await writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600, dirMode: 0o700 });
      });
      for (const { resolve } of batch) resolve();
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }
  pending.writing = false;
  pendingByFile.delete(file);
}

function parseRecord(text: string, file: string): RecordFile {
  try {
    const record = JSON.parse(text) as RecordFile;
    if (record?.version === 1 && record.keys && typeof record.keys === 'object' && !Array.isArray(record.keys)) {
      const valid = Object.values(record.keys).every((d) => d && typeof d === 'object' && [d.created_at, d.rotated_at].every((v) => v === undefined || (typeof v === 'string' && !Number.isNaN(Date.parse(v)))));
      if (valid) return record;
    }
  } catch { /* reported below */ }
  throw new UserError(`ollm's record of key rotations, ${file}, is damaged.`, {
    code: 'rotation_record_damaged',
    hint: `Move it aside (mv ${file} ${file}.bad): keys then count from their creation date on the proxy, and the next rotation of each records it again.`,
  });
}
