// Public types of the fake LiteLLM proxy; re-exported by ../litellm-server.ts, which is the entry point.
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Version- and setting-dependent answers of real LiteLLM (docs/compatibility.md lists each with
 * the versions it applies to). Defaults are the behaviour the fake always had.
 */
export interface LiteLLMQuirks {
  /**
   * /health/readiness: 'modern' (default, what the real 1.108.7 answers in test/real/) — the public
   * {status: "healthy", db: "connected"} with no version; 'details' — {status: "healthy", db,
   * litellm_version, …}, as 1.84+ with allow_public_health_readiness_details or older builds;
   * 'pre-1.84' — status "connected".
   */
  readinessShape?: 'details' | 'modern' | 'pre-1.84';
  /** The proxy's database is unreachable: readiness answers 503 {status: "healthy", db: "disconnected"}. */
  databaseDown?: boolean;
  /** No database_url at all: management routes answer "Database not connected" / "No connected db.". */
  noDatabase?: boolean;
  /** general_settings.disable_custom_api_keys: `key` on /key/generate, `new_key` on /key/regenerate → 403. */
  disableCustomApiKeys?: boolean;
  /** A proxy that silently drops `key` / `new_key` and answers with a secret of its own. */
  ignoreChosenKey?: boolean;
  /** The secrets the proxy makes itself (default LiteLLM's `sk-` + token_urlsafe(16)); a hostile proxy's may be anything. */
  madeSecret?: () => string;
  /** /key/info for a deleted key: 'archived' (newest: 200, info.status "deleted"; default) or '404' (older). */
  deletedKeys?: 'archived' | '404';
  /** HTTP status of budget_exceeded: 422 (1.108: litellm.budget_exceeded_status_code; default), 429 (1.9x), 400 (old). */
  budgetExceededStatus?: 400 | 422 | 429;
  /** LITELLM_KEY_ROTATION_GRACE_PERIOD: the grace a regenerate gets when the body names none. */
  rotationGracePeriod?: string | null;
  /** #27193 (v1.82.3): a regenerate's grace period is recorded but the old key is rejected anyway. */
  graceBroken?: boolean;
  /** An older proxy whose GenerateKeyRequest lacks these fields: /key/generate ignores them silently. */
  generateIgnores?: string[];
  /** 1.110's _enforce_budget_delegation_ceiling: a user's new key may not have a max_budget above the user's own (400). 1.108.7 makes it. */
  budgetCeilingCheck?: boolean;
  /**
   * 1.110: the admin's default_key_generate_params.allowed_routes, given to a key generated without
   * key_type (key_type "default" opts out). 1.108.7 ignores that default: leave unset for it.
   */
  defaultAllowedRoutes?: string[];
  /** 1.110: /key/update with budget_duration recomputes budget_reset_at; 1.108.7 keeps a due reset when the duration is unchanged. */
  budgetResetRecomputed?: boolean;
  /** 1.110: /key/update and /key/list errors lose the "Authentication Error, " prefix and their type follows the status. */
  plainKeyErrors?: boolean;
  /** 1.110: /key/info answers `key` as the hash, and 400 "No key passed in." without ?key (the strict reading). */
  keyInfoByHash?: boolean;
  /** 1.110: a negative tpm_limit or rpm_limit is a 422 (1.108.7 stores it). */
  negativeLimitsRefused?: boolean;
  /** key_generation_settings.personal_key_generation: a user's key may not make keys of its own (400). */
  personalKeysRestricted?: boolean;
  /** user_ids whose user_role is proxy_admin: their virtual keys are admin keys. */
  adminUsers?: string[];
  /**
   * general_settings fields the proxy's ConfigGeneralSettings declares, with their values: only
   * these are answered by /config/field/info. 1.108.7 declares no user_api_key_cache_ttl (default {}).
   */
  declaredGeneralSettings?: Record<string, unknown>;
}

export interface FakeLiteLLMOptions extends LiteLLMQuirks {
  /** Default 'sk-master-test'. null = the proxy has no master key: no auth, every caller is admin. */
  masterKey?: string | null;
  /** Default false: /key/regenerate answers LiteLLM's 500 Enterprise refusal. */
  enterprise?: boolean;
  /** Default ['claude-sonnet-4-6', 'gpt-4o']; served by /v1/models and /models. */
  models?: string[];
  /** Clock, default () => new Date(). */
  now?: () => Date;
  /** Spend added to a key per successful LLM call, default 0.01. */
  costPerRequest?: number;
  /** Port on 127.0.0.1, default 0 = a random free one. */
  port?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  /** Parsed JSON; the raw text when it is not JSON; undefined when there was no body. */
  body: unknown;
  /** The key the auth header rules picked, as sent (unhashed), or null. */
  authKey: string | null;
}

