// `ollm key rotate`: replace a key with a new one that has the same settings and spend, update
// every place it was written, and retire the old one — one alias, or many at once.
import { UsageError, UserError } from '../errors.ts';
import type { Ctx } from '../context.ts';
import { resolveAlias } from '../keys/alias.ts';
import { parseDuration } from '../litellm/duration.ts';
import { keyAccount } from '../secrets/store.ts';
import { canRegenerate, knownCapability } from '../rotation/capabilities.ts';
import { lockWaitMs, withKeyLock } from '../rotation/lock.ts';
import { resumeRotation, rotateHeldKey, rotateRemoteKey, type RotationOutcome } from '../rotation/runner.ts';
import { runPool } from '../rotation/pool.ts';
import { defaultGrace } from '../rotation/default-grace.ts';
import { selectKeys, type Selected } from '../rotation/select.ts';
import { maskFromKeyName } from '../output/mask.ts';
import { ollmForAlias } from '../keys/way-out.ts';
import { formatMoney } from '../output/format.ts';
import { renderTable } from '../output/table.ts';
import { aliasOption, revealOption, waitOption } from './shared-options.ts';
import { forOption } from './for-option.ts';
import { clusterOptions, keyCacheLine, keyCacheTtlFlag, keyCacheWindow, waitOutKeyCache } from '../keys/key-cache.ts';
import type { Options } from '../parse/options.ts';
import { defineCommand, type CommandResult, type FlagValues } from './command.ts';

interface KeyResult {
  key_alias: string;
  ok: boolean;
  outcome?: RotationOutcome;
  error?: { message: string; hint: string | null; code: string };
}

export const keyRotateArgs = {
  alias: aliasOption,
  for: forOption,
  grace: { type: 'string', describe: 'Keep the old key working this long (e.g. 24h) instead of deleting it (default: what the key\'s assistant needs to pick up the new key, e.g. Claude Code 10m; else none)' },
  'dry-run': { type: 'boolean', default: false, describe: 'Print the plan; change nothing' },
  resume: { type: 'boolean', default: false, describe: 'Only finish or roll back interrupted rotations' },
  all: { type: 'boolean', default: false, describe: 'Rotate every key this machine holds for the proxy' },
  match: { type: 'string', describe: 'Rotate the proxy\'s keys whose alias matches this glob (* and ?), held here or not (master key); with --all, only those held here' },
  'older-than': { type: 'string', describe: 'With --all/--match: only keys created longer ago than this (e.g. 30d)' },
  write: { type: 'string', array: true, describe: 'Fleet keys not held here: keep the new key here and write it to these targets (none = keychain only)' },
  concurrency: { type: 'number', default: 4, describe: 'Keys rotated at the same time' },
  wait: waitOption,
  reveal: revealOption,
  force: { type: 'boolean', default: false, describe: 'Re-create a key even when some of its settings cannot be carried over (they are named otherwise)' },
  ...clusterOptions,
} as const satisfies Record<string, Options>;

export type KeyRotateOptions = FlagValues<typeof keyRotateArgs>;

export default defineCommand({
  command: 'rotate',
  examples: [
    ['ollm key rotate', 'rotate the "openclaw" key; the old one is deleted at once'],
    ['ollm key rotate --grace 24h', 'the old key keeps working for 24 h, so running sessions finish'],
    ['ollm key rotate --wait-cluster', 'return only once no LiteLLM instance on the proxy\'s database accepts the old key'],
    ['ollm key rotate --resume', 'finish (or roll back) a rotation that was interrupted'],
    ['ollm key rotate --all --concurrency 8 --json', 'every key held on this machine, for cron'],
    ['ollm key rotate --match "openclaw-*" --older-than 30d --dry-run', 'what a fleet rotation would do'],
  ],
  args: keyRotateArgs,
  validate(args) {
    if (args.grace !== undefined && !parseDuration(args.grace)) throw new UsageError(`--grace ${JSON.stringify(args.grace)} is not a duration.`, 'For example --grace 24h or --grace 30m.');
    if (args.olderThan !== undefined && !parseDuration(args.olderThan)) throw new UsageError(`--older-than ${JSON.stringify(args.olderThan)} is not a duration.`, 'For example --older-than 30d.');
    lockWaitMs(args.wait);
    keyCacheTtlFlag(args.keyCacheTtl);
    if (args.waitCluster && args.grace !== undefined) throw new UsageError('--wait-cluster waits until the old key works nowhere; with --grace it is meant to keep working.', 'Leave out one of them.');
    if (!Number.isInteger(args.concurrency) || args.concurrency < 1 || args.concurrency > 64) throw new UsageError('--concurrency takes a whole number from 1 to 64.');
    if (args.olderThan !== undefined && !args.all && args.match === undefined) throw new UsageError('--older-than selects among several keys: add --all or --match <glob>.');
  },
  handler: (args, ctx) => rotateKeys(ctx, args),
});

