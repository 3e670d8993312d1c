// The doctor's checks that ask the LiteLLM proxy: is it up, is the master key the admin key, does
// the stored virtual key still work, and how much of its budget is spent.
import type { Ctx, MasterKey } from '../context.ts';
import type { ProxyUrl } from '../config/proxy-url.ts';
import { UserError } from '../errors.ts';
import type { LiteLLMClient } from '../litellm/client.ts';
import { describePeriod } from '../litellm/duration.ts';
import { noDatabase, refusedOwnInfo } from '../litellm/errors.ts';
import { readProxyHealth } from '../litellm/readiness.ts';
import { isDeletedKey, type KeyRecord } from '../litellm/schemas.ts';
import { keyToken, type HeldKey } from '../keys/held-key.ts';
import { budgetUse, formatMoney, formatWhen } from '../output/format.ts';
import { maskKey } from '../output/mask.ts';
import { fail, ok, skip, warn, type CheckResult } from './report.ts';
import type { Fixes } from './fixes.ts';
import { adoptFix, recreateFix } from '../keys/way-out.ts';
import { DEFAULT_KEY_CACHE_TTL_S } from '../keys/key-cache.ts';
import { describeIdentity, identify, type Identity } from '../litellm/identify.ts';
import { CREDENTIAL_ENV } from '../keys/master-key.ts';

/** A key expiring sooner than this is worth a warning. */
const EXPIRY_WARNING_MS = 7 * 86_400_000;

export async function checkProxy(client: LiteLLMClient, proxy: ProxyUrl): Promise<CheckResult> {
  try {
    const ready = await client.readiness();
    const health = readProxyHealth(ready);
    if (!health.healthy) {
      return warn(`${proxy.base} answers but reports status "${ready.status}" (${health.summary}).`, 'Check the proxy\'s logs (its /health/readiness says why).');
    }
    if (health.noDatabase) return fail(`${noDatabase(proxy.base).message} (${health.summary})`, null);
    return ok(`${proxy.base} is up (${health.summary}).`);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    // The URL is right: the proxy itself is unwell, so pointing ollm elsewhere is no fix.
    if (error.code === 'proxy_database_down' || error.code === 'proxy_shutting_down') return fail(error.message, null);
    const fix = proxy.source === 'LITELLM_PROXY_URL'
      ? 'export LITELLM_PROXY_URL=<URL of your LiteLLM proxy>'
      : proxy.source === '--proxy-url' ? 'ollm doctor --proxy-url <URL of your LiteLLM proxy>' : 'ollm config set proxy-url <URL of your LiteLLM proxy>';
    return fail(`${error.message} (proxy URL from ${proxy.source})`, fix);
  }
}

export type MasterOutcome = { master: MasterKey | null; result: CheckResult };

/**
 * The credential that manages keys, if one is at hand: what the proxy says it is and what it may
 * do. A master key kept here (saved by `ollm login`) where an assistant's key is written is a
 * warning: a user key does the same work within a ceiling. Without one the rest still runs.
 */
export async function checkMasterKey(ctx: Ctx, client: LiteLLMClient): Promise<MasterOutcome> {
  let master: MasterKey | null;
  try {
    master = await ctx.optionalMasterKey();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (error.code === 'insecure_transport') return { master: null, result: warn(`Not checked: ${error.message}`, 'ollm doctor --allow-insecure-http') };
    if (error.code === 'cannot_manage_keys') return { master: null, result: fail(`The key in ${CREDENTIAL_ENV} cannot manage keys: ${error.message}`, error.hint ?? null) };
    return { master: null, result: skip(`The saved master key could not be read: ${error.message}`) };
  }
  if (!master) {
    // Keeping no master key where OpenClaw runs is the recommended setup, so nothing to warn about.
    return { master: null, result: skip('No master key here (the recommended setup where OpenClaw runs); the other checks use the stored key. To check one: LITELLM_MASTER_KEY=… ollm doctor, or `ollm login` (master key or your user key).') };
  }
  const fix = master.origin === 'env' ? 'export LITELLM_MASTER_KEY=<master_key from the proxy\'s config>' : master.origin === 'proxy-api-key' ? `export ${CREDENTIAL_ENV}=<your user key>` : 'ollm login';
  const which = master.origin === 'login' ? 'The key saved by `ollm login`' : `The key from ${master.source}`;
  let identity: Identity;
  try {
    identity = await identify(client, master.secret);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (error.code === 'cannot_manage_keys' && master.origin === 'env') return { master: null, result: fail(`${which} is a virtual key of this proxy, not its master key.`, fix) };
    return { master: null, result: fail(`${which} was refused: ${error.message}${error.hint ? ` ${error.hint}` : ''}`, fix) };
  }
  const checked: MasterKey = { ...master, kind: identity.kind };
  const what = describeIdentity(identity);
  if (identity.kind !== 'master') {
    const may = identity.kind === 'user'
      ? 'it may create, read, rotate and revoke its own keys; changing a key\'s budget is for an admin'
      : 'it may create keys in its team; listing and revoking them is for a user key or an admin';
    return { master: checked, result: ok(`${which} is ${what}: ${may}.`) };
  }
  if (master.origin === 'login' && await assistantKeysWrittenHere(ctx)) {
    return {
      master: checked,
      result: warn(`${which} is the proxy's admin key (${what}), kept on a machine where an assistant's key is written: anyone who can run as you here can make keys without limit.`,
        'On the admin\'s machine: ollm user add <you> --budget 20 --monthly; here: ollm logout, then ollm login with the user key it prints'),
    };
  }
  return { master: checked, result: ok(`${which} is the proxy's admin key (${what}).`) };
}

