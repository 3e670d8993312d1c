// `ollm key create`: mint a virtual key through /key/generate and keep it in the keychain.
import { UserError } from '../errors.ts';
import type { Ctx, MasterKey } from '../context.ts';
import type { GenerateKeyRequest, LiteLLMClient } from '../litellm/client.ts';
import { isDeletedKey, type KeyRecord } from '../litellm/schemas.ts';
import { randomUUID } from 'node:crypto';
import { CREATE_TAG, clearAbandonedCreate, removeCreateMarker, writeCreateMarker } from '../keys/create-marker.ts';
import { knownCapability, rememberCapability } from '../rotation/capabilities.ts';
import { resolveAlias } from '../keys/alias.ts';
import { buildGenerateRequest } from '../keys/key-settings.ts';
import { keyToken, newSecret } from '../keys/held-key.ts';
import { acceptProxySecret, ProxySecretRejected } from '../keys/proxy-secret.ts';
import { KEY_SERVICE, PENDING_SERVICE, keyAccount } from '../secrets/store.ts';
import { noteCreated } from '../schedule/record-hooks.ts';
import { maskKey } from '../output/mask.ts';
import { formatBudget, formatSummary, formatWhen, formatModels } from '../output/format.ts';
import { aliasOption, revealOption, keySettingsOptions, storeOptions } from './shared-options.ts';
import { forOption } from './for-option.ts';
import { targetOptions } from './assistant-options.ts';
import { assistantFor } from '../composition/assistants.ts';
import { chosenStore, type StoreName } from '../secrets/stores.ts';
import { buildTargets } from '../targets/build-targets.ts';
import { reportTargets, writeTargets } from '../targets/write-targets.ts';
import { adoptInterruptedCreate } from '../keys/adopt-pending.ts';
import { adoptFix, otherProxyError } from '../keys/way-out.ts';
import { otherProxiesHolding } from '../keys/local-keys.ts';
import type { Options } from '../parse/options.ts';
import { defineCommand, type CommandResult, type FlagValues } from './command.ts';
import { keyRecordJson } from '../output/key-record.ts';
import { ceilingWarning } from '../keys/ceiling.ts';
import { loginRecord } from '../keys/login-record.ts';

/** Answers after which the key may or may not exist on the proxy. */
const AMBIGUOUS = new Set(['proxy_timeout', 'proxy_connection_reset', 'proxy_error', 'proxy_bad_json', 'proxy_unexpected_response', 'proxy_not_litellm', 'proxy_unreachable']);
/** Of those, the ones where nobody answered: the proxy may still be working on the request, and apply it later. */
const MAY_APPLY_LATER = new Set(['proxy_timeout', 'proxy_connection_reset']);

export const keyCreateArgs = {
  alias: aliasOption,
  for: forOption,
  ...keySettingsOptions,
  reveal: revealOption,
  ...storeOptions,
  ...targetOptions,
} as const satisfies Record<string, Options>;

export type KeyCreateOptions = FlagValues<typeof keyCreateArgs>;

export default defineCommand({
  command: 'create',
  examples: [
    ['LITELLM_MASTER_KEY=sk-master ollm key create --budget 50 --monthly', 'a $50/month key with alias "openclaw"'],
    ['ollm key create --alias openclaw-laptop --budget 10 --daily --models gpt-4o,claude-sonnet-4-6', 'a second key, limited to two models'],
    ['ollm key create --budget 5 --expires 30d --rpm 60 --metadata owner=alice', 'expiry, rate limit and a metadata tag'],
  ],
  args: keyCreateArgs,
  handler: (args, ctx) => createKey(ctx, args),
});

