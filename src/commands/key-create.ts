// `ollm key create`: mint a virtual key through /key/generate and keep it in the keychain.
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors.ts';
import type { Ctx, MasterKey } from '../context.ts';
import type { GenerateKeyRequest, LiteLLMClient } from '../litellm/client.ts';
import type { GenerateKeyResponse } from '../litellm/schemas.ts';
import { describePeriod } from '../litellm/duration.ts';
import { validateAlias } from '../keys/alias.ts';
import { buildGenerateRequest } from '../keys/key-settings.ts';
import { keyToken } from '../keys/held-key.ts';
import { KEY_SERVICE, keyAccount } from '../secrets/store.ts';
import { maskKey } from '../output/mask.ts';
import { formatMoney, formatSummary } from '../output/format.ts';
import { aliasOption, revealOption, insecureStorageOption, targetOptions } from './shared-options.ts';
import { buildTargets } from '../targets/build-targets.ts';
import { reportTargets, writeTargets } from '../targets/write-targets.ts';
import { defineCommand } from './command.ts';

/** Answers after which the key may or may not exist on the proxy. */
const AMBIGUOUS = new Set(['proxy_timeout', 'proxy_connection_reset', 'proxy_error', 'proxy_bad_json', 'proxy_unexpected_response', 'proxy_not_litellm', 'proxy_unreachable']);

export default defineCommand({
  command: 'create',
  describe: 'Create a virtual key on the proxy and keep it in the OS keychain',
  examples: [
    ['LITELLM_MASTER_KEY=sk-master ollm key create --budget 50 --monthly', 'a $50/month key with alias "openclaw"'],
    ['ollm key create --alias openclaw-laptop --budget 10 --daily --models gpt-4o,claude-sonnet-4-6', 'a second key, limited to two models'],
    ['ollm key create --budget 5 --expires 30d --rpm 60 --metadata owner=alice', 'expiry, rate limit and a metadata tag'],
  ],
  args: {
    alias: aliasOption,
    budget: { type: 'string', describe: 'Spend limit in USD (a number ≥ 0)' },
    monthly: { type: 'boolean', describe: 'Reset the budget monthly (sends "1mo")' },
    weekly: { type: 'boolean', describe: 'Reset the budget weekly (sends "7d")' },
    daily: { type: 'boolean', describe: 'Reset the budget daily (sends "1d")' },
    'budget-duration': { type: 'string', describe: 'Budget period as <int><s|m|h|d|w|mo>, e.g. 30d' },
    expires: { type: 'string', describe: 'Key expiry as a duration, e.g. 90d (default: never)' },
    models: { type: 'string', array: true, describe: 'Models the key may use, comma-separated (default: all)' },
    rpm: { type: 'string', describe: 'Requests per minute limit' },
    tpm: { type: 'string', describe: 'Tokens per minute limit' },
    'max-parallel': { type: 'string', describe: 'Maximum parallel requests' },
    metadata: { type: 'string', array: true, describe: 'key=value metadata (repeatable)' },
    reveal: revealOption,
    'insecure-storage': insecureStorageOption,
    ...targetOptions,
  },
  async handler(args, ctx) {
    // 1. Everything that can fail locally, before the proxy is asked for anything.
    const alias = validateAlias(args.alias);
    const request = buildGenerateRequest({ ...args, alias });
    const proxy = await ctx.proxy();
    const master = await ctx.masterKey();
    const vault = await ctx.vault();
    const account = keyAccount(alias, proxy.base);
    const store = vault.target(args.insecureStorage);
    if (await store.get(KEY_SERVICE, account) !== null) throw aliasHeldHere(alias, proxy.base);
    await store.checkWritable();
    const targets = await buildTargets(ctx, args, alias);
    for (const target of targets) await target.prepare();

    // 2. The alias must be free on the proxy too (LiteLLM enforces unique aliases globally).
    const client = await ctx.litellm();
    if ((await client.findKeysByAlias(master, alias)).length > 0) throw aliasTakenOnProxy(alias, proxy.base);

    // 3. Create, tagged so that a key whose answer was lost can be found and removed.
    const requestId = randomUUID();
    request.metadata = { ...request.metadata, ollm_request_id: requestId, ollm_managed: 'true' };
    const created = await generateOrCleanUp(client, master, request, requestId);

    // 4. Keep it; if that fails, take the key back off the proxy so nobody is left without it.
    await storeOrRevoke(ctx, client, master, args.insecureStorage, account, created);

    // 5. Where OpenClaw reads it. The key is safe in the store already, so a failure here loses nothing.
    const { written, failures } = await writeTargets(ctx, targets, { alias, account, secret: created.key, proxyBase: proxy.base });
    const report = reportTargets(written, failures, ctx.color);

    const masked = maskKey(created.key);
    const shownKey = args.reveal ? created.key : masked;
    const storage = store.kind;
    const budgetText = created.max_budget == null ? 'no limit' : `${formatMoney(created.max_budget)} ${describePeriod(created.budget_duration)}`;
    const human = [
      ctx.color.green(`✓ Created key "${alias}" on ${proxy.base}`),
      formatSummary([
        ['Key', shownKey],
        ['Budget', budgetText],
        ['Expires', created.expires ?? 'never'],
        ['Models', created.models.length ? created.models.join(', ') : 'all'],
        ['Stored in', store.description],
        ...written.map((w, i): [string, string] => [i === 0 ? 'Written to' : '', w.description]),
      ], ctx.color),
      ...report.notes,
      args.reveal ? ctx.color.yellow('This is the only time ollm prints the key; `ollm key get --reveal` reads it from the keychain.') : '',
    ].filter(Boolean).join('\n');
    return {
      human,
      json: {
        key_alias: created.key_alias ?? alias,
        key: shownKey,
        token: created.token ?? keyToken(created.key),
        max_budget: created.max_budget ?? null,
        budget_duration: created.budget_duration ?? null,
        expires: created.expires ?? null,
        models: created.models,
        storage,
        proxy_url: proxy.base,
        ...report.json,
      },
      exitCode: report.exitCode,
    };
  },
});