/** `ollm key rotate` as a service (flags already validated): rotate what they select; the result it prints. */
export async function rotateKeys(ctx: Ctx, args: KeyRotateOptions): Promise<CommandResult> {
  const proxy = await ctx.proxy();
  const bulk = args.all || args.match !== undefined;
  const selected: Selected[] = bulk
    ? await selectKeys(ctx, { heldOnly: args.all, match: args.match, olderThan: args.olderThan, includeInterrupted: args.resume })
    : [{ alias: await resolveAlias(args, ctx) }];
  const remote = selected.filter((s) => s.remote);
  if (remote.length && !args.reveal && args.write === undefined && !args.dryRun) {
    throw new UsageError(`${remote.length} of the selected keys (${remote.slice(0, 3).map((s) => s.alias).join(', ')}${remote.length > 3 ? ', …' : ''}) are not held on this machine: their new secrets would be lost.`,
      'Add --reveal to print the new keys, or --write <targets> (e.g. --write none) to keep them here.');
  }
  const aliases = selected.map((s) => s.alias);
  const remoteByAlias = new Map(remote.map((s) => [s.alias, s.remote!]));
  if (args.dryRun) return dryRun(ctx, aliases, args);

  const waitMs = lockWaitMs(args.wait);
  const graceNotes = new Map<string, string>();
  const progress = bulk ? ctx.progress('rotating', aliases.length) : undefined;
  const results = await runPool(aliases, args.concurrency, async (alias): Promise<KeyResult> => {
    const account = keyAccount(alias, proxy.base);
    try {
      return await withKeyLock(ctx.paths.stateDir, account, waitMs, async (): Promise<KeyResult> => {
        const record = remoteByAlias.get(alias);
        const assumed = await graceFor(ctx, args, account, Boolean(record));
        if (assumed?.why) graceNotes.set(alias, `old key kept ${assumed.duration} by default: ${assumed.why} (--grace sets another time)`);
        const options = { alias, account, grace: assumed?.duration ?? null, force: args.force, reveal: args.reveal };
        const outcome = args.resume
          ? await resumeRotation(ctx, account, { reveal: args.reveal })
          : record
            ? await rotateRemoteKey(ctx, options, {
              token: record.token!, masked: maskFromKeyName(record.key_name), keep: args.write ? 'write' : 'reveal', writeTargets: args.write,
            })
            : await rotateHeldKey(ctx, options);
        return outcome ? { key_alias: alias, ok: outcome.problems.length === 0, outcome } : { key_alias: alias, ok: true };
      });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return { key_alias: alias, ok: false, error: { message: error.message, hint: error.hint ?? null, code: error.code } };
    } finally {
      progress?.tick();
    }
  }).finally(() => progress?.stop());

  const failed = results.filter((r) => !r.ok);
  if (!bulk && failed[0]?.error && !failed[0].outcome) {
    throw new UserError(failed[0].error.message, { code: failed[0].error.code, hint: failed[0].error.hint ?? undefined });
  }
  // An old key deleted (no grace) may live on in the caches of the proxy's other instances; waited
  // for after every lock is let go.
  const killed = results.some((r) => r.outcome && r.outcome.resumed !== 'rolled-back' && r.outcome.grace === null && r.outcome.old_key_works !== true);
  const window = killed ? await keyCacheWindow(await ctx.litellm(), await ctx.optionalMasterKey(), args.keyCacheTtl) : null;
  if (window && args.waitCluster) await waitOutKeyCache(ctx, window);
  const cacheLine = window ? keyCacheLine(ctx, window, args.waitCluster, results.length === 1 ? 'the old key' : 'the old keys') : '';
  return {
    human: [await describeResults(ctx, results, args.reveal, args.resume), ...[...graceNotes].map(([alias, note]) => ctx.color.dim(`  · ${results.length > 1 ? `${alias}: ` : ''}${note}`)), cacheLine].filter(Boolean).join('\n'),
    // With --reveal the printed secrets may be the only copy (fleet keys not held here): --quiet keeps them.
    essential: args.reveal,
    json: {
      proxy_url: proxy.base, results: results.map((r) => toJson(r, args.reveal)), failed: failed.length,
      ...(window ? { key_cache: { ...window, waited: args.waitCluster } } : {}),
    },
    exitCode: failed.length ? 1 : 0,
  };
}

/** What became of the old key; after a regenerate, what one request with it found. */
function describeOldKey(o: RotationOutcome): string {
  // A blocked key refuses every request, grace or not: never say it keeps working.
  if (o.blocked && o.grace) return `  old key: blocked, so it does not work during its ${o.grace} grace either${o.retired_alias ? ` (retired as "${o.retired_alias}")` : ''}`;
  if (o.old_key_works === true) return `  old key: still works${o.grace ? ` (grace ${o.grace})` : ' (the proxy keeps it alive: LITELLM_KEY_ROTATION_GRACE_PERIOD)'}`;
  if (o.old_key_works === false) return '  old key: no longer works';
  return o.grace ? `  old key keeps working for ${o.grace}${o.retired_alias ? ` as "${o.retired_alias}"` : ''}` : '  old key: deleted';
}

