// Which alias pi uses. pi's models.json holds one key for ollm's provider, so several keys on
// one machine must not take turns in it: by default only pi's alias ("pi") is written there;
// another alias goes there only when asked (`--write pi`), and where a different alias's key is
// written already only with `--replace` (or a yes on a terminal). The replaced alias then no
// longer owns that place, so rotating it never writes pi's file back to it.
import type { Ctx } from '../../context.ts';
import { UsageError } from '../../errors.ts';
import { splitAccount } from '../../keys/local-keys.ts';
import { KINDS } from '../../targets/kinds-slot.ts';
import type { TargetFlags } from '../../targets/kind.ts';
import type { TargetRecord } from '../../targets/record.ts';
import type { KeyClaim, Replaced } from '../assistant.ts';
import type { PiFlagValues } from './flags.ts';
import { isPiRecord } from './record.ts';
import { piWrite } from './write-policy.ts';

export const PI_ALIAS = 'pi';
export const PI_DEFAULT_TARGETS: readonly string[] = ['pi'];
const PI_KINDS: readonly string[] = ['pi'];

async function defaultWrite(ctx: Ctx, alias: string, write: string[] | undefined): Promise<{ write: string[] | undefined; leftOut: boolean }> {
  if (write !== undefined || alias === PI_ALIAS) return { write, leftOut: false };
  // Another alias for pi: the configured targets without pi's file (keychain only when nothing is left).
  const configured = (await ctx.wired(KINDS)).parseList((await ctx.config()).targets ?? PI_DEFAULT_TARGETS);
  const kept = configured.filter((name) => !PI_KINDS.includes(name) && name !== 'none');
  return { write: kept.length ? kept : ['none'], leftOut: configured.some((name) => PI_KINDS.includes(name)) };
}

async function claim(ctx: Ctx, options: { account: string; alias: string; write: string[] | undefined; recorded: readonly TargetRecord[]; flags: object; replace: boolean }): Promise<Replaced[]> {
  const kinds = await ctx.wired(KINDS);
  const chosen = kinds.parseList(options.write ?? options.recorded.map((r) => r.kind));
  const names = chosen.length ? chosen : kinds.parseList((await ctx.config()).targets ?? PI_DEFAULT_TARGETS);
  if (!names.includes('pi')) return [];
  const file = piWrite(ctx, options.flags as TargetFlags, options.recorded).paths.modelsFile;
  const manifest = await ctx.manifest();
  const replaced: Replaced[] = [];
  for (const account of await manifest.accounts()) {
    if (account === options.account) continue;
    const record = (await manifest.targetsOf(account)).find((r) => isPiRecord(r) && r.file === file);
    const parts = splitAccount(account);
    if (record && parts) replaced.push({ account, alias: parts.alias, record });
  }
  if (replaced.length === 0 || options.replace) return replaced;
  const others = replaced.map((r) => `"${r.alias}"`).join(' and ');
  const question = `pi's models.json ${file} holds the key ${others}; writing "${options.alias}" there replaces it (pi then uses "${options.alias}").`;
  if (ctx.isInteractive && await ctx.prompts.confirm(`${question} Replace it?`, ctx.io.stdin, ctx.io.stderr)) return replaced;
  throw new UsageError(question, `Add --replace to make "${options.alias}" pi's key, or leave pi out with --write none (or another target).`);
}

async function release(ctx: Ctx, replaced: Replaced[]): Promise<void> {
  const manifest = await ctx.manifest();
  for (const r of replaced) await manifest.forget(r.account, [r.record]);
}

/** pi's claim on the one key its models.json holds for ollm's provider. */
export const piClaim: KeyClaim = {
  kinds: PI_KINDS,
  alias: () => Promise.resolve(PI_ALIAS),
  defaultWrite,
  claim: (ctx, options) => claim(ctx, { ...options, replace: options.replace || Boolean((options.flags as PiFlagValues).replace) }),
  release,
};
