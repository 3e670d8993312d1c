// The two places a key gets a new secret (key create, a finished rotation) tell the rotation
// record. A record that cannot be written must not undo or fail the work already done: the key
// then counts from its proxy creation date, so at worst it is rotated early once.
import type { Ctx } from '../context.ts';
import type { RotationMethod } from '../rotation/journal.ts';
import { recordCreated, recordRotated } from './rotation-record.ts';

export async function noteRotated(ctx: Ctx, account: string, method: RotationMethod): Promise<void> {
  await recordRotated(ctx.paths.stateDir, account, ctx.now(), method).catch((error: unknown) => warnUnrecorded(ctx, error));
}

export async function noteCreated(ctx: Ctx, account: string): Promise<void> {
  await recordCreated(ctx.paths.stateDir, account, ctx.now()).catch((error: unknown) => warnUnrecorded(ctx, error));
}

function warnUnrecorded(ctx: Ctx, error: unknown): void {
  ctx.warn(`warning: the date of this key could not be recorded for \`ollm schedule\` (${error instanceof Error ? error.message : String(error)}).`);
}