/** Whether ollm wrote any key here where an assistant reads it. */
async function assistantKeysWrittenHere(ctx: Ctx): Promise<boolean> {
  try {
    const manifest = await ctx.manifest();
    for (const account of await manifest.accounts()) if ((await manifest.targetsOf(account)).length > 0) return true;
  } catch { /* a damaged list is the file checks' business */ }
  return false;
}

export interface StoredKeyOutcome {
  result: CheckResult;
  /** The proxy's record of the key, when it could be read (for the budget). */
  record: KeyRecord | null;
  token: string | null;
}

export interface StoredKeyInput {
  client: LiteLLMClient;
  proxy: ProxyUrl;
  alias: string;
  held: HeldKey | null;
  master: MasterKey | null;
  now: Date;
  fixes: Fixes;
}

/** The key this machine holds must be known to the proxy, not blocked, not expired. */
export async function checkStoredKey(input: StoredKeyInput): Promise<StoredKeyOutcome> {
  const { client, proxy, alias, held, master, fixes } = input;
  if (!held) return notHeld(input);
  const token = keyToken(held.secret);
  const shown = maskKey(held.secret);
  let record: KeyRecord;
  let modelsOnly = false;
  try {
    record = (await client.keyInfo({ secret: held.secret, kind: 'virtual' })).info;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (error.code === 'route_not_allowed' && !master) return { result: warn(modelsOnlyMessage(shown, null), `Run \`ollm doctor\` with the master key (${CREDENTIAL_ENV}) to check it further.`), record: null, token };
    modelsOnly = error.code === 'route_not_allowed';
    const failed = (message: string, fix: string | null): StoredKeyOutcome => ({ result: fail(message, fix), record: null, token });
    if (error.code === 'key_unknown') {
      // The master key can read the archive (1.108.7 keeps deleted keys): then say when it went.
      const archived = master ? await client.keyInfo(master, token).then((answer) => answer.info, () => null) : null;
      if (archived && isDeletedKey(archived)) return failed(deletedMessage(shown, archived, input.now), recreateFix(fixes.ollm.bind(fixes)));
      return failed(`The proxy does not know the stored key ${shown} (deleted there, or made for another proxy).`, recreateFix(fixes.ollm.bind(fixes)));
    }
    if (error.code === 'key_blocked') return failed(`The stored key ${shown} is blocked on the proxy.`, fixes.proxyCall('key/unblock', `{"key":"${token}"}`));
    if (error.code === 'key_expired') return failed(`The stored key ${shown} has expired.`, fixes.proxyCall('key/update', `{"key":"${token}","duration":"90d"}`));
    // Keys of key_type llm_api may not read their own info: the master key can.
    if (!refusedOwnInfo(error) || !master) return failed(`The stored key ${shown} could not be checked: ${error.message}`, error.hint ?? null);
    try {
      record = (await client.keyInfo(master, token)).info;
    } catch (again) {
      if (!(again instanceof UserError)) throw again;
      return failed(`The stored key ${shown} could not be checked: ${again.message}`, again.hint ?? null);
    }
  }
  const where = `${shown}, kept in the ${held.store.description}`;
  // Read with the master key, a deleted key is still described (archived): it is no valid key.
  if (isDeletedKey(record)) return { result: fail(deletedMessage(shown, record, input.now), recreateFix(fixes.ollm.bind(fixes))), record: null, token };
  if (record.blocked) return { result: fail(`The stored key ${shown} is blocked on the proxy.`, fixes.proxyCall('key/unblock', `{"key":"${token}"}`)), record, token };
  const expires = record.expires ? new Date(record.expires) : null;
  if (expires && expires.getTime() <= input.now.getTime()) {
    return { result: fail(`The stored key ${shown} expired ${formatWhen(record.expires, input.now)}.`, fixes.proxyCall('key/update', `{"key":"${token}","duration":"90d"}`)), record, token };
  }
  if (record.key_alias && record.key_alias !== alias) {
    return {
      result: warn(`The proxy knows the stored key ${shown} as "${record.key_alias}", not "${alias}" — a rotation was interrupted.`, fixes.ollm('key rotate', '--resume')),
      record, token,
    };
  }
  if (expires && expires.getTime() - input.now.getTime() < EXPIRY_WARNING_MS) {
    return { result: warn(`The stored key ${shown} works but expires ${formatWhen(record.expires, input.now)}.`, fixes.proxyCall('key/update', `{"key":"${token}","duration":"90d"}`)), record, token };
  }
  const expiry = expires ? `expires ${formatWhen(record.expires, input.now)}` : 'never expires';
  if (modelsOnly) {
    // Routes from the admin's default (no llm_api key_type): the master key can give the defaults back.
    const fix = record.key_type === 'llm_api' ? null : fixes.proxyCall('key/update', `{"key":"${token}","allowed_routes":[]}`);
    return { result: warn(`${modelsOnlyMessage(shown, record)} Otherwise valid, not blocked, ${expiry}.`, fix), record, token };
  }
  return { result: ok(`"${alias}" is ${where}; valid on ${proxy.base}, not blocked, ${expiry}.`), record, token };
}

