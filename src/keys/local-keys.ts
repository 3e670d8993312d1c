// The keys this machine holds, across proxies, read from ollm's own records only: the target
// list names every account ollm stored a key for, the stores say where its secret is. No
// master key and no request to any proxy.
import type { Ctx } from '../context.ts';
import { UserError } from '../errors.ts';
import { KEY_SERVICE } from '../secrets/store.ts';
import type { StorageKind } from '../secrets/store.ts';
import type { TargetRecord } from '../targets/manifest.ts';
import { naturalCompare } from '../output/natural-sort.ts';

export interface LocalKey {
  alias: string;
  proxy: string;
  account: string;
  /** Where the secret is; null when neither store has it any more (removed behind ollm's back). */
  storage: StorageKind | null;
  storeDescription: string | null;
  /** The store could not be asked (locked keychain): the secret may still be there. */
  storageUnknown?: string;
  targets: TargetRecord[];
}

/** `openclaw@http://localhost:4000` → alias and proxy (aliases never contain "@"). */
export function splitAccount(account: string): { alias: string; proxy: string } | null {
  const at = account.indexOf('@');
  return at > 0 ? { alias: account.slice(0, at), proxy: account.slice(at + 1) } : null;
}

export async function localKeys(ctx: Ctx): Promise<LocalKey[]> {
  const manifest = await ctx.manifest();
  const vault = await ctx.vault();
  const keys: LocalKey[] = [];
  for (const account of await manifest.accounts()) {
    const parts = splitAccount(account);
    if (!parts) continue;
    const key: LocalKey = { ...parts, account, storage: null, storeDescription: null, targets: await manifest.targetsOf(account) };
    try {
      const found = await vault.find(KEY_SERVICE, account);
      if (found) Object.assign(key, { storage: found.store.kind, storeDescription: found.store.description });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      key.storageUnknown = error.message;
    }
    keys.push(key);
  }
  return keys.sort((a, b) => naturalCompare(a.proxy, b.proxy) || naturalCompare(a.alias, b.alias));
}

/** The other proxies this machine has a key of this alias for (the URL given was probably spelled differently). */
export async function otherProxiesHolding(ctx: Ctx, alias: string, proxyBase: string): Promise<string[]> {
  const accounts = await (await ctx.manifest()).accounts().catch(() => [] as string[]);
  return accounts.map(splitAccount).filter((p) => p !== null && p.alias === alias && p.proxy !== proxyBase).map((p) => p!.proxy);
}
