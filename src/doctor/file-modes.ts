// Files that hold keys must be 0600 and their directories 0700, as OpenClaw and ollm write them;
// a key readable by other users is a failure, a directory others can list is a warning.
import { readFile, stat } from 'node:fs/promises';
import { ASSISTANTS_SLOT } from '../assistants/assistant.ts';
import { STORES } from '../secrets/stores.ts';
import { KINDS } from '../targets/kinds-slot.ts';
import type { DoctorContext } from './check.ts';
import type { ModeSubject } from './mode-subject.ts';
import { targetRecords } from './facts.ts';
import { chmodFix } from './fixes.ts';
import { fail, ok, skip, warn, type CheckResult } from './report.ts';

export type { ModeSubject };

/** A plaintext virtual key, as ollm and LiteLLM shape them. */
const PLAINTEXT_KEY = /sk-[A-Za-z0-9_-]{16,}/;

/**
 * The files and directories that hold keys for this key's setup: the assistants' own first, then
 * ollm's state directory, its secret files and target list, then where the key was written in
 * plaintext (each target kind names those files).
 */
export async function modeSubjects(d: DoctorContext): Promise<ModeSubject[]> {
  const [records, assistants, kinds] = await Promise.all([targetRecords(d), d.ctx.wired(ASSISTANTS_SLOT), d.ctx.wired(KINDS)]);
  const subjects: ModeSubject[] = [
    ...(await Promise.all(assistants.map((a) => a.privateFiles(d)))).flat(),
    { path: d.ctx.paths.stateDir, want: 0o700 },
    ...STORES.flatMap((s) => s.file ? [{ path: s.file(d.ctx.paths), want: 0o600 as const }] : []),
    { path: d.ctx.paths.manifestFile, want: 0o600 },
    ...records.flatMap((r) => (kinds.of(r).plaintextFiles?.(r) ?? []).map((path) => ({ path, want: 0o600 as const }))),
  ];
  return [...new Map(subjects.map((s) => [s.path, s])).values()];
}

export async function checkFileModesOf(d: DoctorContext): Promise<CheckResult> {
  return checkFileModes(await modeSubjects(d));
}

export async function checkFileModes(subjects: ModeSubject[]): Promise<CheckResult> {
  if (process.platform === 'win32') return skip('Not applicable on Windows (no Unix file modes).');
  const open: Array<ModeSubject & { mode: number; secret: boolean }> = [];
  let checked = 0;
  for (const subject of subjects) {
    const info = await stat(subject.path).catch(() => null);
    if (!info) continue;
    checked++;
    const mode = info.mode & 0o777;
    if ((mode & 0o077) === 0) continue;
    const secret = info.isFile() && PLAINTEXT_KEY.test(await readFile(subject.path, 'utf8').catch(() => ''));
    open.push({ ...subject, mode, secret });
  }
  if (checked === 0) return skip('No key files or directories exist yet.');
  if (open.length === 0) return ok(`${checked === 1 ? 'The one key file or directory here is' : `All ${checked} key files and directories here are`} private (0600 / 0700).`);
  const list = open.map((s) => `${s.path} is ${s.mode.toString(8).padStart(4, '0')}${s.secret ? ' and holds a key' : ''}`).join('; ');
  const fix = chmodFix(open);
  return open.some((s) => s.secret)
    ? fail(`Other users can read a key: ${list}.`, fix)
    : warn(`More open than ${open.length === 1 ? 'it needs' : 'they need'}: ${list}.`, fix);
}
