// The places a rotation rewrites, one rule for the check before it and the rewrite after it:
// a target that cannot be written is found before the proxy changes anything, and one that still
// fails afterwards keeps the old key alive (an automatic grace) instead of leaving a dead key there.
import type { Ctx } from '../context.ts';
import { UserError } from '../errors.ts';
import { buildTargets, targetsFromRecords } from '../targets/build-targets.ts';
import type { BaseRecord, TargetKind } from '../targets/kind.ts';
import { KINDS } from '../targets/kinds-slot.ts';
import type { TargetRecord } from '../targets/record.ts';
import type { KeyTarget } from '../targets/target.ts';
import { writeTargets } from '../targets/write-targets.ts';
import type { RotationJournal } from './journal.ts';

/** How long the old key keeps working when a target could not take the new one. */
export const AUTO_GRACE = '24h';

type Keep = Pick<RotationJournal, 'alias' | 'account' | 'keep' | 'writeTargets'>;

interface Plan {
  targets: KeyTarget[];
  /** The records the key was written to (a held key's rotation); their kinds' after-rotate steps run. */
  records: TargetRecord[];
}

async function plan(ctx: Ctx, rotation: Keep): Promise<Plan> {
  if (rotation.keep === 'reveal') return { targets: [], records: [] };
  if (rotation.keep === 'write') return { targets: await buildTargets(ctx, { write: rotation.writeTargets }), records: [] };
  const records = await (await ctx.manifest()).targetsOf(rotation.account);
  return { targets: await targetsFromRecords(ctx, records), records };
}

/**
 * The check `key create` runs before it asks the proxy for anything (read-only config,
 * OPENCLAW_CONFIG_READONLY, a file too big to edit, no permission): refuse before rotating.
 */
export async function preflightRotation(ctx: Ctx, rotation: Keep): Promise<void> {
  // The rotation records where the new key went: a list it could not write stops it now.
  await (await ctx.manifest()).checkWritable();
  for (const target of (await plan(ctx, rotation)).targets) {
    try {
      await target.prepare();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      throw new UserError(`${error.message} Nothing was rotated: the old key would have stayed there and stopped working.`, {
        code: error.code, hint: `${error.hint ?? 'Fix it'}; then rotate again. (To drop that place from the key, write it elsewhere with \`ollm key write --alias ${rotation.alias} --write <targets>\`.)`,
      });
    }
  }
}

/** Write the new key everywhere; what failed is reported, not thrown (the key is stored already). */
export async function rewriteRotationTargets(ctx: Ctx, rotation: Keep, secret: string): Promise<{ targets: string[]; problems: string[] }> {
  const { targets: chosen, records } = await plan(ctx, rotation);
  const proxy = await ctx.proxy();
  const { written, failures } = await writeTargets(ctx, chosen, { alias: rotation.alias, account: rotation.account, secret, proxyBase: proxy.base });
  const targets = written.map((w) => w.description);
  // E.g. a running OpenClaw Gateway reloads the keychain style's exec SecretRefs.
  for (const kind of (await ctx.wired(KINDS)).kinds) {
    const own = records.filter((r) => r.kind === kind.name);
    if (own.length && kind.afterRotate) targets.push(...await (kind as TargetKind<BaseRecord>).afterRotate!(ctx, own));
  }
  return { targets, problems: failures.map((f) => f.message) };
}