function aliasHeldHere(alias: string, proxy: string): UserError {
  return new UserError(`This machine already holds a key "${alias}" for ${proxy}.`, {
    code: 'alias_taken', hint: `Rotate it with \`ollm key rotate --alias ${alias}\`, or create another with --alias <name>.`,
  });
}

function aliasTakenOnProxy(alias: string, proxy: string): UserError {
  return new UserError(`A key with alias "${alias}" already exists on ${proxy}.`, {
    code: 'alias_taken', hint: `Rotate it with \`ollm key rotate --alias ${alias}\`, or choose another name with --alias <name>.`,
  });
}

async function generateOrCleanUp(client: LiteLLMClient, master: MasterKey, request: GenerateKeyRequest, requestId: string): Promise<GenerateKeyResponse> {
  try {
    return await client.generateKey(master, request);
  } catch (error) {
    if (!(error instanceof UserError) || !AMBIGUOUS.has(error.code)) throw error;
    // Never retry blindly: the key may exist. Look it up by its tag and remove it, since its
    // secret (returned only in the lost answer) is not held by anyone.
    const removed = await removeOrphans(client, master, request.key_alias, requestId);
    if (removed === null) {
      throw new UserError(`${error.message} The key "${request.key_alias}" may have been created without ollm receiving it, and ollm could not check.`, {
        code: error.code, cause: error,
        hint: `Check with \`ollm key list\`; if "${request.key_alias}" is there, remove it with \`ollm key revoke --alias ${request.key_alias} --yes\`, then run this again.`,
      });
    }
    throw new UserError(`${error.message}${removed > 0 ? ' The proxy had created the key anyway; ollm deleted it, since its answer was lost.' : ' No key was created.'}`, {
      code: error.code, hint: error.hint ?? 'Run the command again when the proxy is healthy.', cause: error,
    });
  }
}

/** Deletes keys carrying this request's tag; the number removed, or null if the proxy could not be asked. */
async function removeOrphans(client: LiteLLMClient, master: MasterKey, alias: string, requestId: string): Promise<number | null> {
  try {
    const orphans = (await client.findKeysByAlias(master, alias)).filter((k) => k.metadata.ollm_request_id === requestId && k.token);
    if (orphans.length > 0) await client.deleteKeys(master, orphans.map((k) => k.token!));
    return orphans.length;
  } catch {
    return null;
  }
}

async function storeOrRevoke(ctx: Ctx, client: LiteLLMClient, master: MasterKey, insecure: boolean, account: string, created: GenerateKeyResponse): Promise<void> {
  const vault = await ctx.vault();
  try {
    await vault.save(KEY_SERVICE, account, created.key, insecure);
  } catch (error) {
    const token = created.token ?? keyToken(created.key);
    const revoked = await client.deleteKeys(master, [token]).then(() => true, () => false);
    if (!(error instanceof UserError)) throw error;
    throw new UserError(revoked
      ? `${error.message} The new key was deleted from the proxy again, so nothing is left behind.`
      : `${error.message} The new key ${maskKey(created.key)} could not be deleted from the proxy either.`, {
      code: error.code, cause: error,
      hint: revoked ? error.hint : `Delete it with \`ollm key revoke --alias ${created.key_alias} --yes\` once the proxy answers. ${error.hint ?? ''}`.trim(),
    });
  }
}

