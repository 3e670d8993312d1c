// `ollm key write`: put a key this machine already holds where OpenClaw reads it (again), e.g.
// after `key create --write none`, or after fixing a target that failed.
import { requireHeldKey } from '../keys/require-held-key.ts';
import { resolveAlias } from '../keys/alias.ts';
import type { Ctx } from '../context.ts';
import { withKeyLock } from '../rotation/lock.ts';
import { settleBeforeChange } from '../rotation/runner.ts';
import { KEY_SERVICE, keyAccount, type SecretStore } from '../secrets/store.ts';
import { chosenStore } from '../secrets/stores.ts';
import { buildTargets, type TargetFlags } from '../targets/build-targets.ts';
import { reportTargets, writeTargets } from '../targets/write-targets.ts';
import { aliasOption, storeOptions } from './shared-options.ts';
import { forOption } from './for-option.ts';
import { targetOptions } from './assistant-options.ts';
import { assistantFor } from '../composition/assistants.ts';
import type { Assistant } from '../assistants/assistant.ts';
import type { Options } from '../parse/options.ts';
import { defineCommand, type CommandResult, type FlagValues } from './command.ts';

// --store moves the held key to that store (and rewrites its places for it); without it the key
// stays where it is held.
export const keyWriteArgs = {
  alias: aliasOption, for: forOption, ...targetOptions,
  store: { ...storeOptions.store, describe: 'Move the held key to this store first (keychain, file); default: where it is' },
  'insecure-storage': { ...storeOptions['insecure-storage'], hidden: true },
} as const satisfies Record<string, Options>;

export type KeyWriteOptions = FlagValues<typeof keyWriteArgs>;

export default defineCommand({
  command: 'write',
  examples: [
    ['ollm key write', 'the "openclaw" key again wherever it was written (else OpenClaw\'s config), same style'],
    ['ollm key write --write profile,dotenv', 'into the shell profile and OpenClaw\'s .env'],
    ['ollm key write --openclaw-style keychain', 'no plaintext key on disk: OpenClaw asks ollm at run time'],
    ['ollm key write --store keychain', 'move a key kept in ollm\'s plain-text file into the OS keychain'],
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

function explicitStore(args: { store?: string; insecureStorage?: boolean }): boolean {
  return args.store !== undefined || !!args.insecureStorage;
}

async function writeHeld(ctx: Ctx, args: TargetFlags & { replace: boolean; store?: string; insecureStorage?: boolean }, alias: string, assistant: Assistant): Promise<CommandResult> {
  const found = await requireHeldKey(ctx, alias);
  const moveTo = explicitStore(args) ? chosenStore(args) : found.store.name;
  const vault = await ctx.vault();
  const held = moveTo === found.store.name ? found : { ...found, store: vault.store(moveTo) };
  if (held !== found) await held.store.checkWritable();
  // The key exists already: ask with its own credential what it may use (no master key needed).
  await assistant.checkWithProxy?.(ctx, args, { secret: held.secret, kind: 'virtual' });
  const proxy = await ctx.proxy();
  const recorded = await (await ctx.manifest()).targetsOf(held.account);
  const claim = assistant.claim;
  const replaced = claim ? await claim.claim(ctx, { account: held.account, alias, write: args.write, recorded, flags: args, replace: args.replace }) : [];
  const targets = await buildTargets(ctx, { ...args, store: held.store.name }, recorded, assistant);
  for (const target of targets) await target.prepare();
  // A move: the new store holds the key before any place is rewritten for it, and the old copy
  // goes last, so a crash in between leaves the key in both stores, never in neither.
  if (held !== found) await vault.save(KEY_SERVICE, held.account, held.secret, moveTo);
  const { written, failures } = await writeTargets(ctx, targets, { alias, account: held.account, secret: held.secret, proxyBase: proxy.base });
  const report = reportTargets(written, failures, ctx.color);
  if (claim && written.some((w) => w.record.kind === claim.kinds[0])) await claim.release(ctx, replaced);
  // The key already where --store asks: a copy elsewhere is what a move cut short left (the file is
  // read first, so it looks moved); removing it now finishes that move.
  let leftFrom: SecretStore | undefined;
  if (held !== found) {
    await vault.remove(KEY_SERVICE, held.account, found.store);
    leftFrom = found.store;
  } else if (explicitStore(args)) {
    leftFrom = (await vault.removeOthers(KEY_SERVICE, held.account, held.store))[0];
  }
  const moved = leftFrom ? [ctx.color.green(`✓ Moved "${alias}" from the ${leftFrom.description} to the ${held.store.description}`)] : [];
  const lines = [...moved, ...written.map((w) => ctx.color.green(`✓ Wrote "${alias}" to ${w.description}`)), ...report.notes];
  return {
    human: lines.join('\n') || 'Nothing to write (--write none).',
    json: { key_alias: alias, proxy_url: proxy.base, ...(leftFrom ? { moved: { from: leftFrom.name, to: held.store.name } } : {}), ...report.json },
    exitCode: report.exitCode,
  };
}