export interface StoredKey {
  token: string; // sha256 hex of key
  key: string; // plaintext, a test-only convenience: LiteLLM itself never stores it
  key_alias: string | null;
  key_name: string;
  spend: number;
  max_budget: number | null;
  budget_duration: string | null;
  budget_reset_at: string | null;
  expires: string | null;
  models: string[];
  metadata: Record<string, unknown>;
  blocked: boolean | null;
  tpm_limit: number | null;
  rpm_limit: number | null;
  max_parallel_requests: number | null;
  soft_budget: number | null;
  user_id: string | null;
  team_id: string | null;
  key_type: string | null;
  /** LiteLLM_BudgetTable row linked by budget_id (where soft_budget really lives); null when none. */
  litellm_budget_table: { budget_id: string; soft_budget: number | null; max_budget: number | null } | null;
  budget_id: string | null;
  allowed_routes: string[];
  model_max_budget: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** One row of LiteLLM_SpendLogs as /spend/logs returns it. */
export interface SpendLogRow {
  request_id: string;
  call_type: string;
  api_key: string; // sha256 hex of the key
  spend: number;
  total_tokens: number;
  prompt_tokens: number;
  completion_tokens: number;
  startTime: string;
  endTime: string;
  model: string;
  user: string;
  metadata: Record<string, unknown>;
  team_id: string | null;
  status: string;
}

/** Seed for addSpendLog: api_key may be a raw sk- key or a hash; times may be Dates. */
export type SpendLogSeed = Partial<Omit<SpendLogRow, 'startTime' | 'endTime'>> & {
  startTime?: string | Date;
  endTime?: string | Date;
};

export type Hold = { method?: string; path: string; when: 'before' | 'after'; times?: number };

export type OverrideHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

export interface FakeLiteLLM {
  url: string;
  origin: string;
  masterKey: string | null;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** Live keys in creation order. */
  keys(): StoredKey[];
  findByAlias(alias: string): StoredKey | undefined;
  findByKey(rawOrHash: string): StoredKey | undefined;
  /** Seed a key directly; key/token are generated when absent. */
  addKey(fields: Partial<StoredKey> & { key?: string }): StoredKey;
  setSpend(rawOrHash: string, spend: number): void;
  /** key_type is set only by /key/generate on the real proxy (not /key/update): seed it here. */
  setKeyType(rawOrHash: string, keyType: string): void;
  setEnterprise(on: boolean): void;
  /** Seed a LiteLLM user (role internal_user unless given) and, with `key`, a key of theirs. */
  addUser(user: { user_id: string; user_role?: string; max_budget?: number | null; budget_duration?: string | null; spend?: number; teams?: string[] }): void;
  /** Seed a team; its service-account keys are keys with its team_id and no user_id (addKey). */
  addTeam(team: { team_id: string; team_alias?: string | null; max_budget?: number | null; spend?: number; team_member_permissions?: string[] }): void;
  /** The users the fake holds. */
  users(): Array<{ user_id: string; user_role: string; max_budget: number | null; budget_duration: string | null; spend: number; teams: string[] }>;
  /** Change version- or setting-dependent behaviour at run time (merged into the current quirks). */
  setQuirks(quirks: LiteLLMQuirks): void;
  /** Seed a spend-log row (defaults filled in); returns the stored row. */
  addSpendLog(row: SpendLogSeed): SpendLogRow;
  /** All spend-log rows, oldest first. */
  spendLogs(): SpendLogRow[];
  /**
   * 'before': never apply nor answer; 'after': apply the effect, then never answer. `held`
   * settles when the first matching request has been held (and, for 'after', applied).
   * `release()` applies a 'before'-held request late (a proxy that finishes after the client gave
   * up), answering it only if the client still waits; it settles once the effect is applied.
   */
  hold(h: Hold): { held: Promise<void>; release(): Promise<void> };
  /** Replace the route for the next `times` (default 1) matching requests. */
  override(method: string, path: string, handler: OverrideHandler, times?: number): void;
  /** Drop holds and overrides not reached yet (a command finished before it got there). */
  cancelHolds(): void;
  /** Clear keys, spend logs, requests, holds and overrides. */
  reset(): void;
  /** Closes even with held or open sockets. */
  close(): Promise<void>;
}