/** `ollm key create` as a service: what the command does for these flags, and the result it prints. */
export async function createKey(ctx: Ctx, args: KeyCreateOptions): Promise<CommandResult> {
  // 1. Everything that can fail locally, before the proxy is asked for anything.
  const assistant = assistantFor(args.for);
  const alias = await resolveAlias(args, ctx);
  const request = buildGenerateRequest({ ...args, alias });
  assistant.checkFlags?.(args);
  const proxy = await ctx.proxy();
  const master = await ctx.masterKey();
  const vault = await ctx.vault();
  const account = keyAccount(alias, proxy.base);
  const storeName = chosenStore(args);
  const store = vault.store(storeName);
  // Held in any store, not only the chosen one: a key kept in the keychain whose rotation was cut
  // short after renaming it leaves the alias free on the proxy, and a second key would strand it.
  if (await vault.findReachable(KEY_SERVICE, account) !== null) throw aliasHeldHere(alias, proxy.base);
  await store.checkWritable();
  await (await ctx.manifest()).checkWritable(); // a damaged or unwritable target list stops us now, not after the key exists
  const claim = assistant.claim;
  const { write, leftOut } = claim ? await claim.defaultWrite(ctx, alias, args.write) : { write: args.write, leftOut: false };
  const replaced = claim ? await claim.claim(ctx, { account, alias, write, recorded: [], flags: args, replace: args.replace }) : [];
  const targets = await buildTargets(ctx, { ...args, write, store: storeName }, [], assistant);
  for (const target of targets) await target.prepare();

  // 2. An interrupted create of this alias may have made the key already: then that is the key.
  const client = await ctx.litellm();
  const adopted = await adoptInterruptedCreate({ stateDir: ctx.paths.stateDir, vault, client, master, account, alias, keepIn: storeName });
  if (adopted) {
    ctx.warn(`warning: an interrupted \`ollm key create\` had made the key "${alias}" on the proxy; ollm holds that one now and made no second key (its settings are as that run asked).`);
  } else if (master.kind !== 'team') { // a service-account key may not list keys: the proxy's own alias check guards it
    // The alias must be free on the proxy too (LiteLLM enforces unique aliases globally).
    const abandoned = await clearAbandonedCreate(ctx.paths.stateDir, client, master, alias, account);
    if (abandoned) ctx.warn(`warning: deleted the key "${alias}" an interrupted \`ollm key create\` had left on the proxy (nobody held its secret).`);
    if ((await client.findKeysByAlias(master, alias)).length > 0) {
      const elsewhere = await otherProxiesHolding(ctx, alias, proxy.base);
      throw elsewhere.length ? otherProxyError(alias, proxy.base, elsewhere) : aliasTakenOnProxy(alias, proxy.base);
    }
  }
  // Before /key/generate, so a refused model leaves nothing to undo: the master key sees every
  // model, and the new key's own --models narrow that list just as the proxy will.
  await assistant.checkWithProxy?.(ctx, args, master, request.models);

  // 3. Create with a secret chosen here and parked first, so a lost answer cannot lose the key.
  request.metadata = { ...request.metadata, ollm_managed: 'true' };
  // A team's service-account key may make keys only in its own team, and must name it.
  if (master.kind === 'team') request.team_id = (await loginRecord(ctx.paths.stateDir, proxy.base))?.team_id ?? (await client.keyInfo(master)).info.team_id ?? undefined;
  const overCeiling = adopted ? null : await ceilingWarning(client, master, request.max_budget);
  const created = adopted
    ? { ...adopted.record, key: adopted.key, token: adopted.token }
    : await createHeldKey(ctx, client, master, request, account, storeName);

  if (overCeiling) ctx.warn(overCeiling);

  // 4. Where the assistant reads it. The key is safe in the store already, so a failure here loses nothing.
  const { written, failures } = await writeTargets(ctx, targets, { alias, account, secret: created.key, proxyBase: proxy.base });
  const report = reportTargets(written, failures, ctx.color);
  if (claim && written.some((w) => w.record.kind === claim.kinds[0])) await claim.release(ctx, replaced);
  if (claim && leftOut) {
    const name = assistant.displayName;
    report.notes.push(ctx.color.dim(`  · Not written for ${name}: it uses "${await claim.alias(ctx)}". To make "${alias}" ${name}'s key: ollm key write --alias ${alias} --write ${claim.kinds[0]} --replace`));
  }

  const masked = maskKey(created.key);
  const shownKey = args.reveal ? created.key : masked;
  const storage = store.kind;
  const human = [
    ctx.color.green(`✓ Created key "${alias}" on ${proxy.base}`),
    formatSummary([
      ['Key', shownKey],
      ['Budget', formatBudget(created.max_budget, created.budget_duration)],
      ['Expires', created.expires ? formatWhen(created.expires, ctx.now()) : 'never'],
      ['Models', formatModels(created.models)],
      ['Stored in', store.description],
      ...written.map((w, i): [string, string] => [i === 0 ? 'Written to' : '', w.description]),
    ], ctx.color),
    ...report.notes,
    args.reveal ? ctx.color.yellow(`The key is shown in full because of --reveal; it is kept in the ${store.description}, and \`ollm key get --reveal --alias ${alias}\` prints it again.`) : '',
  ].filter(Boolean).join('\n');
  return {
    human,
    // The key was asked for explicitly: --quiet still prints it.
    essential: args.reveal,
    json: {
      ...keyRecordJson(created, alias),
      key: shownKey,
      storage,
      proxy_url: proxy.base,
      ...report.json,
    },
    exitCode: report.exitCode,
  };
}

function aliasHeldHere(alias: string, proxy: string): UserError {
  return new UserError(`This machine already holds a key "${alias}" for ${proxy}.`, {
    code: 'alias_taken', hint: `Rotate it with \`ollm key rotate --alias ${alias}\`, or create another with --alias <name>.`,
  });
}