/**
 * A key that may call models but not read its own /key/info: key_type "llm_api", or LiteLLM
 * 1.110+ giving a key made without key_type the admin's default_key_generate_params.allowed_routes.
 * Commands that read the key through itself (key info, status) then need the master key.
 */
function modelsOnlyMessage(shown: string, record: KeyRecord | null): string {
  const routes = record?.allowed_routes;
  const which = record?.key_type === 'llm_api' ? ' (key_type "llm_api")'
    : Array.isArray(routes) && routes.length ? ` (allowed_routes ${JSON.stringify(routes)}, likely the proxy's default_key_generate_params.allowed_routes, which LiteLLM 1.110+ gives keys made without key_type; ollm now makes keys with key_type "default")`
      : '';
  return `The stored key ${shown} may only call models${which}: the proxy refuses it /key/info on itself, so ollm reads it with the master key.`;
}

function deletedMessage(shown: string, record: KeyRecord, now: Date): string {
  const deletedAt = typeof record['deleted_at'] === 'string' ? record['deleted_at'] : null;
  const when = deletedAt ? ` ${formatWhen(deletedAt, now)}` : '';
  // Each instance of a clustered proxy serves a key it has seen from its own cache for a while.
  const age = deletedAt ? now.getTime() - new Date(deletedAt).getTime() : NaN;
  const fails = age >= 0 && age < DEFAULT_KEY_CACHE_TTL_S * 1000
    ? `requests with it fail, except on LiteLLM instances that still have it cached (until their user_api_key_cache_ttl, by default up to ${DEFAULT_KEY_CACHE_TTL_S} s after the deletion)`
    : 'every request with it fails';
  return `The stored key ${shown} was deleted on the proxy${when}; ${fails}.`;
}

// No key here: say whether the proxy has one under this alias (then only its secret is missing).
async function notHeld(input: StoredKeyInput): Promise<StoredKeyOutcome> {
  const { client, proxy, alias, master, fixes } = input;
  const missing = `This machine holds no key "${alias}" for ${proxy.base}`;
  if (master) {
    try {
      const [found] = await client.findKeysByAlias(master, alias);
      if (found?.token) {
        return {
          result: fail(`${missing}; the proxy has one, but its secret is not here.`, adoptFix(alias)),
          record: found, token: found.token,
        };
      }
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
    }
  }
  return { result: fail(`${missing}.`, fixes.ollm('key create')), record: null, token: null };
}

/** Warn from 80 % of the budget, fail at 100 % (the proxy then refuses the key's requests). */
export function checkBudget(record: KeyRecord | null, token: string | null, now: Date, fixes: Fixes): CheckResult {
  if (!record) return skip('The key\'s record could not be read (see the stored key).');
  const use = budgetUse(record.spend, record.max_budget);
  if (use.usedPercent === null) return ok(`${formatMoney(record.spend)} spent; no budget limit.`);
  const period = record.budget_duration ? ` (${describePeriod(record.budget_duration)})` : '';
  const spent = `${formatMoney(record.spend)} of ${formatMoney(record.max_budget)}${period} spent (${use.usedPercent.toFixed(1)} %)`;
  const reset = record.budget_reset_at ? `resets ${formatWhen(record.budget_reset_at, now)}` : 'never resets';
  const raise = fixes.proxyCall('key/update', `{"key":"${token ?? '<token>'}","max_budget":<USD>}`);
  if (use.usedPercent >= 100) return fail(`${spent}: the proxy refuses this key's requests until the budget is raised${record.budget_reset_at ? ` or ${reset}` : ''}.`, raise);
  if (use.usedPercent >= 80) return warn(`${spent}; the budget ${reset}.`, raise);
  return ok(`${spent}; the budget ${reset}.`);
}
