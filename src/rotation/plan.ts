// Pure pieces of a rotation: the new key's settings (the old key's, spend included) and the
// alias the old key retires under.
import { UserError } from '../errors.ts';
import type { Credential, GenerateKeyRequest, LiteLLMClient } from '../litellm/client.ts';
import { isDeletedKey, type KeyRecord } from '../litellm/schemas.ts';

/**
 * `openclaw-retired-20261122T051500.123Z`: the old key's alias once the new key has taken over.
 * Milliseconds, because LiteLLM wants aliases unique and two quick `--grace` rotations of one key
 * fall in the same second.
 */
export function retiredAlias(alias: string, now: Date): string {
  return `${alias}-retired-${now.toISOString().replace(/[-:]/g, '')}`;
}

/** Whether an alias is one that retiredAlias made (so fleet selection leaves it alone). */
export function isRetiredAlias(alias: string): boolean {
  return /-retired-\d{8}T\d{6}(?:\.\d{3})?Z$/.test(alias);
}

/** Metadata without ollm's own bookkeeping tags (they are set afresh for each key). */
export function userMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(metadata).filter(([key]) => !key.startsWith('ollm_')));
}

/**
 * A key that rotation must not touch: deleted on the proxy (the newest LiteLLM archives it and
 * still describes it), or expired — neither method gives it more time (regenerate keeps expires).
 */
export function assertRotatable(old: KeyRecord, alias: string, now: Date): void {
  if (isDeletedKey(old)) {
    throw new UserError(`The key "${alias}" was deleted on the proxy; there is nothing to rotate.`, {
      code: 'key_deleted', hint: `Forget it here with \`ollm key revoke --alias ${alias} --yes\`, then create a new key with \`ollm key create --alias ${alias}\`.`,
    });
  }
  if (old.expires && new Date(old.expires).getTime() <= now.getTime()) {
    throw new UserError(`The key "${alias}" has already expired; rotating cannot give it more time.`, {
      code: 'key_expired', hint: `Create a new key with \`ollm key create --alias <name> --expires <d>\` (and revoke this one).`,
    });
  }
}

/**
 * Settings /key/generate takes as they are, copied so the new key is never wider than the old
 * one (limits on routes, models, spend per model, permissions, organisation, ...). An empty
 * value means "no limit" and is not sent.
 */
const COPIED = [
  'key_type', 'allowed_routes', 'model_max_budget', 'access_group_ids', 'organization_id', 'permissions', 'aliases', 'config',
  'allowed_cache_controls', 'tpd_limit', 'rpm_limit_type', 'tpm_limit_type', 'model_rpm_limit', 'model_tpm_limit',
  'enforced_params', 'allowed_passthrough_routes', 'denied_passthrough_routes', 'allowed_vector_store_indexes', 'guardrails',
  'policies', 'budget_limits', 'router_settings', 'project_id', 'agent_id',
] as const;

/** object_permission is shown resolved; generate takes the dict without the row's own ids. */
const PERMISSION_IDS = ['object_permission_id', 'created_at', 'updated_at'];

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value as object).length === 0;
  return false;
}

/**
 * What re-creating cannot carry over: a budget row shared through budget_id that holds more than
 * the soft budget (a new key gets a row of its own). Named so the user can decide (--force).
 */
export function uncopyableSettings(old: KeyRecord): string[] {
  const table = old.litellm_budget_table as Record<string, unknown> | null | undefined;
  if (!old.budget_id || !table) return [];
  const beyondSoft = Object.entries(table).filter(([name, value]) =>
    !['soft_budget', 'budget_id', 'created_at', 'updated_at', 'created_by', 'updated_by'].includes(name) && !isEmpty(value));
  return beyondSoft.length ? [`budget_id (a shared budget: ${beyondSoft.map(([name]) => name).join(', ')})`] : [];
}

/** Limits whose loss would widen a key: the plain ones and every copied setting. */
const LIMITS = ['models', 'max_budget', 'budget_duration', 'tpm_limit', 'rpm_limit', 'max_parallel_requests', 'team_id', 'user_id', ...COPIED, 'object_permission'];

/**
 * The limits the old key had and the re-created one lacks: a proxy whose /key/generate does not
 * know a field ignores it silently, and the new key would then be wider than the old one.
 */
export function droppedLimits(old: KeyRecord, made: KeyRecord): string[] {
  const before = old as Record<string, unknown>;
  const after = made as Record<string, unknown>;
  return LIMITS.filter((name) => !isEmpty(before[name]) && isEmpty(after[name]));
}

/**
 * /key/generate body that re-creates `old` under `alias`: same budget, period, models, limits,
 * owner and remaining lifetime, and the old spend carried over so rotating never resets a budget.
 * A blocked key's successor is made blocked by this same request, so it never works for a moment:
 * rotating is no way to unblock a key (`ollm key update --unblock` is). `secret` undefined: the
 * proxy chooses it (disable_custom_api_keys).
 */
export function recreateRequest(old: KeyRecord, alias: string, secret: string | undefined, rotationId: string, now: Date): GenerateKeyRequest {
  assertRotatable(old, alias, now);
  const request: GenerateKeyRequest = {
    key_alias: alias,
    ...(secret ? { key: secret } : {}),
    spend: old.spend,
    metadata: { ...userMetadata(old.metadata), ollm_managed: 'true', ollm_rotation: rotationId },
  };
  if (old.blocked === true) request.blocked = true;
  if (old.max_budget != null) request.max_budget = old.max_budget;
  if (old.budget_duration) request.budget_duration = old.budget_duration;
  // soft_budget lives in the key's budget table; older proxies also showed it on the key.
  const softBudget = old.litellm_budget_table?.soft_budget ?? old.soft_budget;
  if (softBudget != null) request.soft_budget = softBudget;
  if (old.models.length) request.models = old.models;
  if (old.tpm_limit != null) request.tpm_limit = old.tpm_limit;
  if (old.rpm_limit != null) request.rpm_limit = old.rpm_limit;
  if (old.max_parallel_requests != null) request.max_parallel_requests = old.max_parallel_requests;
  if (old.user_id) request.user_id = old.user_id;
  if (old.team_id) request.team_id = old.team_id;
  const extra = request as unknown as Record<string, unknown>;
  const fields = old as Record<string, unknown>;
  for (const name of COPIED) if (!isEmpty(fields[name])) extra[name] = fields[name];
  const permission = fields['object_permission'];
  if (!isEmpty(permission) && typeof permission === 'object') {
    extra['object_permission'] = Object.fromEntries(Object.entries(permission as Record<string, unknown>).filter(([name]) => !PERMISSION_IDS.includes(name)));
  }
  if (old.expires) request.duration = `${Math.floor((new Date(old.expires).getTime() - now.getTime()) / 1000)}s`;
  return request;
}

/**
 * A key retired with --grace may go on authenticating, but not spend: its budget is capped at
 * what it has spent (the new key carries that spend), so a grace never adds a second budget.
 * Keys without a budget are left as they are.
 */
export async function retiredBudget(client: LiteLLMClient, master: Credential, token: string): Promise<{ max_budget?: number }> {
  const { info } = await client.keyInfo(master, token);
  return info.max_budget == null ? {} : { max_budget: Math.min(info.max_budget, info.spend) };
}
