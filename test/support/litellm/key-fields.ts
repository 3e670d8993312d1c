// How a /key/generate, /key/update or /key/regenerate body becomes column changes on a key, and
// how a key is shown back: the three response shapes (generate, info, full list object).
import { PyValueError, expiresAt, nextBudgetReset } from './durations.ts';
import { NOT_PREMIUM } from './context.ts';
import { pyIso } from './python.ts';
import type { KeyRecord } from './store.ts';

/** Body fields that are stored as-is in a key column of the same name. */
const COLUMNS = [
  'key_alias',
  'models',
  'spend',
  'max_budget',
  'user_id',
  'team_id',
  'max_parallel_requests',
  'metadata',
  'tpm_limit',
  'rpm_limit',
  'soft_budget',
  'blocked',
  'key_type',
  'allowed_routes',
  'model_max_budget',
  'budget_id',
] as const;

/** Non-nullable columns: an explicit null from the client falls back to the column default. */
const DEFAULTS: Partial<Record<(typeof COLUMNS)[number], unknown>> = { models: [], metadata: {}, spend: 0, allowed_routes: [], model_max_budget: {} };

/**
 * The column changes a validated body asks for, the way LiteLLM derives them:
 * duration → expires (now + duration, exact), budget_duration → budget_duration + budget_reset_at,
 * tags → metadata.tags. Throws PyValueError where LiteLLM raises ValueError.
 */
export function changesFrom(
  fields: Record<string, unknown>,
  opts: { now: Date; mode: 'generate' | 'update'; enterprise: boolean; metadata: Record<string, unknown> },
): Partial<KeyRecord> {
  const changes: Record<string, unknown> = {};
  for (const column of COLUMNS) {
    if (column in fields) changes[column] = fields[column] ?? DEFAULTS[column] ?? null;
  }
  if ('duration' in fields) {
    const duration = fields['duration'] as string | null;
    // Only /key/update (and regenerate) treat "-1" as "never"; generate rejects it as a bad format.
    const never = duration === null || (opts.mode === 'update' && duration === '-1');
    changes['expires'] = never ? null : pyIso(expiresAt(duration, opts.now));
  }
  const budgetDuration = fields['budget_duration'];
  if (typeof budgetDuration === 'string' && budgetDuration !== '') {
    changes['budget_duration'] = budgetDuration; // never validated: "monthly" is stored as sent
    changes['budget_reset_at'] = pyIso(nextBudgetReset(budgetDuration, opts.now));
  }
  // An update cannot clear budget_duration: LiteLLM drops a falsy value instead of writing it.
  const tags = fields['tags'];
  if (Array.isArray(tags)) {
    if (!opts.enterprise && opts.mode === 'generate') throw new PyValueError(`Only premium users can add tags to keys. ${NOT_PREMIUM}`);
    if (opts.enterprise) {
      const base = (changes['metadata'] as Record<string, unknown> | undefined) ?? opts.metadata;
      changes['metadata'] = { ...base, tags };
    }
  }
  return changes as Partial<KeyRecord>;
}

/** The /key/info "info" object: every column except the secret and its hash. */
export function infoView(record: KeyRecord): Record<string, unknown> {
  // soft_budget is no key column: it shows only inside the linked litellm_budget_table.
  const { key: _secret, token: _token, soft_budget: _soft, ...columns } = record;
  return columns;
}

/** A full key object as /key/list?return_full_object=true and /key/block return it. */
export function fullView(record: KeyRecord): Record<string, unknown> {
  const { key: _secret, soft_budget: _soft, litellm_budget_table: _table, ...columns } = record;
  return columns;
}

/** The /key/generate (and /key/regenerate) response: the only place the plaintext key appears. */
export function generateView(record: KeyRecord): Record<string, unknown> {
  return {
    key: record.key,
    token: record.token,
    token_id: record.token,
    key_alias: record.key_alias,
    key_name: record.key_name,
    max_budget: record.max_budget,
    budget_duration: record.budget_duration,
    soft_budget: record.soft_budget,
    spend: record.spend,
    models: record.models,
    metadata: record.metadata,
    expires: record.expires,
    tpm_limit: record.tpm_limit,
    rpm_limit: record.rpm_limit,
    max_parallel_requests: record.max_parallel_requests,
    blocked: record.blocked,
    user_id: record.user_id,
    team_id: record.team_id,
    created_by: record.created_by,
    updated_by: record.updated_by,
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
}
