// Which aliases a bulk rotation takes: the keys this machine holds for the proxy (ollm's target
// list knows them), narrowed by alias glob and by age on the proxy.
import type { Ctx } from '../context.ts';
import { durationToMs, parseDuration } from '../litellm/duration.ts';
import { listJournals } from './journal.ts';
import { isRetiredAlias } from './plan.ts';
import type { KeyRecord } from '../litellm/schemas.ts';
import { naturalCompare } from '../output/natural-sort.ts';
import { globToRegExp } from '../glob.ts';
import { readRotationRecord } from '../schedule/rotation-record.ts';
import { lastRenewedAt } from '../schedule/due.ts';

export interface Selection {
  /** Only keys held here (`--all`); otherwise `--match` selects among all keys on the proxy. */
  heldOnly: boolean;
  match?: string;
  olderThan?: string;
  /** Also aliases with an interrupted rotation (for --resume). */
  includeInterrupted?: boolean;
}

export interface Selected {
  alias: string;
  /** The proxy's record, for keys not held here (fleet rotation). */
  remote?: KeyRecord;
}

/**
 * `--all`: the keys held here, optionally narrowed. `--match` alone: every key on the proxy whose
 * alias matches (an admin's fleet), held here or not; retired keys left by a grace period are skipped.
 */
export async function selectKeys(ctx: Ctx, selection: Selection): Promise<Selected[]> {
  const heldAliases = await selectAliases(ctx, { ...selection, match: selection.heldOnly ? selection.match : undefined, olderThan: selection.heldOnly ? selection.olderThan : undefined });
  if (selection.heldOnly) return heldAliases.map((alias) => ({ alias }));
  const held = new Set(heldAliases);
  const pattern = globToRegExp(selection.match ?? '*');
  const cutoff = selection.olderThan ? ctx.now().getTime() - durationToMs(parseDuration(selection.olderThan)!) : Infinity;
  const keys = await (await ctx.litellm()).listAllKeys(await ctx.masterKey());
  return keys
    .filter((k) => k.key_alias && pattern.test(k.key_alias) && !isRetiredAlias(k.key_alias))
    .filter((k) => (k.created_at ? Date.parse(k.created_at) : Infinity) < cutoff || cutoff === Infinity)
    .map((k) => (held.has(k.key_alias!) ? { alias: k.key_alias! } : { alias: k.key_alias!, remote: k }))
    .sort((a, b) => naturalCompare(a.alias, b.alias));
}

async function selectAliases(ctx: Ctx, selection: Selection): Promise<string[]> {
  const proxy = await ctx.proxy();
  const suffix = `@${proxy.base}`;
  const accounts = new Set((await (await ctx.manifest()).accounts()).filter((a) => a.endsWith(suffix)));
  if (selection.includeInterrupted) {
    for (const journal of await listJournals(ctx.paths.stateDir)) if (journal.account.endsWith(suffix)) accounts.add(journal.account);
  }
  let aliases = [...accounts].map((a) => a.slice(0, -suffix.length)).sort(naturalCompare);
  if (selection.match !== undefined) {
    const pattern = globToRegExp(selection.match);
    aliases = aliases.filter((alias) => pattern.test(alias));
  }
  if (selection.olderThan !== undefined) {
    const cutoff = ctx.now().getTime() - durationToMs(parseDuration(selection.olderThan)!);
    const keys = await (await ctx.litellm()).listAllKeys(await ctx.masterKey());
    const created = new Map(keys.filter((k) => k.key_alias).map((k) => [k.key_alias!, k.created_at]));
    // Age since the last new secret (ollm's record): /key/regenerate leaves the proxy's created_at as it was.
    const record = await readRotationRecord(ctx.paths.stateDir);
    aliases = aliases.filter((alias) => (lastRenewedAt(record.get(`${alias}${suffix}`), created.get(alias))?.getTime() ?? Infinity) < cutoff);
  }
  return aliases;
}
