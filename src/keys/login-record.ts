// What `ollm login` found the saved credential to be (master key, user key, team service-account
// key), per proxy, beside the secret: the keychain holds only the secret, and every later command
// needs the kind without asking the proxy again. Not secret; 0600 all the same. A proxy with no
// record was saved by an ollm that took only master keys, so no record means "master".
import { join } from 'node:path';
import type { Identity, ManagerKind } from '../litellm/identify.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { withFileLock } from '../io/file-lock.ts';
import { readTextIfExists } from '../io/read-optional.ts';

export interface LoginRecord {
  kind: ManagerKind;
  user_id?: string | null;
  team_id?: string | null;
  team_alias?: string | null;
  saved_at: string;
}

type Records = Record<string, LoginRecord>;

const file = (stateDir: string) => join(stateDir, 'logins.json');

async function read(stateDir: string): Promise<Records> {
  const text = await readTextIfExists(file(stateDir));
  try { return text ? (JSON.parse(text) as Records) : {}; } catch { return {}; }
}

async function change(stateDir: string, edit: (records: Records) => void): Promise<void> {
  await withFileLock(file(stateDir), async () => {
    const records = await read(stateDir);
    edit(records);
    await writeFileAtomic(file(stateDir), `${JSON.stringify(records, null, 2)}\n`, { mode: 0o600, dirMode: 0o700 });
  });
}

/** The kind of the credential `ollm login` saved for this proxy ('master' when it left no record). */
export async function loginKind(stateDir: string, proxy: string): Promise<ManagerKind> {
  const kind = (await read(stateDir))[proxy]?.kind;
  return kind === 'user' || kind === 'team' ? kind : 'master';
}

export async function loginRecord(stateDir: string, proxy: string): Promise<LoginRecord | null> {
  return (await read(stateDir))[proxy] ?? null;
}

export function rememberLogin(stateDir: string, proxy: string, identity: Identity, now: Date): Promise<void> {
  const record: LoginRecord = {
    kind: identity.kind,
    user_id: identity.kind === 'team' ? null : identity.user_id,
    ...(identity.kind === 'team' ? { team_id: identity.team_id, team_alias: identity.team_alias } : {}),
    saved_at: now.toISOString(),
  };
  return change(stateDir, (records) => { records[proxy] = record; });
}

export async function forgetLogin(stateDir: string, proxy: string): Promise<void> {
  if (!(await read(stateDir))[proxy]) return; // nothing to forget: no file is made for it
  await change(stateDir, (records) => { delete records[proxy]; });
}
