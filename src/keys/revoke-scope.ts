// Everything a revoke must kill for one alias, not just the key the keychain holds now: both keys
// of an interrupted rotation (either may be live), and the predecessors ollm's rotations retired
// with a grace period (`<alias>-retired-*`), which would otherwise keep working silently.
import type { Ctx, MasterKey } from '../context.ts';
import { UserError } from '../errors.ts';
import type { LiteLLMClient } from '../litellm/client.ts';
import { readJournal, type RotationJournal } from '../rotation/journal.ts';
import { keyToken } from './held-key.ts';
import { KEY_SERVICE, PENDING_SERVICE } from '../secrets/store.ts';

export interface RevokeScope {
  /** Hashes of every key to delete, the held one first. */
  tokens: string[];
  /** The key this machine holds now (its keychain entry goes only if it still holds this one). */
  heldToken: string | null;
  heldSecret: string | null;
  journal: RotationJournal | null;
  /** The secrets this machine has for some of them: without the master key, a key may delete itself. */
  secrets: Map<string, string>;
  /** Retired predecessors found on the proxy (needs the master key). */
  retired: { token: string; alias: string }[];
}

export async function revokeScope(ctx: Ctx, alias: string, account: string, client: LiteLLMClient, master: MasterKey | null): Promise<RevokeScope> {
  const vault = await ctx.vault();
  const [held, pending] = await vault.findTogether(account, [KEY_SERVICE, PENDING_SERVICE]);
  const journal = await readJournal(ctx.paths.stateDir, account);
  if (journal && !master) {
    throw new UserError(`A rotation of "${alias}" was interrupted, so two keys may be live; revoking them both needs the master key.`, {
      code: 'master_key_required', hint: 'Set LITELLM_MASTER_KEY (or `ollm login`), then revoke again.',
    });
  }
  const tokens = new Set<string>();
  const secrets = new Map<string, string>();
  for (const found of [held, pending]) if (found) secrets.set(keyToken(found.secret), found.secret);
  if (held) tokens.add(keyToken(held.secret));
  if (journal) { tokens.add(journal.oldToken); tokens.add(journal.newToken); }
  if (pending) tokens.add(keyToken(pending.secret));
  let retired: RevokeScope['retired'] = [];
  if (master) {
    const prefix = `${alias}-retired-`;
    const all = await client.listAllKeys(master);
    if (!held && !journal) {
      const current = all.find((k) => k.key_alias === alias);
      if (current?.token) tokens.add(current.token);
    }
    retired = all
      .filter((k) => k.token && k.key_alias?.startsWith(prefix) && k.metadata?.ollm_retired === 'true')
      .map((k) => ({ token: k.token!, alias: k.key_alias! }));
    for (const r of retired) tokens.add(r.token);
  }
  return { tokens: [...tokens], heldToken: held ? keyToken(held.secret) : null, heldSecret: held?.secret ?? null, secrets, journal, retired };
}
