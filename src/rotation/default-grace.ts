// How long a rotation keeps the old key working when `--grace` is not given: the longest
// `minimumGrace` of the assistants the key was written for (Codex keeps the key its auth command
// printed for a while), else none (the old key is deleted at once, as before).
import { ASSISTANTS_SLOT } from '../assistants/assistant.ts';
import type { Ctx } from '../context.ts';
import { durationToMs, parseDuration } from '../litellm/duration.ts';

export async function defaultGrace(ctx: Ctx, account: string): Promise<string | null> {
  const [records, assistants] = await Promise.all([(await ctx.manifest()).targetsOf(account), ctx.wired(ASSISTANTS_SLOT)]);
  const kinds = new Set(records.map((r) => r.kind));
  const graces = assistants
    .filter((a) => a.minimumGrace !== undefined && a.targetKinds.some((k) => kinds.has(k.name)))
    .map((a) => a.minimumGrace!);
  const ms = (grace: string) => durationToMs(parseDuration(grace)!);
  return graces.sort((a, b) => ms(b) - ms(a))[0] ?? null;
}