function aliasTakenOnProxy(alias: string, proxy: string): UserError {
  return new UserError(`A key with alias "${alias}" already exists on ${proxy}.`, {
    code: 'alias_taken', hint: `To hold it here, rotate it into this machine: \`${adoptFix(alias)}\`; or choose another name with --alias <name>.`,
  });
}

/**
 * Create the key and hold it. The secret is chosen here where the proxy allows it (a lost answer
 * is then harmless: the proxy is asked for that exact hash); where it refuses (403,
 * disable_custom_api_keys) or ignores the chosen secret, the proxy chooses, and the refusal is
 * remembered for this proxy.
 */
async function createHeldKey(ctx: Ctx, client: LiteLLMClient, master: MasterKey, request: GenerateKeyRequest, account: string, store: StoreName): Promise<CreatedKey> {
  const proxy = (await ctx.proxy()).base;
  if ((await knownCapability(ctx, proxy, 'customKeys')) !== false) {
    const made = await createWithChosenSecret(ctx, client, master, request, account, store);
    if (made !== 'refused') return made;
    await rememberCapability(ctx, proxy, 'customKeys', false);
  }
  return createWithProxySecret(ctx, client, master, request, account, store);
}

/**
 * POST /key/generate with a secret ollm chose and parked in the store as "pending" beforehand.
 * Never retried blindly: after an answer that may have been lost, the proxy is asked whether it
 * knows that exact key (by hash) — then it is kept, else nothing was created. 'refused' when the
 * proxy does not let clients choose secrets (nothing was created then).
 */
async function createWithChosenSecret(ctx: Ctx, client: LiteLLMClient, master: MasterKey, request: GenerateKeyRequest, account: string, store: StoreName): Promise<CreatedKey | 'refused'> {
  const vault = await ctx.vault();
  const secret = newSecret();
  const token = keyToken(secret);
  await vault.save(PENDING_SERVICE, account, secret, store);
  const dropPending = () => vault.remove(PENDING_SERVICE, account, vault.store(store)).catch(() => []);
  let created: CreatedKey;
  try {
    const answer = await client.generateKey(master, { ...request, key: secret });
    if (answer.key !== secret) {
      // A proxy that dropped `key` made a key of its own: that one is the key, and it is in this answer.
      await acceptProxySecret(client, master, answer.key, request.key_alias);
      ctx.warn(`warning: the proxy ignored the secret ollm chose and made its own; ollm keeps the proxy's key.`);
      await rememberCapability(ctx, (await ctx.proxy()).base, 'customKeys', false);
      created = { ...answer, key: answer.key, token: keyToken(answer.key) };
    } else {
      created = { ...answer, key: secret, token };
    }
  } catch (error) {
    if (error instanceof UserError && error.code === 'custom_keys_disabled') {
      await dropPending();
      return 'refused';
    }
    if (!(error instanceof UserError) || !AMBIGUOUS.has(error.code)) {
      await dropPending();
      throw error;
    }
    const record = await recordIfCreated(ctx, client, master, token);
    if (record === undefined) {
      throw new UserError(`${error.message} ollm could not check whether the key "${request.key_alias}" was created anyway.`, {
        code: error.code, cause: error,
        hint: `ollm keeps its secret for now; check with \`ollm key list\`, and if "${request.key_alias}" is there, remove it with \`ollm key revoke --alias ${request.key_alias} --yes\`.`,
      });
    }
    if (record === null && !MAY_APPLY_LATER.has(error.code)) {
      // Answered with an error (or never reached): the request is over, and no key came of it.
      await dropPending();
      throw new UserError(`${error.message} No key was created.`, { code: error.code, hint: error.hint ?? 'Run the command again when the proxy is healthy.', cause: error });
    }
    if (record === null) {
      // Not there now, but a proxy that stopped answering may still finish the request: the parked
      // secret stays, so the next create (or rotate) adopts such a key, or drops the secret if none came.
      throw new UserError(`${error.message} The key "${request.key_alias}" may have been created after ollm stopped waiting; ollm keeps its secret parked.`, {
        code: error.code, cause: error,
        hint: `Run \`ollm key create --alias ${request.key_alias}\` again when the proxy is healthy: it takes that key over if the proxy made it, else makes a new one.`,
      });
    }
    ctx.warn(`warning: ${error.message} The proxy had created the key anyway, and ollm holds it.`);
    created = { ...record, key: secret, token };
  }
  await keepCreated(ctx, client, master, created, account, store, request.key_alias);
  await dropPending();
  return created;
}

/**
 * The proxy chooses the secret, so a lost answer cannot be recovered by hash: the key is tagged
 * (metadata.ollm_create, also written to a local marker first) and, when the answer is lost or
 * ollm is killed, found by alias + tag and deleted again, so nothing is left that nobody holds.
 */
