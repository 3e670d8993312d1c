// Public types of the fake LiteLLM proxy; re-exported by ../litellm-server.ts, which is the entry point.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FakeLiteLLMOptions {
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
  setEnterprise(on: boolean): void;
  /** Seed a spend-log row (defaults filled in); returns the stored row. */
  addSpendLog(row: SpendLogSeed): SpendLogRow;
  /** All spend-log rows, oldest first. */
  spendLogs(): SpendLogRow[];
  /** 'before': never apply nor answer; 'after': apply the effect, then never answer. */
  hold(h: Hold): void;
  /** Replace the route for the next `times` (default 1) matching requests. */
  override(method: string, path: string, handler: OverrideHandler, times?: number): void;
  /** Drop holds and overrides not reached yet (a command finished before it got there). */
  cancelHolds(): void;
  /** Clear keys, spend logs, requests, holds and overrides. */
  reset(): void;
  /** Closes even with held or open sockets. */
  close(): Promise<void>;
}
