// Which aliases a bulk rotation takes: the keys this machine holds for the proxy (ollm's target
// list knows them), narrowed by alias glob and by age on the proxy.
import type { Ctx } from '../context.ts';
import { durationToMs, parseDuration } from '../litellm/duration.ts';
import { listJournals } from './journal.ts';

export interface Selection {
  match?: string;
  olderThan?: string;
  /** Also aliases with an interrupted rotation (for --resume). */
  includeInterrupted?: boolean;
}

/** `openclaw-*` → /^openclaw-.*$/ (only * and ? are special). */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

export async function selectAliases(ctx: Ctx, selection: Selection): Promise<string[]> {
  const proxy = await ctx.proxy();
  const suffix = `@${proxy.base}`;
  const accounts = new Set((await (await ctx.manifest()).accounts()).filter((a) => a.endsWith(suffix)));
  if (selection.includeInterrupted) {
    for (const journal of await listJournals(ctx.paths.stateDir)) if (journal.account.endsWith(suffix)) accounts.add(journal.account);
  }
  let aliases = [...accounts].map((a) => a.slice(0, -suffix.length)).sort();
  if (selection.match !== undefined) {
    const pattern = globToRegExp(selection.match);
    aliases = aliases.filter((alias) => pattern.test(alias));
  }
  if (selection.olderThan !== undefined) {
    const cutoff = ctx.now().getTime() - durationToMs(parseDuration(selection.olderThan)!);
    const keys = await (await ctx.litellm()).listAllKeys(await ctx.masterKey());
    const created = new Map(keys.filter((k) => k.key_alias).map((k) => [k.key_alias!, k.created_at ? Date.parse(k.created_at) : NaN]));
    aliases = aliases.filter((alias) => (created.get(alias) ?? Infinity) < cutoff);
  }
  return aliases;
}
