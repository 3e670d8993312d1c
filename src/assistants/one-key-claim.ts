// The one rule every assistant's claim (KeyClaim.claim/release) follows: its file holds one key for
// the proxy, so two aliases must not take turns in it. Writing a second alias's key there replaces
// the first only with `--replace` (or a yes on a terminal), and the replaced alias then no longer
// owns that file, so rotating it never writes the assistant back to it. Each assistant names its
// kind, its default targets, how its file is chosen, and how its messages call that file.
import type { Ctx } from '../context.ts';
import { UsageError } from '../errors.ts';
import { splitAccount } from '../keys/local-keys.ts';
import { KINDS } from '../targets/kinds-slot.ts';
import type { TargetRecord } from '../targets/record.ts';
import type { Replaced } from './assistant.ts';

export interface OneKeyFile {
  /** Its target kind, e.g. "codex". */
  kind: string;
  /** Its name in messages, e.g. "Codex". */
  displayName: string;
  /** Where a bare `key create --for <it>` writes, unless `ollm config set targets` says otherwise. */
  defaultTargets: readonly string[];
  /** The file these flags write to (flag, what was written before, the default). */
  file(): string | Promise<string>;
  /** The start of the question, e.g. `Codex's config <file> holds the key "a"`. */
  holds(file: string, others: string): string;
}

export interface ClaimOptions {
  account: string;
  alias: string;
  write: string[] | undefined;
  recorded: readonly TargetRecord[];
  replace: boolean;
}

/** The other aliases whose key ollm wrote into the file these flags write to; asks on a terminal, else refuses without --replace. */
export async function claimOneKeyFile(ctx: Ctx, options: ClaimOptions, place: OneKeyFile): Promise<Replaced[]> {
  // The same order of choice as buildTargets: flag, what was written before, the configured default.
  const kinds = await ctx.wired(KINDS);
  const chosen = kinds.parseList(options.write ?? options.recorded.map((r) => r.kind));
  const names = chosen.length ? chosen : kinds.parseList((await ctx.config()).targets ?? place.defaultTargets);
  if (!names.includes(place.kind)) return [];
  const file = await place.file();
  const manifest = await ctx.manifest();
  const replaced: Replaced[] = [];
  for (const account of await manifest.accounts()) {
    if (account === options.account) continue;
    const record = (await manifest.targetsOf(account)).find((r) => r.kind === place.kind && r.file === file);
    const parts = splitAccount(account);
    if (record && parts) replaced.push({ account, alias: parts.alias, record });
  }
  if (replaced.length === 0 || options.replace) return replaced;
  const others = replaced.map((r) => `"${r.alias}"`).join(' and ');
  const { alias } = options;
  const question = `${place.holds(file, others)}; writing "${alias}" there replaces it (${place.displayName} then uses "${alias}").`;
  if (ctx.isInteractive && await ctx.prompts.confirm(`${question} Replace it?`, ctx.io.stdin, ctx.io.stderr)) return replaced;
  throw new UsageError(question, `Add --replace to make "${alias}" ${place.displayName}'s key, or leave ${place.displayName} out with --write none (or another target).`);
}

/** After the write: the replaced aliases no longer own that file, so their rotation leaves it alone. */
export async function releaseReplaced(ctx: Ctx, replaced: Replaced[]): Promise<void> {
  const manifest = await ctx.manifest();
  for (const r of replaced) await manifest.forget(r.account, [r.record]);
}

/**
 * `--write` for a new key of an alias that is not the assistant's own: the configured targets
 * without the assistant's kinds (the keychain only when nothing is left); `leftOut` when that
 * dropped one of them, so the command can say so.
 */
export async function writeWithoutKinds(ctx: Ctx, ownKinds: readonly string[], defaultTargets: readonly string[]): Promise<{ write: string[]; leftOut: boolean }> {
  const configured = (await ctx.wired(KINDS)).parseList((await ctx.config()).targets ?? defaultTargets);
  const kept = configured.filter((name) => !ownKinds.includes(name) && name !== 'none');
  return { write: kept.length ? kept : ['none'], leftOut: configured.some((name) => ownKinds.includes(name)) };
}
