// Taking a key back out of every place it was written (revoke): only where it is still this key.
// Each kind of the table removes its own.
import type { Ctx } from '../context.ts';
import { UserError } from '../errors.ts';
import { keyToken } from '../keys/held-key.ts';
import { KINDS } from './kinds-slot.ts';

export interface RemovalReport {
  /** "OpenClaw config …: env.vars.LITELLM_API_KEY" */
  removed: string[];
  problems: string[];
}

/** `tokens`: the hashes of the keys being revoked (a rotation may have left more than one). */
export async function removeFromTargets(ctx: Ctx, account: string, tokens: string | string[]): Promise<RemovalReport> {
  const [manifest, kinds] = await Promise.all([ctx.manifest(), ctx.wired(KINDS)]);
  const records = await manifest.targetsOf(account);
  const revoked = new Set(typeof tokens === 'string' ? [tokens] : tokens);
  const isThisKey = (value: string) => revoked.has(keyToken(value));
  const report: RemovalReport = { removed: [], problems: [] };
  for (const record of records) {
    try {
      const what = await kinds.of(record).remove(ctx, record, account, isThisKey);
      if (what) report.removed.push(what);
    } catch (error) {
      report.problems.push(error instanceof UserError || error instanceof Error ? error.message : String(error));
    }
  }
  // The key is dead either way: a place that could not be cleaned is reported (problems), not kept
  // as a target — a later key of the same alias was never written there.
  await manifest.forget(account);
  return report;
}