function toJson(result: KeyResult, reveal: boolean) {
  const o = result.outcome;
  return {
    key_alias: result.key_alias,
    ok: result.ok,
    ...(o ? {
      method: o.method, old_key: o.old_key, new_key: reveal && o.secret ? o.secret : o.new_key, spend_carried: o.spend_carried,
      grace: o.grace, retired_alias: o.retired_alias, resumed: o.resumed ?? null, old_key_works: o.old_key_works ?? null, blocked: o.blocked, targets: o.targets, problems: o.problems,
    } : {}),
    ...(result.error ? { error: result.error } : {}),
    ...(!o && !result.error ? { resumed: null, note: 'nothing to resume' } : {}),
  };
}

async function describeResults(ctx: Ctx, results: KeyResult[], reveal: boolean, resumeOnly: boolean): Promise<string> {
  if (results.length === 0) return 'No keys selected.';
  if (results.length === 1) {
    const [r] = results;
    if (r!.error) return ctx.color.red(`✗ ${r!.key_alias}: ${r!.error.message}`);
    const o = r!.outcome;
    if (!o) return resumeOnly ? `Nothing to resume for "${r!.key_alias}".` : '';
    if (o.resumed === 'rolled-back') return ctx.color.yellow(`! Rolled back an interrupted rotation of "${o.key_alias}"; its key was not changed.`);
    return [
      ctx.color.green(`✓ Rotated "${o.key_alias}" (${o.method === 'regenerate' ? '/key/regenerate' : 're-created, spend carried over'})${o.resumed ? ' — finished an interrupted rotation' : ''}`),
      `  old ${o.old_key} → new ${reveal ? o.secret : o.new_key}`,
      `  spend carried: ${formatMoney(o.spend_carried)}`,
      describeOldKey(o),
      ...(o.blocked ? [ctx.color.yellow(`  new key: blocked, as the old one was (rotating never unblocks a key); to let it work: ${(await ollmForAlias(ctx, o.key_alias))('key update', '--unblock')}`)] : []),
      ...o.targets.map((t) => `  updated ${t}`),
      ...o.problems.map((p) => ctx.color.red(`  ✗ ${p}`)),
    ].join('\n');
  }
  const rows = results.map((r) => [
    r.key_alias,
    r.ok ? ctx.color.green(r.outcome?.blocked ? 'rotated, blocked' : 'rotated') : ctx.color.red('failed'),
    r.outcome?.method ?? '',
    r.outcome ? `${r.outcome.old_key} → ${reveal ? r.outcome.secret : r.outcome.new_key}` : '',
    r.error?.message ?? r.outcome?.problems.join('; ') ?? '',
  ]);
  const failed = results.filter((r) => !r.ok).length;
  return `${await renderTable(['Alias', 'Result', 'Method', 'Key', 'Problem'], rows, { terminal: Boolean(ctx.io.stdout.isTTY), color: ctx.color.level > 0 })}\n${results.length - failed} rotated, ${failed} failed`;
}

/**
 * `--grace`; else, unless --wait-cluster wants the old key dead (or it resumes, or the key is a
 * fleet key held elsewhere, written for no assistant here), what the key's assistants need
 * (rotation/default-grace.ts), with why.
 */
async function graceFor(ctx: Ctx, args: KeyRotateOptions, account: string, remote = false): Promise<{ duration: string; why?: string } | null> {
  if (args.grace !== undefined) return { duration: args.grace };
  return args.waitCluster || args.resume || remote ? null : defaultGrace(ctx, account, args.for);
}

async function dryRun(ctx: Ctx, aliases: string[], args: KeyRotateOptions) {
  const proxy = await ctx.proxy();
  // A proxy that chooses secrets itself is rotated by re-creating (see rotation/runner.ts).
  const proxyChooses = (await knownCapability(ctx, proxy.base, 'customKeys')) === false;
  const regenerate = proxyChooses ? false : await canRegenerate(ctx, proxy.base);
  const method = regenerate === true ? 'regenerate' : regenerate === false ? 'recreate' : 'regenerate if the proxy allows it, else recreate';
  const manifest = await ctx.manifest();
  const plan = await Promise.all(aliases.map(async (alias) => ({
    key_alias: alias, method, grace: (await graceFor(ctx, args, keyAccount(alias, proxy.base)))?.duration ?? null,
    targets: (await manifest.targetsOf(keyAccount(alias, proxy.base))).map((r) => `${r.kind} ${r.file}`),
  })));
  const human = plan.length === 0 ? 'No keys selected.' : [
    `Would rotate ${plan.length} key${plan.length === 1 ? '' : 's'} on ${proxy.base} (method: ${method}):`,
    ...plan.map((p) => `  ${p.key_alias} (old key ${p.grace ? `kept for ${p.grace}` : 'deleted'})${p.targets.length ? ` → rewrite ${p.targets.join(', ')}` : ''}`),
    'Nothing was changed (--dry-run).',
  ].join('\n');
  return { human, json: { proxy_url: proxy.base, dry_run: true, plan } };
}
