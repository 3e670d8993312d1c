// The id of the keychain style's SecretRef. OpenClaw accepts ids matching
// [A-Za-z0-9][A-Za-z0-9._:/#-]{0,255} without "." or ".." segments — so not ollm's keychain
// account `<alias>@<proxy URL>` (the "@" is refused). The id is `<alias>/<proxy URL>` instead,
// or `<alias>/<hash of the URL>` when the URL has characters OpenClaw refuses.
import { createHash } from 'node:crypto';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,255}$/;

export function isValidSecretRefId(id: string): boolean {
  return ID.test(id) && !id.split('/').some((segment) => segment === '.' || segment === '..');
}

/** `openclaw@http://localhost:4000` → `openclaw/http://localhost:4000`. */
export function secretRefId(account: string): string {
  const at = account.indexOf('@');
  const alias = account.slice(0, at);
  const base = account.slice(at + 1);
  const direct = `${alias}/${base}`;
  return isValidSecretRefId(direct) ? direct : `${alias}/h${createHash('sha256').update(base).digest('hex').slice(0, 16)}`;
}

/**
 * The keychain account an id stands for. A hashed id is matched against the accounts ollm knows
 * (its target list); an id with "@" (written by hand) is taken as the account itself.
 */
export function accountForSecretRefId(id: string, knownAccounts: string[]): string | null {
  if (id.includes('@')) return id;
  const known = knownAccounts.find((account) => secretRefId(account) === id);
  if (known) return known;
  const slash = id.indexOf('/');
  const rest = id.slice(slash + 1);
  return slash > 0 && /^https?:\/\//.test(rest) ? `${id.slice(0, slash)}@${rest}` : null;
}
