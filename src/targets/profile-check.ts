// The shell-profile block ollm wrote for this key: still there, and current — the stored key
// itself, or (lookup mode) a command whose node and ollm still exist.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { readTextIfExists } from '../io/read-optional.ts';
import type { HeldKey } from '../keys/held-key.ts';
import { maskKey } from '../output/mask.ts';
import type { TargetRecord } from './manifest.ts';
import { readBlockBody, readBlockKey } from './profile-block.ts';
import type { Fixes } from '../doctor/fixes.ts';
import { shellWord } from '../output/shell-quote.ts';
import { fail, ok, skip, type CheckResult } from '../doctor/report.ts';

import type { ProfileRecord } from './profile-record.ts';

export async function checkProfileBlocks(records: TargetRecord[], account: string, held: HeldKey | null, fixes: Fixes): Promise<CheckResult> {
  const profiles = records.filter((r): r is ProfileRecord => r.kind === 'profile');
  if (profiles.length === 0) return skip('ollm wrote no shell-profile block for this key (`--write profile` adds one).');
  const results = await Promise.all(profiles.map((record) => checkOne(record, account, held, fixes)));
  return results.find((r) => r.status !== 'ok') ?? ok(results.map((r) => r.message).join(' '));
}

async function checkOne(record: ProfileRecord, account: string, held: HeldKey | null, fixes: Fixes): Promise<CheckResult> {
  const rewrite = fixes.ollm('key write', '--write profile', `--profile-file ${shellWord(record.file)}`, ...(record.mode === 'lookup' ? ['--profile-mode lookup'] : []));
  const text = await readTextIfExists(record.file).catch(() => null);
  const body = text === null ? null : readBlockBody(text, account);
  if (body === null) return fail(`The ollm block for ${account} is gone from ${record.file}.`, rewrite);
  if (record.mode === 'literal') {
    const key = readBlockKey(text!, account);
    if (!held) return skip(`${record.file} has the ollm block, but no key is held here to compare it with.`);
    if (key === held.secret) return ok(`${record.file} exports ${record.variable} = the keychain's key ${maskKey(held.secret)}.`);
    return fail(`${record.file} exports ${key ? `an old key (${maskKey(key)})` : 'no key'} as ${record.variable}, not the keychain's ${maskKey(held.secret)}; a shell started from it wins over OpenClaw's config.`, rewrite);
  }
  // Lookup mode: `export VAR="$('/abs/node' '/abs/ollm' 'key' 'get' …)"`.
  const [node, ollm] = [...body.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  for (const [path, mode] of [[node, constants.X_OK], [ollm, constants.R_OK]] as const) {
    if (!path) return fail(`The ollm block in ${record.file} does not hold the lookup command ollm writes.`, rewrite);
    try {
      await access(path, mode);
    } catch {
      return fail(`The ollm block in ${record.file} runs ${path}, which no longer exists (a Node or ollm upgrade?).`, rewrite);
    }
  }
  return ok(`${record.file} looks ${record.variable} up from the keychain at shell start (with ${node}).`);
}
