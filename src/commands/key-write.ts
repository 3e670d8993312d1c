// `ollm key write`: put a key this machine already holds where OpenClaw reads it (again), e.g.
// after `key create --write none`, or after fixing a target that failed.
import { requireHeldKey } from '../keys/held-key.ts';
import { resolveAlias } from '../keys/alias.ts';
import type { Ctx } from '../context.ts';
import { withKeyLock } from '../rotation/lock.ts';
import { settleBeforeChange } from '../rotation/runner.ts';
import { keyAccount } from '../secrets/store.ts';
import { buildTargets, type TargetFlags } from '../targets/build-targets.ts';
import { reportTargets, writeTargets } from '../targets/write-targets.ts';
import { aliasOption, storeOptions, targetOptions } from './shared-options.ts';
import { claimOpenClaw, releaseReplaced } from '../assistants/openclaw/openclaw-owner.ts';
import type { Options } from '../parse/options.ts';
import { defineCommand, type CommandResult, type FlagValues } from './command.ts';
import { checkDefaultModel, checkDefaultModelText } from '../assistants/openclaw/default-model.ts';

// --store is accepted (scripts pass create's flags along) but the key stays where it is held.
export const keyWriteArgs = {
  alias: aliasOption, ...targetOptions, store: { ...storeOptions.store, hidden: true }, 'insecure-storage': { ...storeOptions['insecure-storage'], hidden: true },
} as const satisfies Record<string, Options>;

export type KeyWriteOptions = FlagValues<typeof keyWriteArgs>;

export default defineCommand({
  command: 'write',
  examples: [
    ['ollm key write', 'the "openclaw" key again wherever it was written (else OpenClaw\'s config), same style'],
    ['ollm key write --write profile,dotenv', 'into the shell profile and OpenClaw\'s .env'],
    ['ollm key write --openclaw-style keychain', 'no plaintext key on disk: OpenClaw asks ollm at run time'],
  ],
  args: keyWriteArgs,
  handler: (args, ctx) => writeKey(ctx, args),
});

/** `ollm key write` as a service: write the held key for these flags; the result it prints. */
export async function writeKey(ctx: Ctx, args: KeyWriteOptions): Promise<CommandResult> {
  const alias = await resolveAlias(args, ctx);
  checkDefaultModelText(args.defaultModel);
  const proxy = await ctx.proxy();
  // Read the key under its lock: a rotation replacing it meanwhile would have us write a dead key.
  // An interrupted rotation is settled first (as key update does), so the key written is the one
  // that survives it; that needs the master key only when there is such a journal.
  const account = keyAccount(alias, proxy.base);
  return withKeyLock(ctx.paths.stateDir, account, 30_000, async () => {
    await settleBeforeChange(ctx, account);
    return writeHeld(ctx, args, alias);
  });
}

async function writeHeld(ctx: Ctx, args: TargetFlags & { replace: boolean }, alias: string): Promise<CommandResult> {
  const held = await requireHeldKey(ctx, alias);
  // The key exists already: ask with its own credential what it may use (no master key needed).
  await checkDefaultModel(ctx, args.defaultModel, { secret: held.secret, kind: 'virtual' });
  const proxy = await ctx.proxy();
  const recorded = await (await ctx.manifest()).targetsOf(held.account);
  const replaced = await claimOpenClaw(ctx, { account: held.account, alias, write: args.write, recorded, openclawConfig: args.openclawConfig, replace: args.replace });
  const targets = await buildTargets(ctx, { ...args, store: held.store.name }, recorded);
  for (const target of targets) await target.prepare();
  const { written, failures } = await writeTargets(ctx, targets, { alias, account: held.account, secret: held.secret, proxyBase: proxy.base });
  const report = reportTargets(written, failures, ctx.color);
  if (written.some((w) => w.record.kind === 'openclaw')) await releaseReplaced(ctx, replaced);
  const lines = [...written.map((w) => ctx.color.green(`✓ Wrote "${alias}" to ${w.description}`)), ...report.notes];
  return {
    human: lines.join('\n') || 'Nothing to write (--write none).',
    json: { key_alias: alias, proxy_url: proxy.base, ...report.json },
    exitCode: report.exitCode,
  };
}
