// GET /key/list for the fake LiteLLM: filters, sorting and paging as _list_key_helper() does them,
// and the scoping of non-admin callers from validate_key_list_check().
import type { Caller } from './auth.ts';
import type { RouteContext, ServerState } from './context.ts';
import { dictError, proxyError, type JsonReply } from './errors.ts';
import { fullView } from './key-fields.ts';
import type { KeyRecord, KeyStore } from './store.ts';
import { queryBool, queryInt } from './validation.ts';

const SORT_COLUMNS = ['spend', 'max_budget', 'created_at', 'updated_at', 'token', 'key_alias'] as const;
type SortColumn = (typeof SORT_COLUMNS)[number];

export function listKeys(ctx: RouteContext, state: ServerState): JsonReply {
  const { query } = ctx;
  const page = queryInt(query, 'page', 1, { ge: 1 });
  const size = queryInt(query, 'size', 10, { ge: 1, le: 100 });
  const returnFull = queryBool(query, 'return_full_object', false);
  const userId = ctx.caller.admin ? query['user_id'] : ownUserId(ctx.caller, query['user_id']);
  const sort = sortSpec(query['sort_by'], query['sort_order'] ?? 'desc');

  const matches = state.store.list().filter(
    (r) =>
      (!userId || r.user_id === userId) &&
      (!query['team_id'] || r.team_id === query['team_id']) &&
      (!query['key_alias'] || r.key_alias === query['key_alias']) &&
      (!query['key_hash'] || r.token === query['key_hash']),
  );
  const sorted = matches.sort(comparator(state.store, sort));
  const pageRows = sorted.slice((page - 1) * size, page * size);
  return {
    status: 200,
    body: {
      keys: pageRows.map((r) => (returnFull ? fullView(r) : r.token)),
      total_count: matches.length,
      current_page: page,
      total_pages: Math.ceil(matches.length / size),
    },
  };
}

/** A non-admin lists only its own user's keys, and needs a user_id to do so at all. */
function ownUserId(caller: Caller, asked: string | undefined): string {
  if (caller.userId === null) {
    throw proxyError(
      403,
      "You are not authorized to access this endpoint. No 'user_id' is associated with your API key.",
      'bad_request_error',
      'user_id',
    );
  }
  if (asked && asked !== caller.userId) {
    throw proxyError(403, "You are not authorized to check another user's keys", 'bad_request_error', 'user_id');
  }
  return caller.userId;
}

function sortSpec(sortBy: string | undefined, sortOrder: string): { column: SortColumn; desc: boolean } {
  if (sortBy === undefined) return { column: 'created_at', desc: true };
  if (!(SORT_COLUMNS as readonly string[]).includes(sortBy)) {
    throw dictError(400, `Invalid sort column. Must be one of: ${SORT_COLUMNS.join(', ')}`);
  }
  const order = sortOrder.toLowerCase();
  if (order !== 'asc' && order !== 'desc') throw dictError(400, "Invalid sort order. Must be 'asc' or 'desc'");
  return { column: sortBy as SortColumn, desc: order === 'desc' };
}

/**
 * Postgres ordering: NULLs count as larger than any value. Ties go to the later-created key
 * (LiteLLM falls back to token order, which is effectively random for tests).
 */
function comparator(store: KeyStore, sort: { column: SortColumn; desc: boolean }) {
  const value = (r: KeyRecord): number | string | null => {
    const v = r[sort.column];
    return sort.column === 'created_at' || sort.column === 'updated_at' ? Date.parse(v as string) : v;
  };
  return (a: KeyRecord, b: KeyRecord): number => {
    const [va, vb] = [value(a), value(b)];
    let cmp = 0;
    if (va === null || vb === null) cmp = va === vb ? 0 : va === null ? 1 : -1;
    else cmp = va < vb ? -1 : va > vb ? 1 : 0;
    if (sort.desc) cmp = -cmp;
    return cmp !== 0 ? cmp : store.rank(b) - store.rank(a);
  };
}
