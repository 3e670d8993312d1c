// GET /spend/logs for the fake LiteLLM (spend_management_endpoints.view_spend_logs): raw rows, or
// per-day summaries when a date range is given.
import type { RouteContext, ServerState } from './context.ts';
import { proxyError, type JsonReply } from './errors.ts';
import { pyErrorDict } from './python.ts';
import { tokenOf } from './store.ts';
import type { SpendLogRow } from './types.ts';
import { queryBool } from './validation.ts';

const DAY = 86_400_000;

interface DaySummary {
  startTime: string;
  spend: number;
  models: Record<string, number>;
  users: Record<string, number>;
  api_keys: Record<string, number>;
  [apiKeyHash: string]: unknown;
}

export function spendLogs(ctx: RouteContext, state: ServerState): JsonReply {
  const { query } = ctx;
  const summarize = queryBool(query, 'summarize', true);
  const start = query['start_date'];
  const end = query['end_date'];
  const rows = state.store.spendLogs();
  if (start === undefined && end === undefined) return { status: 200, body: rows.filter(matchesFilter(query, 'hashed')) };
  if (start === undefined || end === undefined) {
    throw proxyError(400, pyErrorDict('Both start_date and end_date are required (YYYY-MM-DD)'), 'internal_error');
  }
  const from = parseDate(start);
  const to = parseDate(end);
  // LiteLLM compares startTime <= end_date at 00:00, so the end day itself is (almost) excluded.
  const inRange = rows
    .filter((r) => Date.parse(r.startTime) >= from && Date.parse(r.startTime) <= to)
    .filter(matchesFilter(query, 'as-given'));
  if (!summarize) return { status: 200, body: inRange.sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime)) };
  return { status: 200, body: summarizeByDay(inRange, to) };
}

/**
 * LiteLLM applies only the first given of api_key, request_id, user_id (an if/elif chain), with
 * or without dates. Without dates a raw sk- api_key is hashed first; within a date range it goes
 * into the query as given, so only the hash matches there.
 */
function matchesFilter(query: Record<string, string>, apiKey: 'hashed' | 'as-given') {
  const key = query['api_key'];
  if (key) {
    const token = apiKey === 'hashed' ? tokenOf(key) : key;
    return (r: SpendLogRow) => r.api_key === token;
  }
  if (query['request_id']) return (r: SpendLogRow) => r.request_id === query['request_id'];
  if (query['user_id']) return (r: SpendLogRow) => r.user === query['user_id'];
  return () => true;
}

/** datetime.strptime(value, "%Y-%m-%d"); its ValueError escapes as a 500, glued to "/spend/logs Error". */
function parseDate(value: string): number {
  const fail = (reason: string) => proxyError(500, `/spend/logs Error${reason}`, 'internal_error');
  const match = /^(\d{4})-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])$/.exec(value);
  if (!match) throw fail(`time data '${value}' does not match format '%Y-%m-%d'`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(ms).getUTCDate() !== Number(match[3])) throw fail('day is out of range for month');
  return ms;
}

/**
 * One object per day with spend, then zero-filled days up to end_date. LiteLLM puts each key's
 * spend at the top level under its hash; `api_keys` groups the same numbers for convenience.
 */
function summarizeByDay(rows: SpendLogRow[], endDay: number): DaySummary[] {
  const days = new Map<string, DaySummary>();
  for (const row of rows) {
    const day = row.startTime.slice(0, 10);
    const summary = days.get(day) ?? { startTime: day, spend: 0, models: {}, users: {}, api_keys: {} };
    summary.spend += row.spend;
    summary[row.api_key] = ((summary[row.api_key] as number | undefined) ?? 0) + row.spend;
    summary.api_keys[row.api_key] = (summary.api_keys[row.api_key] ?? 0) + row.spend;
    summary.users[row.user] = (summary.users[row.user] ?? 0) + row.spend;
    summary.models[row.model] = (summary.models[row.model] ?? 0) + row.spend;
    days.set(day, summary);
  }
  const result = [...days.values()].sort((a, b) => a.startTime.localeCompare(b.startTime));
  const last = result.at(-1);
  if (last) {
    for (let day = Date.parse(last.startTime) + DAY; day <= endDay; day += DAY) {
      result.push({ startTime: new Date(day).toISOString().slice(0, 10), spend: 0, models: {}, users: {}, api_keys: {} });
    }
  }
  return result;
}