async function createWithProxySecret(ctx: Ctx, client: LiteLLMClient, master: MasterKey, request: GenerateKeyRequest, account: string, store: StoreName): Promise<CreatedKey> {
  const stateDir = ctx.paths.stateDir;
  const tag = randomUUID();
  await writeCreateMarker(stateDir, account, tag);
  let created: CreatedKey;
  try {
    const answer = await client.generateKey(master, { ...request, metadata: { ...request.metadata, [CREATE_TAG]: tag } });
    await acceptProxySecret(client, master, answer.key, request.key_alias);
    created = { ...answer, token: keyToken(answer.key) };
  } catch (error) {
    // A refused secret whose key could not be deleted keeps its marker: the next create deletes it by its tag.
    if (error instanceof ProxySecretRejected && !error.deleted) throw error;
    if (!(error instanceof UserError) || !AMBIGUOUS.has(error.code)) {
      await removeCreateMarker(stateDir, account);
      throw error;
    }
    let removed: number;
    try {
      removed = await clearAbandonedCreate(stateDir, client, master, request.key_alias, account);
    } catch {
      throw new UserError(`${error.message} ollm could not check whether the proxy created the key "${request.key_alias}" anyway.`, {
        code: error.code, cause: error,
        hint: `Run \`ollm key create\` again when the proxy answers: it deletes such a key first (the proxy chose its secret, so nobody holds it).`,
      });
    }
    if (removed) {
      throw new UserError(`${error.message} The proxy had created the key anyway; as it chose the secret and the answer was lost, ollm deleted it again.`, {
        code: error.code, cause: error, hint: error.hint ?? 'Run the command again when the proxy is healthy.',
      });
    }
    if (!MAY_APPLY_LATER.has(error.code)) throw new UserError(`${error.message} No key was created.`, { code: error.code, cause: error, hint: error.hint ?? 'Run the command again when the proxy is healthy.' });
    // Timed out: the proxy may still apply the request after ollm looked. Such a key has a secret
    // nobody holds, so its tag stays on record and the next create (or rotate) deletes it first.
    await writeCreateMarker(stateDir, account, tag);
    throw new UserError(`${error.message} No key had been created when ollm looked, but the proxy may still create it late; nobody would hold its secret (the proxy chooses secrets here).`, {
      code: error.code, cause: error,
      hint: `Run \`ollm key create\` again when the proxy is healthy: it first deletes such a late key "${request.key_alias}" (found by its tag). ${error.hint ?? ''}`.trim(),
    });
  }
  await keepCreated(ctx, client, master, created, account, store, request.key_alias);
  await removeCreateMarker(stateDir, account);
  await noteCreated(ctx, account); // when its first scheduled rotation is due
  return created;
}

/** Store the new key as the alias's entry; if that fails, delete it from the proxy again. */
async function keepCreated(ctx: Ctx, client: LiteLLMClient, master: MasterKey, created: CreatedKey, account: string, store: StoreName, alias: string): Promise<void> {
  const vault = await ctx.vault();
  try {
    await vault.save(KEY_SERVICE, account, created.key, store);
  } catch (error) {
    const revoked = await client.deleteKeys(master, [created.token]).then(() => true, () => false);
    if (revoked) {
      await vault.remove(PENDING_SERVICE, account, vault.store(store)).catch(() => []);
      await removeCreateMarker(ctx.paths.stateDir, account);
    }
    if (!(error instanceof UserError)) throw error;
    throw new UserError(revoked
      ? `${error.message} The new key was deleted from the proxy again, so nothing is left behind.`
      : `${error.message} The new key ${maskKey(created.key)} could not be deleted from the proxy either.`, {
      code: error.code, cause: error,
      hint: revoked ? error.hint : `Delete it with \`ollm key revoke --alias ${alias} --yes\` once the proxy answers. ${error.hint ?? ''}`.trim(),
    });
  }
}

type CreatedKey = KeyRecord & { key: string; token: string };

/** How long a proxy that lost its answer gets to finish creating the key before ollm asks again. */
const RECHECK_AFTER_MS = 1500;

/** The proxy's record of this key; null when it does not have it; undefined when it cannot say. */
async function recordIfCreated(ctx: Ctx, client: LiteLLMClient, master: MasterKey, token: string): Promise<KeyRecord | null | undefined> {
  // A proxy that timed out may still be finishing the request: ask twice.
  for (const delay of [0, RECHECK_AFTER_MS]) {
    if (delay) await ctx.sleep(delay);
    try {
      const { info } = (await client.keyInfo(master, token));
      return isDeletedKey(info) ? null : info; // an archived key is no key to keep
    } catch (error) {
      if (!(error instanceof UserError)) return undefined;
      if (error.code !== 'not_found' && error.code !== 'key_unknown') return undefined;
    }
  }
  return null;
}
