// The one rule for a secret the proxy chose (it ignored ollm's, it has disable_custom_api_keys, or
// it regenerated a key): ollm keeps it only if it looks like what LiteLLM makes. Such a secret is
// outside input that ollm would store, write into OpenClaw's config, `.env` and shell profiles,
// and print with --reveal; a hostile proxy could make it a shell command or a terminal sequence.
import type { MasterKey } from '../context.ts';
import { UserError } from '../errors.ts';
import type { LiteLLMClient } from '../litellm/client.ts';
import { keyToken } from './held-key.ts';

/**
 * LiteLLM makes `sk-` + secrets.token_urlsafe(16) (22 characters of [A-Za-z0-9_-]); the length
 * range leaves room for other versions and custom lengths while keeping out what is no key.
 */
const LITELLM_KEY = /^sk-[A-Za-z0-9_-]{8,256}$/;

/** The shape of a key LiteLLM makes: `sk-` then 8 to 256 letters, digits, `_` or `-`. */
export function looksLikeLiteLLMKey(value: unknown): value is string {
  return typeof value === 'string' && LITELLM_KEY.test(value);
}

/** Why a proxy-chosen secret was refused, and whether its key is gone from the proxy again. */
export class ProxySecretRejected extends UserError {
  constructor(readonly deleted: boolean, message: string, hint: string) {
    super(message, { code: 'proxy_secret_rejected', hint });
    this.name = 'ProxySecretRejected';
  }
}

/**
 * Nothing when `secret` (chosen by the proxy for `alias`) looks like a LiteLLM key; else the key
 * that carries it is deleted on the proxy (nobody may hold a key ollm refuses to keep) and a
 * ProxySecretRejected is thrown. The secret itself is never part of the message.
 */
export async function acceptProxySecret(client: LiteLLMClient, master: MasterKey, secret: string, alias: string): Promise<void> {
  if (looksLikeLiteLLMKey(secret)) return;
  const deleted = await client.deleteKeys(master, [keyToken(secret)]).then(() => true, () => false);
  const what = `The proxy answered with a secret for "${alias}" that does not look like a LiteLLM key (sk- and 8 to 256 letters, digits, _ or -), so ollm does not keep it`;
  throw deleted
    ? new ProxySecretRejected(true, `${what}, and deleted it from the proxy again.`, 'Check the proxy: LiteLLM itself makes keys of that form; a proxy answering otherwise is not LiteLLM or not to be trusted.')
    : new ProxySecretRejected(false, `${what}, and could not delete it from the proxy either.`, `Have the proxy's admin delete the key "${alias}" (nobody holds its secret), and check the proxy.`);
}
