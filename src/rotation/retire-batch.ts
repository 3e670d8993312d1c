// Old keys retired by the rotations of one run are deleted together: /key/delete takes a list.
// The first old key goes at once; while its request is on the way, the old keys of rotations that
// finish meanwhile wait and go in the next request (no timer: a single rotation waits for nothing).
// Each rotation still waits for its own key's delete, so it keeps its lock and its journal until
// the old key is gone — a kill in between leaves what it always left (a 'committed' journal, which
// a resume finishes by deleting the old key again).
import { UserError } from '../errors.ts';
import type { Credential, LiteLLMClient } from '../litellm/client.ts';

/** A bound on one request's list (--concurrency allows 64 at once, so it is rarely reached): a small body, one short transaction on the proxy. */
const MAX_BATCH = 100;

interface Waiting {
  token: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

class DeleteBatch {
  private readonly waiting: Waiting[] = [];
  private sending = false;

  constructor(private readonly client: LiteLLMClient, private readonly credential: Credential) {}

  delete(token: string): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.waiting.push({ token, resolve, reject }));
    if (!this.sending) void this.send();
    return done;
  }

  private async send(): Promise<void> {
    this.sending = true;
    while (this.waiting.length) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      await this.deleteTogether(batch);
    }
    this.sending = false;
  }

  private async deleteTogether(batch: Waiting[]): Promise<void> {
    try {
      await this.client.deleteKeys(this.credential, batch.map((w) => w.token));
      for (const w of batch) w.resolve();
    } catch (error) {
      // One key alone: its own answer. Several: the proxy answered for all at once (none found,
      // one not allowed, a failure), so each is asked alone and gets its own answer.
      if (batch.length === 1 || !(error instanceof UserError)) {
        for (const w of batch) w.reject(error);
        return;
      }
      await Promise.all(batch.map(async (w) => {
        try {
          await this.client.deleteKeys(this.credential, [w.token]);
          w.resolve();
        } catch (alone) {
          w.reject(alone);
        }
      }));
    }
  }
}

const batches = new WeakMap<LiteLLMClient, Map<string, DeleteBatch>>();

/** Delete one old key, together with those of the other rotations finishing at the same time. */
export function deleteOldKey(client: LiteLLMClient, credential: Credential, token: string): Promise<void> {
  let byCredential = batches.get(client);
  if (!byCredential) batches.set(client, byCredential = new Map());
  let batch = byCredential.get(credential.secret);
  if (!batch) byCredential.set(credential.secret, batch = new DeleteBatch(client, credential));
  return batch.delete(token);
}
