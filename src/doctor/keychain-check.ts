// The doctor's keychain checks: find the stored key, and prove the keychain is reachable,
// unlocked and writable (a read alone cannot tell: a locked collection still answers reads).
import type { Ctx } from '../context.ts';
import { UserError } from '../errors.ts';
import { findHeldKey, type HeldKey } from '../keys/held-key.ts';
import { fail, ok, type CheckResult } from './report.ts';

export interface HeldLookup {
  held: HeldKey | null;
  /** Why the key could not be looked up (the keychain failed), or null. */
  error: UserError | null;
}

export async function lookUpHeldKey(ctx: Ctx, alias: string): Promise<HeldLookup> {
  try {
    return { held: await findHeldKey(ctx, alias), error: null };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { held: null, error };
  }
}

/** A key kept in another store (the opt-in plain-text file) needs no keychain: then a missing one is no failure. */
export async function checkKeychain(ctx: Ctx, lookup: HeldLookup): Promise<CheckResult> {
  const vault = await ctx.vault();
  const elsewhere = lookup.held && lookup.held.store.name !== 'keychain' ? lookup.held.store : null;
  try {
    await vault.keychain.checkWritable();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (elsewhere) return ok(`The key is kept in the ${elsewhere.description} (--store file); the OS keychain is not used (${error.message}).`);
    return fail(error.message, error.hint ?? null);
  }
  const store = vault.keychain.description;
  if (elsewhere) return ok(`${store} is reachable and unlocked; this key is kept in the ${elsewhere.description} (--store file).`);
  return ok(`${store} is reachable, unlocked and writable.`);
}
