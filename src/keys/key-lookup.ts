// Finds the proxy's record of an alias: through the key this machine holds (no master key
// needed), or else through /key/list with the master key.
import { UserError } from '../errors.ts';
import { refusedOwnInfo } from '../litellm/errors.ts';
import type { Ctx } from '../context.ts';
import type { KeyRecord } from '../litellm/schemas.ts';
import { findHeldKey, keyToken, type HeldKey } from './held-key.ts';
import { otherProxiesHolding } from './local-keys.ts';
import { goneOnProxyError, isGoneOnProxy, notHeldError, otherProxyError } from './way-out.ts';

export interface LookedUpKey {
  record: KeyRecord;
  /** The key as LiteLLM identifies it (sha256 hex). */
  token: string;
  held: HeldKey | null;
}

export async function lookUpKey(ctx: Ctx, alias: string): Promise<LookedUpKey> {
  const proxy = await ctx.proxy();
  let held: HeldKey | null = null;
  let keychainProblem: UserError | null = null;
  try {
    held = await findHeldKey(ctx, alias);
  } catch (error) {
    // A broken keychain need not stop a lookup that the master key can do on its own.
    if (!(error instanceof UserError)) throw error;
    keychainProblem = error;
  }
  const client = await ctx.litellm();
  if (held) {
    try {
      const answer = await client.keyInfo({ secret: held.secret, kind: 'virtual' });
      return { record: answer.info, token: keyToken(held.secret), held };
    } catch (error) {
      // The key may not read its own info (key_type llm_api: 403), or is gone (a deleted key cannot
      // authenticate): the master key can still ask about it by hash, if one is at hand.
      if (!(error instanceof UserError && (refusedOwnInfo(error) || isGoneOnProxy(error)))) throw error;
      const master = await ctx.optionalMasterKey();
      if (!master) {
        if (isGoneOnProxy(error)) throw await goneOnProxyError(ctx, alias);
        throw new UserError(`The key "${alias}" may not read its own info on ${proxy.base} (for example a key_type "llm_api" key).`, {
          code: 'forbidden', hint: 'Set LITELLM_MASTER_KEY (or run `ollm login`): ollm then asks with the master key.',
        });
      }
      const token = keyToken(held.secret);
      const answer = await client.keyInfo(master, token).catch(async (again: unknown) => {
        throw isGoneOnProxy(again) ? await goneOnProxyError(ctx, alias) : again;
      });
      // An archived (deleted) record is returned: key info reports it with its deletion time.
      return { record: answer.info, token, held };
    }
  }
  const master = await ctx.optionalMasterKey();
  if (!master) {
    if (keychainProblem) throw keychainProblem;
    throw await notHeldError(ctx, alias);
  }
  if (keychainProblem) ctx.warn(`warning: ${keychainProblem.message} Looking "${alias}" up on the proxy instead.`);
  const [match] = await client.findKeysByAlias(master, alias);
  const elsewhere = await otherProxiesHolding(ctx, alias, proxy.base);
  if (elsewhere.length && match?.token) ctx.warn(`warning: ${otherProxyError(alias, proxy.base, elsewhere).message} Showing the proxy's record instead.`);
  if (!match?.token) {
    if (elsewhere.length) throw otherProxyError(alias, proxy.base, elsewhere);
    throw new UserError(`No key with alias "${alias}" exists on ${proxy.base}.`, {
      code: 'key_not_found', hint: `See the proxy's keys with \`ollm key list\`, or create one with \`ollm key create --alias ${alias}\`.`,
    });
  }
  const answer = await client.keyInfo(master, match.token);
  return { record: answer.info, token: match.token, held: null };
}
