// The grace a rotation gives the old key when `--grace` is not given: the longest any assistant
// the key is written for needs (Assistant.rotationGrace) for its running sessions to move to the
// new key by themselves — Claude Code keeps what its apiKeyHelper printed for a TTL. None when no
// such assistant holds the key: the old key is deleted at once, as before.
import { ASSISTANTS_SLOT } from '../assistants/assistant.ts';
import type { Ctx } from '../context.ts';
import { parseDuration } from '../litellm/duration.ts';

const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, mo: 2_592_000 };

function seconds(text: string): number {
  const duration = parseDuration(text);
  return duration ? duration.value * SECONDS[duration.unit]! : 0;
}

/** `forName`: the assistant named by `--for`, which counts even before anything is recorded. */
export async function assistantGrace(ctx: Ctx, account: string, forName?: string): Promise<string | null> {
  const [assistants, records] = await Promise.all([ctx.wired(ASSISTANTS_SLOT), ctx.manifest().then((m) => m.targetsOf(account)).catch(() => [])]);
  const kinds = new Set(records.map((r) => r.kind));
  const graces = assistants
    .filter((a) => a.name === forName || a.targetKinds.some((k) => kinds.has(k.name)))
    .map((a) => a.rotationGrace?.(ctx.env))
    .filter((g): g is string => g !== undefined);
  return graces.sort((a, b) => seconds(b) - seconds(a))[0] ?? null;
}
