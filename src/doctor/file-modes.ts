// Files that hold keys must be 0600 and their directories 0700, as OpenClaw and ollm write them;
// a key readable by other users is a failure, a directory others can list is a warning.
import { readFile, stat } from 'node:fs/promises';
import type { TargetRecord } from '../targets/manifest.ts';
import { chmodFix } from './fixes.ts';
import { fail, ok, skip, warn, type CheckResult } from './report.ts';

export interface ModeSubject {
  path: string;
  want: 0o600 | 0o700;
}

/** A plaintext virtual key, as ollm and LiteLLM shape them. */
const PLAINTEXT_KEY = /sk-[A-Za-z0-9_-]{16,}/;

/** The files and directories ollm and OpenClaw keep keys in, for this key's setup. */
export interface ModeInput {
  configFile: string;
  /** OpenClaw's state directory (`~/.openclaw`), which OpenClaw keeps at 0700. */
  openclawDir: string;
  dotenvFile: string;
  /** ollm's state directory. */
  stateDir: string;
  insecureFile: string;
  manifestFile: string;
  records: TargetRecord[];
}

export function modeSubjects(input: ModeInput): ModeSubject[] {
  const subjects: ModeSubject[] = [
    { path: input.configFile, want: 0o600 },
    { path: input.openclawDir, want: 0o700 },
    { path: input.dotenvFile, want: 0o600 },
    { path: input.stateDir, want: 0o700 },
    { path: input.insecureFile, want: 0o600 },
    { path: input.manifestFile, want: 0o600 },
  ];
  for (const record of input.records) {
    if (record.kind === 'profile' && record.mode === 'literal') subjects.push({ path: record.file, want: 0o600 });
    if (record.kind === 'dotenv') subjects.push({ path: record.file, want: 0o600 });
  }
  return [...new Map(subjects.map((s) => [s.path, s])).values()];
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
