// A key the proxy chose the secret of (disable_custom_api_keys) cannot be found by a hash known in
// advance. So `key create` tags it (metadata.ollm_create) and writes the tag here first: if the
// answer is lost, or ollm is killed before it holds the secret, the key is found by alias + tag
// and deleted again — nobody holds its secret, so keeping it would only leave an orphan.
import { createHash } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { readTextIfExists } from '../io/read-optional.ts';
import type { Credential, LiteLLMClient } from '../litellm/client.ts';
import type { KeyRecord } from '../litellm/schemas.ts';

/** The metadata field that carries the tag. */
export const CREATE_TAG = 'ollm_create';

function markerFile(stateDir: string, account: string): string {
  return join(stateDir, 'creating', `${createHash('sha256').update(account).digest('hex').slice(0, 32)}.json`);
}

export async function writeCreateMarker(stateDir: string, account: string, tag: string): Promise<void> {
  await writeFileAtomic(markerFile(stateDir, account), `${JSON.stringify({ account, tag })}\n`, { mode: 0o600, dirMode: 0o700 });
}

export async function removeCreateMarker(stateDir: string, account: string): Promise<void> {
  await unlink(markerFile(stateDir, account)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** The keys carrying this alias and this creation tag (at most one, unless a proxy misbehaves). */
export async function findTagged(client: LiteLLMClient, master: Credential, alias: string, field: string, tag: string): Promise<KeyRecord[]> {
  return (await client.findKeysByAlias(master, alias)).filter((k) => k.metadata[field] === tag);
}

/** Delete what an interrupted create of this alias left on the proxy; returns how many keys. */
export async function clearAbandonedCreate(stateDir: string, client: LiteLLMClient, master: Credential, alias: string, account: string): Promise<number> {
  const text = await readTextIfExists(markerFile(stateDir, account));
  if (!text) return 0;
  let tag: unknown;
  try { tag = (JSON.parse(text) as { tag?: unknown }).tag; } catch { tag = undefined; }
  const orphans = typeof tag === 'string' ? await findTagged(client, master, alias, CREATE_TAG, tag) : [];
  const tokens = orphans.map((k) => k.token).filter((t): t is string => !!t);
  if (tokens.length) await client.deleteKeys(master, tokens);
  await removeCreateMarker(stateDir, account);
  return tokens.length;
}
