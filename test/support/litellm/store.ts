// The fake LiteLLM's "database": virtual keys (LiteLLM_VerificationToken), tokens kept alive by a
// regenerate grace period (LiteLLM_DeprecatedVerificationToken) and spend-log rows.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { nextBudgetReset } from './durations.ts';
import { abbreviateKey, pyIso } from './python.ts';
import type { SpendLogRow, SpendLogSeed, StoredKey } from './types.ts';

/** LiteLLM stores sha256(key) hex as the key's token. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** f"sk-{secrets.token_urlsafe(16)}": sk- plus 22 characters of [A-Za-z0-9_-]. */
export function newSecret(): string {
  return `sk-${randomBytes(16).toString('base64url')}`;
}

/** _hash_token_if_needed(): a raw sk- key is hashed, anything else is taken as a hash already. */
export function tokenOf(rawOrHash: string): string {
  return rawOrHash.startsWith('sk-') ? hashKey(rawOrHash) : rawOrHash;
}

/** A stored key plus the audit columns LiteLLM keeps but the public StoredKey leaves out. */
export interface KeyRecord extends StoredKey {
  created_by: string | null;
  updated_by: string | null;
}

export type KeySeed = Partial<KeyRecord> & { key?: string };

/** A complete record from a partial seed: secret generated when absent, budget reset computed. */
export function buildRecord(seed: KeySeed, now: Date): KeyRecord {
  const key = seed.key ?? newSecret();
  const stamp = pyIso(now);
  const record: KeyRecord = {
    key_alias: null,
    spend: 0,
    max_budget: null,
    budget_duration: null,
    budget_reset_at: null,
    expires: null,
    models: [],
    metadata: {},
    blocked: null,
    tpm_limit: null,
    rpm_limit: null,
    max_parallel_requests: null,
    soft_budget: null,
    user_id: null,
    team_id: null,
    key_type: null,
    litellm_budget_table: null,
    budget_id: null,
    allowed_routes: [],
    model_max_budget: {},
    created_by: null,
    updated_by: null,
    created_at: stamp,
    updated_at: stamp,
    ...Object.fromEntries(Object.entries(seed).filter(([, value]) => value !== undefined)),
    key,
    token: hashKey(key),
    key_name: abbreviateKey(key),
  };
  syncBudgetTable(record);
  if (record.budget_duration !== null && seed.budget_reset_at === undefined) {
    record.budget_reset_at = pyIso(nextBudgetReset(record.budget_duration, now));
  }
  return record;
}

/**
 * generate_key_helper_fn / _update_key_soft_budget: a soft_budget lives in a LiteLLM_BudgetTable
 * row linked by budget_id, not in a key column.
 */
export function syncBudgetTable(record: KeyRecord): void {
  if (record.soft_budget === null) return;
  if (record.litellm_budget_table === null) {
    record.budget_id ??= randomUUID();
    record.litellm_budget_table = { budget_id: record.budget_id, soft_budget: record.soft_budget, max_budget: null };
  } else {
    record.litellm_budget_table.soft_budget = record.soft_budget;
  }
}

/** A full spend-log row from a seed; a raw sk- api_key is hashed like LiteLLM logs it. */
export function buildSpendLog(seed: SpendLogSeed, now: Date): SpendLogRow {
  const stamp = (t: string | Date | undefined) => (t === undefined ? pyIso(now) : typeof t === 'string' ? t : pyIso(t));
  const prompt = seed.prompt_tokens ?? 10;
  const completion = seed.completion_tokens ?? 1;
  return {
    request_id: seed.request_id ?? `chatcmpl-${randomUUID()}`,
    call_type: seed.call_type ?? 'acompletion',
    api_key: seed.api_key === undefined ? '' : tokenOf(seed.api_key),
    spend: seed.spend ?? 0,
    total_tokens: seed.total_tokens ?? prompt + completion,
    prompt_tokens: prompt,
    completion_tokens: completion,
    startTime: stamp(seed.startTime),
    endTime: stamp(seed.endTime ?? seed.startTime),
    model: seed.model ?? 'gpt-4o',
    user: seed.user ?? '',
    metadata: seed.metadata ?? {},
    team_id: seed.team_id ?? null,
    status: seed.status ?? 'success',
  };
}

