// What ollm learned about each proxy, asked once and then remembered for a week so later runs go
// straight to what works: whether /key/regenerate works (Enterprise), and whether the proxy lets
// ollm choose a key's secret (`disable_custom_api_keys` refuses it; some proxies silently ignore it).
import { join } from 'node:path';
import type { Ctx } from '../context.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { withFileLock } from '../io/file-lock.ts';
import { readTextIfExists } from '../io/read-optional.ts';

/** regenerate: /key/regenerate works. customKeys: `key` / `new_key` are accepted and honoured. */
export type Capability = 'regenerate' | 'customKeys';

interface Known {
  regenerate?: boolean;
  checkedAt?: string;
  customKeys?: boolean;
  customKeysCheckedAt?: string;
}

interface Capabilities {
  [proxy: string]: Known;
}

function file(stateDir: string): string {
  return join(stateDir, 'proxies.json');
}

async function read(stateDir: string): Promise<Capabilities> {
  const text = await readTextIfExists(file(stateDir));
  try { return text ? (JSON.parse(text) as Capabilities) : {}; } catch { return {}; }
}

// A proxy can gain (or lose) a licence or a setting: ask again after a week.
const REMEMBER_MS = 7 * 86_400_000;

// `checkedAt` belongs to regenerate: the name predates the second capability.
/** Where the state lives, and the clock that dates what is remembered (ctx.now, so tests can move it). */
export type CapabilityCtx = Pick<Ctx, 'paths' | 'now'>;

const stampOf = (name: Capability): 'checkedAt' | 'customKeysCheckedAt' => (name === 'regenerate' ? 'checkedAt' : 'customKeysCheckedAt');

/** true / false when known and recent, undefined when this proxy should be asked. */
export async function knownCapability(ctx: CapabilityCtx, proxy: string, name: Capability): Promise<boolean | undefined> {
  const known = (await read(ctx.paths.stateDir))[proxy];
  const value = known?.[name];
  const stamp = known?.[stampOf(name)];
  if (value === undefined || !stamp || ctx.now().getTime() - Date.parse(stamp) > REMEMBER_MS) return undefined;
  return value;
}

export async function rememberCapability(ctx: CapabilityCtx, proxy: string, name: Capability, value: boolean): Promise<void> {
  const { stateDir } = ctx.paths;
  await withFileLock(file(stateDir), async () => {
    const all = await read(stateDir);
    all[proxy] = { ...all[proxy], [name]: value, [stampOf(name)]: ctx.now().toISOString() };
    await writeFileAtomic(file(stateDir), `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600, dirMode: 0o700 });
  });
}

export const canRegenerate = (ctx: CapabilityCtx, proxy: string) => knownCapability(ctx, proxy, 'regenerate');
export const rememberRegenerate = (ctx: CapabilityCtx, proxy: string, regenerate: boolean) => rememberCapability(ctx, proxy, 'regenerate', regenerate);
