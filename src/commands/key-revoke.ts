// `ollm key revoke`: delete the key on the proxy — with every key ollm's rotations left for the
// alias — then forget it locally. Holds the key's lock, so no rotation runs meanwhile.
// `--local-only` forgets it here without asking the proxy (a key cannot delete itself there).
import { UserError, UsageError } from '../errors.ts';
import { keyToken } from '../keys/held-key.ts';
import { resolveAlias } from '../keys/alias.ts';
import { revokeScope } from '../keys/revoke-scope.ts';
import type { Credential } from '../litellm/client.ts';
import { removeJournal } from '../rotation/journal.ts';
import { acquireLock } from '../rotation/lock.ts';
import { KEY_SERVICE, PENDING_SERVICE, keyAccount } from '../secrets/store.ts';
import { removeFromTargets } from '../targets/remove-targets.ts';
import { clusterOptions, keyCacheLine, keyCacheTtlFlag, keyCacheWindow, waitOutKeyCache, type KeyCacheWindow } from '../keys/key-cache.ts';
import { aliasOption, yesOption } from './shared-options.ts';
import { forOption } from './for-option.ts';
import { ASSISTANTS } from '../composition/assistants.ts';
import { defineCommand } from './command.ts';

export default defineCommand({
  command: 'revoke',
  examples: [
    ['ollm key revoke', 'asks before deleting the "openclaw" key'],
    ['ollm key revoke --alias old-laptop --yes', 'no question (required when not on a terminal)'],
    ['ollm key revoke --local-only --yes', 'without the master key: forget the key here only (it keeps working on the proxy)'],
    ['ollm key revoke --yes --wait-cluster', 'return only once no LiteLLM instance on the proxy\'s database accepts the key (up to 60 s)'],
  ],
  args: {
    alias: aliasOption,
    for: forOption,
    yes: yesOption,
    'local-only': { type: 'boolean', default: false, describe: 'Only forget the key on this machine (keychain and where it was written); it keeps working on the proxy' },
    ...clusterOptions,
  },
  validate(args) {
    keyCacheTtlFlag(args.keyCacheTtl);
    if (args.waitCluster && args.localOnly) throw new UsageError('--wait-cluster waits for the proxy to forget a deleted key; with --local-only nothing is deleted there.');
  },
  async handler(args, ctx) {
    const alias = await resolveAlias(args, ctx);
    const proxy = await ctx.proxy();
    const account = keyAccount(alias, proxy.base);
    const master = await ctx.optionalMasterKey();
    const client = await ctx.litellm();
    const vault = await ctx.vault();

    // Asked before the lock: a question must not keep a rotation waiting.
    if (!args.yes) {
      if (!ctx.isInteractive) throw new UsageError(`Refusing to revoke "${alias}" without confirmation.`, 'Add --yes to revoke without a question (scripts, CI).');
      // Only a key written into an assistant's own config stops that assistant; the target manifest knows which that is.
      const kinds = (await (await ctx.manifest()).targetsOf(keyAccount(alias, proxy.base))).map((t) => t.kind);
      const stopped = ASSISTANTS.find((a) => a.claim && kinds.includes(a.claim.kinds[0]!));
      const question = args.localOnly
        ? `Forget key "${alias}" on this machine? It keeps working on ${proxy.base}.`
        : `Delete key "${alias}" on ${proxy.base}? ${stopped ? `${stopped.displayName} will stop working with it.` : 'Whatever uses it will stop working.'}`;
      // Saying no is an answer, not a failure.
      if (!(await ctx.prompts.confirm(question, ctx.io.stdin, ctx.io.stderr))) {
        return { human: 'Nothing revoked.', json: { key_alias: alias, revoked: false, proxy_url: proxy.base }, exitCode: 0 };
      }
    }

    const lock = await acquireLock(ctx.paths.stateDir, account, 30_000);
    // Waited for after the lock is let go: no other command on the key need wait that long.
    let waitAfter: KeyCacheWindow | null = null;
    try {
      const scope = await revokeScope(ctx, alias, account, client, master);
      if (args.localOnly && scope.heldToken === null) {
        throw new UserError(`This machine holds no key "${alias}" for ${proxy.base}, so there is nothing to forget here.`, { code: 'key_not_found', hint: 'See the keys held here with `ollm key list`.' });
      }
      if (scope.tokens.length === 0) {
        throw new UserError(`There is no key "${alias}" for ${proxy.base}, neither on this machine${master ? ' nor on the proxy' : ''}.`, {
          code: 'key_not_found', hint: master ? 'See the keys with `ollm key list`.' : 'To look the alias up on the proxy, set LITELLM_MASTER_KEY.',
        });
      }

      const deleted: string[] = [];
      for (const token of args.localOnly ? [] : scope.tokens) {
        // The master key can delete any key; without it, a key may try to delete itself.
        const own = scope.secrets.get(token);
        const credential: Credential | null = master ?? (own ? { secret: own, kind: 'virtual' } : null);
        if (!credential) continue;
        try {
          await client.deleteKeys(credential, [token]);
          deleted.push(token);
        } catch (error) {
          // LiteLLM's route check: only the proxy admin may call /key/delete, and a key without a
          // user (every key ollm makes) has no role that may — a key cannot delete itself.
          if (error instanceof UserError && error.code === 'not_admin' && !master) throw cannotDeleteItself(alias, proxy.base);
          // Already gone on the proxy: forgetting it locally is still right.
          if (!(error instanceof UserError && isKeyGone(error))) throw error;
        }
      }
      const fromTargets = await removeFromTargets(ctx, account, scope.tokens);
      // Only an entry that still holds a key this revoke covers: never a newer one.
      const removedFrom: string[] = [];
      const [nowHeld, pending] = await vault.findTogether(account, [KEY_SERVICE, PENDING_SERVICE]);
      if (nowHeld && scope.tokens.includes(keyToken(nowHeld.secret))) removedFrom.push(...await vault.removeEverywhere(KEY_SERVICE, account));
      if (pending && scope.tokens.includes(keyToken(pending.secret))) await vault.remove(PENDING_SERVICE, account, pending.store);
      if (scope.journal) await removeJournal(ctx.paths.stateDir, account);

      // Other instances of a clustered proxy keep a deleted key in their caches for a while.
      const window: KeyCacheWindow | null = deleted.length ? await keyCacheWindow(client, master, args.keyCacheTtl) : null;

      const heldDeleted = scope.heldToken !== null && deleted.includes(scope.heldToken);
      const mainDeleted = scope.heldToken === null ? deleted.length > 0 : heldDeleted;
      const others = deleted.filter((t) => t !== scope.heldToken).length;
      const lines = [
        args.localOnly
          ? ctx.color.yellow(`! Key "${alias}" still works on ${proxy.base}: only this machine forgot it. Revoke it there with the master key.`)
          : mainDeleted ? ctx.color.green(`✓ Deleted key "${alias}" on ${proxy.base}`) : ctx.color.yellow(`! Key "${alias}" was already gone on ${proxy.base}`),
        others && scope.heldToken !== null ? ctx.color.green(`✓ Deleted ${others} more key${others === 1 ? '' : 's'} of "${alias}" left by rotations (interrupted, or retired with a grace period)`) : '',
        removedFrom.length ? ctx.color.green(`✓ Removed it from the ${nowHeld!.store.description}`) : '',
        ...fromTargets.removed.map((place) => ctx.color.green(`✓ Removed it from ${place}`)),
        ...fromTargets.problems.map((problem) => ctx.color.red(`✗ ${problem}`)),
        window ? keyCacheLine(ctx, window, args.waitCluster, deleted.length === 1 ? 'it' : 'them') : '',
      ].filter(Boolean);
      if (window && args.waitCluster) waitAfter = window;
      return {
        human: lines.join('\n'),
        json: {
          key_alias: alias, token: scope.heldToken ?? scope.tokens[0], deleted_on_proxy: deleted.length > 0, deleted_tokens: deleted,
          retired_deleted: scope.retired.filter((r) => deleted.includes(r.token)).map((r) => r.alias),
          ...(args.localOnly ? { local_only: true, still_valid_on_proxy: true } : {}),
          ...(window ? { key_cache: { ...window, waited: args.waitCluster } } : {}),
          removed_from: removedFrom, proxy_url: proxy.base,
          removed_from_targets: fromTargets.removed, ...(fromTargets.problems.length ? { target_errors: fromTargets.problems } : {}),
        },
        exitCode: fromTargets.problems.length ? 1 : 0,
      };
    } finally {
      await lock.release();
      if (waitAfter) await waitOutKeyCache(ctx, waitAfter);
    }
  },
});

function cannotDeleteItself(alias: string, proxy: string): UserError {
  return new UserError(`The proxy at ${proxy} does not let a key delete itself: only its admin (the master key) may call /key/delete. Nothing was changed.`, {
    code: 'revoke_needs_master_key',
    hint: `Revoke it with the master key (set LITELLM_MASTER_KEY, or run \`ollm login\`, then \`ollm key revoke --alias ${alias} --yes\`), or forget it on this machine only with \`ollm key revoke --alias ${alias} --local-only --yes\` — the key then keeps working on the proxy.`,
  });
}

// Only LiteLLM's own "no such key" answers count as gone; a 404 from a moved route does not.
function isKeyGone(error: UserError): boolean {
  return error.code === 'key_unknown' || (error.code === 'not_found' && /No keys found/i.test(error.message));
}
