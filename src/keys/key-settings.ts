// Turns `ollm key create` flags into the body of POST /key/generate, rejecting anything the
// proxy would misread before a single request is made.
import { UsageError } from '../errors.ts';
import type { GenerateKeyRequest } from '../litellm/client.ts';
import { budgetPeriodProblem, parseDuration } from '../litellm/duration.ts';

export interface KeySettingsFlags {
  alias: string;
  budget?: string;
  monthly?: boolean;
  weekly?: boolean;
  daily?: boolean;
  budgetDuration?: string;
  expires?: string;
  models?: string[];
  rpm?: string;
  tpm?: string;
  maxParallel?: string;
  metadata?: string[];
}

/** Metadata keys ollm sets itself (to find its own keys again); users may not override them. */
export const RESERVED_METADATA_PREFIX = 'ollm_';

export function parseBudget(raw: string): number {
  const text = raw.trim();
  // Plain decimal only: rejects -1, 1e400, 0x10, NaN, Infinity and empty strings in one rule.
  if (!/^\d{1,12}(\.\d{1,6})?$/.test(text)) {
    throw new UsageError(`The budget ${JSON.stringify(raw)} is not an amount in USD.`, 'Give a number ≥ 0 such as --budget 50 or --budget 12.5.');
  }
  return Number(text);
}

function parseCount(raw: string, flag: string): number {
  if (!/^\d{1,9}$/.test(raw.trim()) || Number(raw) < 1) {
    throw new UsageError(`${flag} ${JSON.stringify(raw)} is not a whole number ≥ 1.`, `For example ${flag} 60.`);
  }
  return Number(raw);
}

function parsePeriod(flags: KeySettingsFlags): string | undefined {
  const chosen = [flags.monthly && '1mo', flags.weekly && '7d', flags.daily && '1d'].filter(Boolean) as string[];
  if (flags.budgetDuration !== undefined) {
    const duration = parseDuration(flags.budgetDuration);
    if (!duration) {
      throw new UsageError(`--budget-duration ${JSON.stringify(flags.budgetDuration)} is not a LiteLLM duration.`,
        'Use <number><unit> with unit s, m, h, d, w or mo: e.g. 1mo (monthly), 7d, 1d. Older LiteLLM silently resets any other value daily; the newest refuses it.');
    }
    const problem = budgetPeriodProblem(duration);
    if (problem) throw new UsageError(`--budget-duration ${duration.text}: ${problem}.`, 'Use --monthly (1mo), or a period in days such as 60d.');
    chosen.push(duration.text);
  }
  if (chosen.length > 1) throw new UsageError('Choose one budget period: --monthly, --weekly, --daily or --budget-duration.');
  return chosen[0];
}

function parseModels(values: string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const models = values.flatMap((v) => v.split(',')).map((m) => m.trim()).filter((m) => m.length > 0);
  if (models.length === 0) throw new UsageError('--models was given without any model name.', 'List models like --models gpt-4o,claude-sonnet-4-6 (omit the flag to allow all).');
  return [...new Set(models)];
}

function parseMetadata(values: string[] | undefined): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const entry of values ?? []) {
    const eq = entry.indexOf('=');
    const key = eq > 0 ? entry.slice(0, eq).trim() : '';
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(key)) {
      throw new UsageError(`--metadata ${JSON.stringify(entry)} is not key=value.`, 'For example --metadata owner=alice --metadata host=laptop.');
    }
    if (key.startsWith(RESERVED_METADATA_PREFIX)) {
      throw new UsageError(`--metadata key "${key}" is reserved: ollm uses the "${RESERVED_METADATA_PREFIX}" prefix to recognise its own keys.`);
    }
    metadata[key] = entry.slice(eq + 1);
  }
  return metadata;
}

/** The key's settings these flags give, validated; only what was given is set (no alias, no period check). */
export function parseKeySettings(flags: Omit<KeySettingsFlags, 'alias'>): Omit<GenerateKeyRequest, 'key_alias'> {
  const settings: Omit<GenerateKeyRequest, 'key_alias'> = {};
  const period = parsePeriod(flags as KeySettingsFlags);
  if (flags.budget !== undefined) settings.max_budget = parseBudget(flags.budget);
  if (period !== undefined) settings.budget_duration = period;
  if (flags.expires !== undefined) {
    const expires = parseDuration(flags.expires);
    if (!expires) throw new UsageError(`--expires ${JSON.stringify(flags.expires)} is not a LiteLLM duration.`, 'Use <number><unit> with unit s, m, h, d, w or mo, e.g. --expires 90d.');
    settings.duration = expires.text;
  }
  const models = parseModels(flags.models);
  if (models) settings.models = models;
  if (flags.rpm !== undefined) settings.rpm_limit = parseCount(flags.rpm, '--rpm');
  if (flags.tpm !== undefined) settings.tpm_limit = parseCount(flags.tpm, '--tpm');
  if (flags.maxParallel !== undefined) settings.max_parallel_requests = parseCount(flags.maxParallel, '--max-parallel');
  if (flags.metadata !== undefined) settings.metadata = parseMetadata(flags.metadata);
  return settings;
}

/** The /key/generate body for these flags (without ollm's own metadata tags). */
export function buildGenerateRequest(flags: KeySettingsFlags): GenerateKeyRequest {
  const request: GenerateKeyRequest = { key_alias: flags.alias, ...parseKeySettings(flags), metadata: parseMetadata(flags.metadata) };
  if (request.budget_duration !== undefined && request.max_budget === undefined) {
    throw new UsageError('A budget period was given without a budget.', 'Add --budget <usd>, e.g. --budget 50 --monthly.');
  }
  return request;
}
