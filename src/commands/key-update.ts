// `ollm key update`: change a held key's budget, period, expiry, models, limits or metadata in
// place (POST /key/update with the master key), and block or unblock it. The secret, the alias,
// the spend and where the key was written all stay as they are.
import { UsageError } from '../errors.ts';
import type { UpdateKeyRequest } from '../litellm/client.ts';
import { resolveAlias } from '../keys/alias.ts';
import { keyToken } from '../keys/held-key.ts';
import { requireHeldKey } from '../keys/require-held-key.ts';
import { parseKeySettings } from '../keys/key-settings.ts';
import { recordOnProxy, requireHeldKeyHere } from '../keys/way-out.ts';
import { maskKey } from '../output/mask.ts';
import { formatBudget, formatMoney, formatSummary, formatWhen, formatModels } from '../output/format.ts';
import { aliasOption, keySettingsOptions, waitOption } from './shared-options.ts';
import { defineCommand, type CommandResult } from './command.ts';
import type { Ctx } from '../context.ts';
import { lockWaitMs, withKeyLock } from '../rotation/lock.ts';
import { settleBeforeChange } from '../rotation/runner.ts';
import { keyAccount } from '../secrets/store.ts';
import { keyRecordJson } from '../output/key-record.ts';
import { keyAllowsModel } from '../litellm/model-access.ts';
import { ASSISTANTS } from '../composition/assistants.ts';
import type { Assistant } from '../assistants/assistant.ts';
import { ollmForAlias } from '../keys/way-out.ts';
import { UserError } from '../errors.ts';
import { clusterOptions, keyCacheLine, keyCacheTtlFlag, keyCacheWindow, waitOutKeyCache, type KeyCacheWindow } from '../keys/key-cache.ts';

const SETTING_FLAGS = Object.keys(keySettingsOptions).map((name) => `--${name}`);

export default defineCommand({
  command: 'update',
  examples: [
    ['ollm key update --budget 100', 'raise the "openclaw" key\'s budget to $100 (period and spend unchanged)'],
    ['ollm key update --alias bot --budget 20 --weekly --rpm 30', 'a new budget, period and rate limit'],
    ['ollm key update --expires 90d', 'expire 90 days from now (--expires never: no expiry)'],
    ['ollm key update --block', 'stop the key at the proxy at once; --unblock lets it work again'],
    ['ollm key update --block --wait-cluster', 'return only once no LiteLLM instance on the proxy\'s database accepts the key'],
  ],
  args: {
    alias: aliasOption,
    ...keySettingsOptions,
    expires: { ...keySettingsOptions.expires, describe: 'Key expiry as a duration from now, e.g. 90d, or never' },
    models: { ...keySettingsOptions.models, describe: 'Models the key may use, comma-separated (replaces the list)' },
    metadata: { ...keySettingsOptions.metadata, describe: 'key=value metadata to add or change (repeatable; other entries kept)' },
    block: { type: 'boolean', describe: 'Block the key: the proxy refuses every request made with it' },
    unblock: { type: 'boolean', describe: 'Unblock a blocked key' },
    wait: waitOption,
    force: { type: 'boolean', default: false, describe: 'Change --models even when the default model of an assistant this key is written for is not among them (its requests then fail)' },
    ...clusterOptions,
  },
  validate(args) {
    if (args.block && args.unblock) throw new UsageError('Choose one of --block and --unblock.');
    lockWaitMs(args.wait);
    keyCacheTtlFlag(args.keyCacheTtl);
  },
  async handler(args, ctx) {
    const alias = await resolveAlias(args, ctx);
    const never = args.expires?.trim().toLowerCase() === 'never';
    const changes: UpdateKeyRequest = parseKeySettings({ ...args, expires: never ? undefined : args.expires });
    if (never) changes.duration = null;
    const blocked = args.block ? true : args.unblock ? false : undefined;
    if (Object.keys(changes).length === 0 && blocked === undefined) {
      throw new UsageError('Nothing to update: no setting was given.', `Give at least one of ${SETTING_FLAGS.join(', ')}, --block, --unblock.`);
    }

    const proxy = await ctx.proxy();
    const account = keyAccount(alias, proxy.base);
    // Under the key's lock, after any interrupted rotation is settled: otherwise the change could
    // land on a key that a rotation is replacing, and the key that survives would not have it.
    if (changes.models !== undefined) await guardDefaultModel(ctx, alias, account, changes.models, args.force);
    const result = await withKeyLock(ctx.paths.stateDir, account, lockWaitMs(args.wait), async () => {
      await settleBeforeChange(ctx, account);
      return applyUpdate(ctx, alias, changes, blocked);
    });
    // Each instance of a clustered proxy serves the key from its own cache for a while: a block (or
    // any change) reaches the others only when their entry expires. Waited for outside the lock.
    if (!blocked && !args.waitCluster) return result;
    const window: KeyCacheWindow = await keyCacheWindow(await ctx.litellm(), await ctx.masterKey(), args.keyCacheTtl);
    if (args.waitCluster) await waitOutKeyCache(ctx, window);
    const what = blocked ? 'it' : 'it with its old settings';
    return {
      ...result,
      human: `${result.human}\n${keyCacheLine(ctx, window, args.waitCluster, what)}`,
      json: { ...(result.json as Record<string, unknown>), key_cache: { ...window, waited: args.waitCluster } },
    };
  },
});

