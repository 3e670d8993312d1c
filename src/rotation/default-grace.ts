// How long the old key keeps working when `key rotate` is given no `--grace`: the longest
// `rotationGrace` of the assistants the key was written for (an assistant that reads its key only
// at start, such as OpenCode, keeps sending the old one until it restarts), else none.
import type { Ctx } from '../context.ts';
import { ASSISTANTS_SLOT } from '../assistants/assistant.ts';
import { parseDuration } from '../litellm/duration.ts';

export interface DefaultGrace {
  duration: string;
  /** Why, for people: `a running OpenCode keeps sending the old key until it is restarted`. */
  why: string;
}

const SECONDS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, mo: 2592000 } as const;

function seconds(text: string): number {
  const d = parseDuration(text);
  return d ? d.value * SECONDS[d.unit] : 0;
}

export async function defaultGrace(ctx: Ctx, account: string, forName: string | undefined): Promise<DefaultGrace | null> {
  const [assistants, records] = await Promise.all([ctx.wired(ASSISTANTS_SLOT), ctx.manifest().then((m) => m.targetsOf(account)).catch(() => [])]);
  const kinds = new Set(records.map((r) => r.kind));
  const graces = assistants
    .filter((a) => a.name === forName || a.targetKinds.some((k) => kinds.has(k.name)))
    .flatMap((a) => (a.rotationGrace ? [a.rotationGrace(ctx.env)] : []));
  return graces.sort((a, b) => seconds(b.duration) - seconds(a.duration))[0] ?? null;
}
