// Pure pieces of a rotation: the new key's settings (the old key's, spend included) and the
// alias the old key retires under.
import { UserError } from '../errors.ts';
import type { Credential, GenerateKeyRequest, LiteLLMClient } from '../litellm/client.ts';
import type { KeyRecord } from '../litellm/schemas.ts';

/** `openclaw-retired-20261122T051500Z`: the old key's alias once the new key has taken over. */
export function retiredAlias(alias: string, now: Date): string {
  return `${alias}-retired-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

/** Metadata without ollm's own bookkeeping tags (they are set afresh for each key). */
export function userMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(metadata).filter(([key]) => !key.startsWith('ollm_')));
}

/**
 * /key/generate body that re-creates `old` under `alias`: same budget, period, models, limits,
 * owner and remaining lifetime, and the old spend carried over so rotating never resets a budget.
 */
export function recreateRequest(old: KeyRecord, alias: string, secret: string, rotationId: string, now: Date): GenerateKeyRequest {
  const request: GenerateKeyRequest = {
    key_alias: alias,
    key: secret,
    spend: old.spend,
    metadata: { ...userMetadata(old.metadata), ollm_managed: 'true', ollm_rotation: rotationId },
  };
  if (old.max_budget != null) request.max_budget = old.max_budget;
  if (old.budget_duration) request.budget_duration = old.budget_duration;
  if (old.soft_budget != null) request.soft_budget = old.soft_budget;
  if (old.models.length) request.models = old.models;
  if (old.tpm_limit != null) request.tpm_limit = old.tpm_limit;
  if (old.rpm_limit != null) request.rpm_limit = old.rpm_limit;
  if (old.max_parallel_requests != null) request.max_parallel_requests = old.max_parallel_requests;
  if (old.user_id) request.user_id = old.user_id;
  if (old.team_id) request.team_id = old.team_id;
  if (old.expires) {
    const seconds = Math.floor((new Date(old.expires).getTime() - now.getTime()) / 1000);
    if (seconds <= 0) {
      throw new UserError(`The key "${alias}" has already expired; rotating cannot give it more time.`, {
        code: 'key_expired', hint: `Create a new key with \`ollm key create --alias <name> --expires <d>\` (and revoke this one).`,
      });
    }
    request.duration = `${seconds}s`;
  }
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