/**
 * New --models must still let every assistant this key is written for use its default model, or
 * every request it makes gets 401 while nothing says why: refused (nothing changed) unless
 * --force, which warns. Each assistant names its defaults (the contract's `defaultModels`).
 */
async function guardDefaultModel(ctx: Ctx, alias: string, account: string, models: string[], force: boolean): Promise<void> {
  const uses = await Promise.all((ASSISTANTS as readonly Assistant[]).map(async (assistant) => (await assistant.defaultModels?.(ctx, account) ?? []).map((use) => ({ assistant, use }))));
  const shut = uses.flat().filter(({ use }) => !keyAllowsModel(models, use.model));
  if (shut.length === 0) return;
  const [{ assistant, use }] = shut as [(typeof shut)[number]];
  const who = assistant.displayName;
  const where = `${who}'s default model ${use.named} (${use.file})`;
  if (force) {
    ctx.warn(`warning: ${who}'s default model ${use.named} is not among the key's models (${use.file}): the proxy will refuse every request ${who} makes with it.`);
    return;
  }
  const ollm = await ollmForAlias(ctx, alias);
  const listed = models.join(',');
  const usable = models.find((m) => !m.includes('*'));
  const forFlag = assistant === ASSISTANTS[0] ? [] : [`--for ${assistant.name}`];
  throw new UserError(`${where} is not in --models ${listed}: the proxy would refuse every request ${who} makes with it. Nothing was changed.`, {
    code: 'default_model_excluded',
    hint: `Keep it: ${ollm('key update', `--models ${listed},${use.model}`)}; or give ${who} another default first: ${ollm('key write', ...forFlag, `--write ${use.kind}`, `--default-model ${usable ?? '<model>'}`)}; or add --force.`,
  });
}

/** Change the held key on the proxy; the result shows the key as the proxy has it afterwards. */
async function applyUpdate(ctx: Ctx, alias: string, changes: UpdateKeyRequest, blocked: boolean | undefined): Promise<CommandResult> {
  const proxy = await ctx.proxy();
  const held = await requireHeldKeyHere(ctx, alias);
  const master = await ctx.masterKey();
  const client = await ctx.litellm();
  const token = keyToken(held.secret);
  const before = await recordOnProxy(ctx, alias, master, token);
  if (changes.budget_duration !== undefined && changes.max_budget === undefined && before.max_budget == null) {
    throw new UsageError(`The key "${alias}" has no budget, so a budget period means nothing.`, 'Add --budget <usd>, e.g. --budget 50 --monthly.');
  }
  // 1.110 recomputes budget_reset_at whenever budget_duration is sent, which would skip a reset
  // that is due: an unchanged period is not sent at all.
  if (changes.budget_duration !== undefined && changes.budget_duration === before.budget_duration) delete changes.budget_duration;
  // LiteLLM replaces the whole metadata dict: send the stored one with the changes on top, so
  // ollm's own tags (ollm_managed) and the user's other entries survive.
  if (changes.metadata) changes.metadata = { ...before.metadata, ...changes.metadata };

  if (Object.keys(changes).length > 0) await client.updateKey(master, token, changes);
  if (blocked !== undefined && blocked !== Boolean(before.blocked)) await client.setBlocked(master, token, blocked);
  const after = (await client.keyInfo(master, token)).info;

  const now = ctx.now();
  const changed = [...Object.keys(changes).map(fieldName), ...(blocked === undefined ? [] : ['blocked'])];
  const human = [
    ctx.color.green(`✓ Updated key "${alias}" on ${proxy.base}`),
    formatSummary([
      ['Key', maskKey(held.secret)],
      ['Budget', formatBudget(after.max_budget, after.budget_duration)],
      ['Spend', formatMoney(after.spend)],
      ['Expires', after.expires ? formatWhen(after.expires, now) : 'never'],
      ['Models', formatModels(after.models)],
      ['Limits', [after.rpm_limit != null && `${after.rpm_limit} rpm`, after.tpm_limit != null && `${after.tpm_limit} tpm`, after.max_parallel_requests != null && `${after.max_parallel_requests} parallel`].filter(Boolean).join(', ') || 'none'],
      ['Blocked', after.blocked ? ctx.color.red('yes') : 'no'],
    ], ctx.color),
  ].join('\n');
  return {
    human,
    // The one key-record shape of create, info and list, plus what an update alone knows.
    json: { ...keyRecordJson(after, alias), token, changed, proxy_url: proxy.base },
  };
}

/** The record field a change is reported under (`duration` is what sets `expires`). */
function fieldName(requestField: string): string {
  return requestField === 'duration' ? 'expires' : requestField;
}
