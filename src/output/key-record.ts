// A key record as --json shows it: one shape for key create, key info and key list, each adding
// only what it alone knows (the masked key, storage, whether this machine holds it, …).
import type { KeyRecord } from '../litellm/schemas.ts';

export function keyRecordJson(record: KeyRecord, alias?: string) {
  return {
    key_alias: record.key_alias ?? alias ?? null,
    key_name: record.key_name ?? null,
    token: record.token ?? null,
    spend: record.spend,
    max_budget: record.max_budget ?? null,
    budget_duration: record.budget_duration ?? null,
    budget_reset_at: record.budget_reset_at ?? null,
    expires: record.expires ?? null,
    models: record.models,
    tpm_limit: record.tpm_limit ?? null,
    rpm_limit: record.rpm_limit ?? null,
    max_parallel_requests: record.max_parallel_requests ?? null,
    blocked: Boolean(record.blocked),
  };
}
