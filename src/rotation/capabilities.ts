// What ollm learned about each proxy: whether /key/regenerate works (Enterprise) — asked, then
// remembered for a week, so later rotations go straight to the method that works.
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { withFileLock } from '../io/file-lock.ts';
import { readTextIfExists } from '../io/read-optional.ts';

interface Capabilities {
  [proxy: string]: { regenerate: boolean; checkedAt: string };
}

function file(stateDir: string): string {
  return join(stateDir, 'proxies.json');
}

async function read(stateDir: string): Promise<Capabilities> {
  const text = await readTextIfExists(file(stateDir));
  try { return text ? (JSON.parse(text) as Capabilities) : {}; } catch { return {}; }
}

// A proxy can gain (or lose) a licence: ask again after a week.
const REMEMBER_MS = 7 * 86_400_000;

/** true / false when known and recent, undefined when this proxy should be asked. */
export async function canRegenerate(stateDir: string, proxy: string): Promise<boolean | undefined> {
  const known = (await read(stateDir))[proxy];
  if (!known || Date.now() - Date.parse(known.checkedAt) > REMEMBER_MS) return undefined;
  return known.regenerate;
}

export async function rememberRegenerate(stateDir: string, proxy: string, regenerate: boolean): Promise<void> {
  await withFileLock(file(stateDir), async () => {
    const all = await read(stateDir);
    all[proxy] = { regenerate, checkedAt: new Date().toISOString() };
    await writeFileAtomic(file(stateDir), `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600, dirMode: 0o700 });
  });
}
