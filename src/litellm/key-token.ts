// A virtual key's identity on the proxy: LiteLLM keeps only the sha256 of the secret.
import { createHash } from 'node:crypto';

/** LiteLLM stores only sha256(key) in hex, and calls it the key's `token`. */
export function keyToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