/** A row of LiteLLM_DeletedVerificationToken: the key as it was, and when it went. */
export type DeletedRecord = KeyRecord & { deleted_at: string; deleted_by: string | null };

export class KeyStore {
  private records: KeyRecord[] = [];
  /** Deleted and regenerated-away rows, archived as the newest LiteLLM does. */
  private deleted: DeletedRecord[] = [];
  /** Old token → the record it now points to, until revokeAt (ms). */
  private graceTokens = new Map<string, { record: KeyRecord; revokeAt: number }>();
  private logs: SpendLogRow[] = [];

  constructor(private readonly now: () => Date) {}

  /** Live keys in creation order. */
  list(): KeyRecord[] {
    return this.records.map((record) => this.refresh(record));
  }

  find(rawOrHash: string): KeyRecord | undefined {
    const token = tokenOf(rawOrHash);
    const record = this.records.find((r) => r.token === token);
    return record && this.refresh(record);
  }

  findByAlias(alias: string): KeyRecord | undefined {
    const record = this.records.find((r) => r.key_alias === alias);
    return record && this.refresh(record);
  }

  /** Alias uniqueness is global in LiteLLM; `exceptToken` is the key being updated. */
  aliasTaken(alias: string, exceptToken?: string): boolean {
    return this.records.some((r) => r.key_alias === alias && r.token !== exceptToken);
  }

  /** The lookup auth does: the live token, or an old one still inside its grace period. */
  authenticate(token: string): KeyRecord | undefined {
    const live = this.find(token);
    if (live) return live;
    const grace = this.graceTokens.get(token);
    if (!grace || grace.revokeAt <= this.now().getTime() || !this.records.includes(grace.record)) return undefined;
    return this.refresh(grace.record);
  }

  /** Creation rank, used to break created_at ties (later-created first). */
  rank(record: KeyRecord): number {
    return this.records.indexOf(record);
  }

  insert(record: KeyRecord): KeyRecord {
    this.records.push(record);
    return record;
  }

  remove(tokens: ReadonlySet<string>, by: string | null = null): void {
    for (const record of this.records.filter((r) => tokens.has(r.token))) this.archive(record, by);
    this.records = this.records.filter((r) => !tokens.has(r.token));
  }

  /** The archived row of a deleted (or regenerated-away) token. */
  findDeleted(rawOrHash: string): DeletedRecord | undefined {
    const token = tokenOf(rawOrHash);
    return this.deleted.findLast((r) => r.token === token);
  }

  private archive(record: KeyRecord, by: string | null): void {
    this.deleted.push({ ...structuredClone(record), deleted_at: pyIso(this.now()), deleted_by: by });
  }

  /** Swap the secret in place (regenerate); the old token keeps working until `graceUntil`. */
  rotate(record: KeyRecord, newKey: string, graceUntil: Date | null): void {
    const oldToken = record.token;
    this.archive(record, record.updated_by);
    record.key = newKey;
    record.token = hashKey(newKey);
    record.key_name = abbreviateKey(newKey);
    if (graceUntil) this.graceTokens.set(oldToken, { record, revokeAt: graceUntil.getTime() });
  }

  addLog(row: SpendLogRow): SpendLogRow {
    this.logs.push(row);
    return row;
  }

  spendLogs(): SpendLogRow[] {
    return [...this.logs];
  }

  clear(): void {
    this.records = [];
    this.deleted = [];
    this.graceTokens.clear();
    this.logs = [];
  }

  /**
   * LiteLLM's budget-reset job zeroes spend once budget_reset_at has passed; the fake does it
   * lazily whenever a key is read, so an injected clock sees resets without a background timer.
   */
  private refresh(record: KeyRecord): KeyRecord {
    const now = this.now();
    if (record.budget_duration === null || record.budget_reset_at === null) return record;
    if (Date.parse(record.budget_reset_at) > now.getTime()) return record;
    record.spend = 0;
    try {
      record.budget_reset_at = pyIso(nextBudgetReset(record.budget_duration, now));
    } catch {
      record.budget_reset_at = null; // e.g. "2mo" seeded directly: LiteLLM's job would fail the same way
    }
    return record;
  }
}
