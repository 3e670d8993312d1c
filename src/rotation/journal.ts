// The rotation journal: one small 0600 file per key, written atomically before each remote
// step, so an interrupted rotation can be finished or rolled back. It holds hashes, never secrets
// (the new secret waits in the keychain as a "pending" entry).
import { createHash } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { readTextIfExists } from '../io/read-optional.ts';

export type RotationMethod = 'regenerate' | 'recreate';

/**
 * What has been done, in order; each is recorded before the remote step it names is tried. Only
 * the steps a resume tells apart are recorded (each record is two fsyncs): after 'renaming-old'
 * the new key is also created, after 'committed' the old key is also retired.
 */
export type RotationStep =
  | 'started'      // pending secret stored; nothing remote yet
  | 'renaming-old' // recreate: the old key is being renamed to the retired alias, then the new one created
  | 'regenerating' // regenerate: /key/regenerate with the pending secret
  | 'committed';   // the keychain holds the new key: from here on, only roll forward (and retire the old key)

export interface RotationJournal {
  version: 1;
  id: string;
  alias: string;
  account: string;
  proxy: string;
  method: RotationMethod;
  step: RotationStep;
  oldToken: string;
  /** `sk-…Ab3d`, for the report (not a secret). */
  oldMasked: string;
  newToken: string;
  /** recreate: the alias the old key carries once the new one takes over. */
  retiredAlias: string;
  /** e.g. "24h": the old key expires then instead of being deleted. */
  grace: string | null;
  /** Spend carried to the new key (recreate). */
  spend: number;
  /**
   * What becomes of the new secret: `held` — the alias's keychain entry and recorded targets;
   * `write` — stored here and written to `writeTargets` (a fleet key not held before);
   * `reveal` — only printed (a fleet key whose holder lives elsewhere).
   */
  keep: 'held' | 'write' | 'reveal';
  writeTargets?: string[];
  /** The old key was blocked: the new one must be blocked before it is held (absent in older journals). */
  blocked?: boolean;
  startedAt: string;
  pid: number;
}

export function journalDir(stateDir: string): string {
  return join(stateDir, 'rotations');
}

function journalFile(stateDir: string, account: string): string {
  return join(journalDir(stateDir), `${createHash('sha256').update(account).digest('hex').slice(0, 32)}.json`);
}

export async function readJournal(stateDir: string, account: string): Promise<RotationJournal | null> {
  const file = journalFile(stateDir, account);
  const text = await readTextIfExists(file);
  return text ? parseJournal(text, file) : null;
}

function parseJournal(text: string, file: string): RotationJournal {
  try {
    const journal = JSON.parse(text) as RotationJournal;
    if (journal.version === 1 && typeof journal.account === 'string' && typeof journal.newToken === 'string') return journal;
  } catch { /* reported below */ }
  throw new UserError(`The rotation journal ${file} is damaged.`, {
    code: 'journal_damaged', hint: 'Check the key with `ollm key info` and `ollm key list`, then move the file aside.',
  });
}

export async function writeJournal(stateDir: string, journal: RotationJournal): Promise<void> {
  await writeFileAtomic(journalFile(stateDir, journal.account), `${JSON.stringify(journal, null, 2)}\n`, { mode: 0o600, dirMode: 0o700 });
}

export async function removeJournal(stateDir: string, account: string): Promise<void> {
  await unlink(journalFile(stateDir, account)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** Every unfinished rotation (for `rotate --resume` without an alias, and `--all`). */
export async function listJournals(stateDir: string): Promise<RotationJournal[]> {
  const dir = journalDir(stateDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  const journals: RotationJournal[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const text = await readTextIfExists(join(dir, name));
    if (text) journals.push(parseJournal(text, join(dir, name)));
  }
  return journals;
}
