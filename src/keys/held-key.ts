// The virtual key this machine holds for an alias on the current proxy.
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import { UserError } from '../errors.ts';
import { printsExactly } from '../output/terminal-text.ts';
import type { SecretStore } from '../secrets/store.ts';
import { KEY_SERVICE, keyAccount } from '../secrets/store.ts';

export interface HeldKey {
  alias: string;
  account: string;
  secret: string;
  store: SecretStore;
}

/**
 * A new virtual key's secret: `sk-` + 22 URL-safe characters, the shape LiteLLM generates. ollm
 * chooses it (LiteLLM accepts a custom `key`) so it holds the secret before the proxy sees it.
 */
export function newSecret(): string {
  return `sk-${randomBytes(16).toString('base64url')}`;
}

export { keyToken } from '../litellm/key-token.ts';

export async function findHeldKey(ctx: Ctx, alias: string): Promise<HeldKey | null> {
  const proxy = await ctx.proxy();
  const account = keyAccount(alias, proxy.base);
  const found = await (await ctx.vault()).find(KEY_SERVICE, account);
  return found ? { alias, account, secret: found.secret, store: found.store } : null;
}

/**
 * The held secret, for output a script reads byte for byte (`key get --reveal`, `env`); a
 * UserError when it could not be printed exactly (a proxy-chosen key held before ollm checked
 * them): rotating gives a key of LiteLLM's own shape.
 */
export function printableSecret(held: HeldKey): string {
  if (printsExactly(held.secret)) return held.secret;
  throw new UserError(`The key held for "${held.alias}" holds control characters, so it cannot be printed exactly; ollm does not print it altered.`, {
    code: 'key_unprintable', hint: `Replace it with \`ollm key rotate --alias ${held.alias}\` (the proxy's new key is checked), then run this again.`,
  });
}
