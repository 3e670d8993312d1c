// `ollm key write`: put a key this machine already holds where OpenClaw reads it (again), e.g.
// after `key create --write none`, or after fixing a target that failed.
import { requireHeldKey } from '../keys/require-held-key.ts';
import { resolveAlias } from '../keys/alias.ts';
import type { Ctx } from '../context.ts';
import { withKeyLock } from '../rotation/lock.ts';
import { settleBeforeChange } from '../rotation/runner.ts';
import { keyAccount } from '../secrets/store.ts';
import { buildTargets, type TargetFlags } from '../targets/build-targets.ts';
import { reportTargets, writeTargets } from '../targets/write-targets.ts';
import { aliasOption, storeOptions } from './shared-options.ts';
import { forOption, targetOptions } from './assistant-options.ts';
import { assistantFor } from '../composition/assistants.ts';
import type { Assistant } from '../assistants/assistant.ts';
import type { Options } from '../parse/options.ts';
import { defineCommand, type CommandResult, type FlagValues } from './command.ts';

// --store is accepted (scripts pass create's flags along) but the key stays where it is held.
export const keyWriteArgs = {
  alias: aliasOption, for: forOption, ...targetOptions, store: { ...storeOptions.store, hidden: true }, 'insecure-storage': { ...storeOptions['insecure-storage'], hidden: true },
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
  const assistant = assistantFor(args.for);
  const alias = await resolveAlias(args, ctx);
  assistant.checkFlags?.(args);
  const proxy = await ctx.proxy();
  // Read the key under its lock: a rotation replacing it meanwhile would have us write a dead key.
  // An interrupted rotation is settled first (as key update does), so the key written is the one
  // that survives it; that needs the master key only when there is such a journal.
  const account = keyAccount(alias, proxy.base);
  return withKeyLock(ctx.paths.stateDir, account, 30_000, async () => {
    await settleBeforeChange(ctx, account);
    return writeHeld(ctx, args, alias, assistant);
  });
}

async function writeHeld(ctx: Ctx, args: TargetFlags & { replace: boolean }, alias: string, assistant: Assistant): Promise<CommandResult> {
  const held = await requireHeldKey(ctx, alias);
  // The key exists already: ask with its own credential what it may use (no master key needed).
  await assistant.checkWithProxy?.(ctx, args, { secret: held.secret, kind: 'virtual' });
  const proxy = await ctx.proxy();
  const recorded = await (await ctx.manifest()).targetsOf(held.account);
  const claim = assistant.claim;
  const replaced = claim ? await claim.claim(ctx, { account: held.account, alias, write: args.write, recorded, flags: args, replace: args.replace }) : [];
  const targets = await buildTargets(ctx, { ...args, store: held.store.name }, recorded, assistant);
  for (const target of targets) await target.prepare();
  const { written, failures } = await writeTargets(ctx, targets, { alias, account: held.account, secret: held.secret, proxyBase: proxy.base });
  const report = reportTargets(written, failures, ctx.color);
  if (claim && written.some((w) => w.record.kind === claim.kinds[0])) await claim.release(ctx, replaced);
  const lines = [...written.map((w) => ctx.color.green(`✓ Wrote "${alias}" to ${w.description}`)), ...report.notes];
  return {
    human: lines.join('\n') || 'Nothing to write (--write none).',
    json: { key_alias: alias, proxy_url: proxy.base, ...report.json },
    exitCode: report.exitCode,
  };
}
