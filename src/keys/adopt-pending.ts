// A `key create` killed after the proxy made the key leaves its secret parked under ollm-pending
// (it is parked before the request, so a lost answer loses nothing). The next create or rotate of
// that alias adopts it: the proxy knows its hash, so it is the alias's key, and it becomes the held
// one — instead of an "alias taken" that sends people round in circles.
import type { MasterKey } from '../context.ts';
import { UserError } from '../errors.ts';
import type { LiteLLMClient } from '../litellm/client.ts';
import { isDeletedKey, type KeyRecord } from '../litellm/schemas.ts';
import { readJournal } from '../rotation/journal.ts';
import type { KeyVault } from '../secrets/key-vault.ts';
import { KEY_SERVICE, PENDING_SERVICE } from '../secrets/store.ts';
import type { StoreName } from '../secrets/stores.ts';
import { keyToken } from './held-key.ts';

export interface AdoptedKey {
  key: string;
  token: string;
  record: KeyRecord;
}

/**
 * The pending secret of an interrupted create, now held under KEY_SERVICE, when the proxy has it
 * under this alias; null otherwise. A pending secret the proxy never saw is dropped. A rotation's
 * pending secret is the rotation's business (its journal settles it) and is left alone.
 */
export async function adoptInterruptedCreate(input: {
  stateDir: string; vault: KeyVault; client: LiteLLMClient; master: MasterKey; account: string; alias: string;
  /**
   * The store this run was told to keep the key in (`key create --store`); else where the
   * interrupted run parked it. A plain `key create` must not leave the key in the plain-text file.
   */
  keepIn?: StoreName;
}): Promise<AdoptedKey | null> {
  const { vault, client, master, account } = input;
  if (await readJournal(input.stateDir, account)) return null;
  // A machine without a keychain (the file store in use) has nothing parked there to adopt.
  const pending = await vault.find(PENDING_SERVICE, account).catch((error: unknown) => {
    if (error instanceof UserError && error.code === 'keychain_unavailable') return null;
    throw error;
  });
  if (!pending) return null;
  const token = keyToken(pending.secret);
  let record: KeyRecord | null;
  try {
    record = (await client.keyInfo(master, token)).info;
  } catch (error) {
    if (!(error instanceof UserError && (error.code === 'not_found' || error.code === 'key_unknown'))) throw error;
    record = null;
  }
  if (!record || isDeletedKey(record)) {
    await vault.remove(PENDING_SERVICE, account, pending.store);
    return null;
  }
  if (record.key_alias !== input.alias) return null;
  // Kept where this run asked, else where the interrupted run parked it (the store it was told to use).
  await vault.save(KEY_SERVICE, account, pending.secret, input.keepIn ?? pending.store.name);
  await vault.remove(PENDING_SERVICE, account, pending.store);
  return { key: pending.secret, token, record };
}
