// Version- and setting-dependent answers of the fake LiteLLM that are not one endpoint's business:
// readiness shapes, a proxy without a database, and the status of budget errors. Each follows
// LiteLLM 1.108.7's source (file named at each function); docs/compatibility.md lists them.
import { roleOf } from './people.ts';
import type { RouteContext, ServerState } from './context.ts';
import { ApiError, dictError, proxyError, type JsonReply } from './errors.ts';
import type { LiteLLMQuirks } from './types.ts';

const LITELLM_VERSION = '1.84.0';

/**
 * GET /health/readiness (proxy/health_endpoints/_health_endpoints.py). 1.84+ answers the public
 * {status: "healthy", db} and flips to 503 when a configured database is not connected; the
 * status stays "healthy" even then. Without a database at all, db is "Not connected" and 200.
 */
export function readiness(state: ServerState): JsonReply {
  const { readinessShape = 'modern', databaseDown = false, noDatabase = false } = state.quirks;
  const db = noDatabase ? 'Not connected' : databaseDown ? 'disconnected' : 'connected';
  const status = databaseDown && !noDatabase ? 503 : 200;
  if (readinessShape === 'modern') return { status, body: { status: 'healthy', db } };
  const details = { db, cache: null, litellm_version: LITELLM_VERSION, success_callbacks: [] as string[] };
  if (readinessShape === 'pre-1.84') {
    // Before 1.84 the database check was merged in: "connected" replaces "healthy".
    const version = '1.83.0';
    return { status, body: { status: db === 'connected' ? 'connected' : 'healthy', ...details, litellm_version: version, last_updated: new Date().toISOString() } };
  }
  return { status, body: { status: 'healthy', ...details } };
}

const INFO_NO_DB = 'Database not connected. Connect a database to your proxy - https://docs.litellm.ai/docs/simple_proxy#managing-auth---virtual-keys';
/** CommonProxyErrors.db_not_connected_error (types/proxy/common_proxy_errors.py). */
const GENERATE_NO_DB =
  'DB not connected. This endpoint needs a database; set DATABASE_URL to a PostgreSQL connection string (postgresql://...) to enable it. See https://docs.litellm.ai/docs/proxy/virtual_keys';

/**
 * What a management route answers the master key on a proxy without database_url
 * (management_endpoints/key_management_endpoints.py: each handler has its own words).
 * undefined: the route does not need the database.
 */
export function noDatabaseAnswer(path: string): ApiError | undefined {
  if (path === '/key/generate') return dictError(500, GENERATE_NO_DB);
  if (path === '/key/info') return proxyError(500, INFO_NO_DB, 'internal_server_error');
  if (path === '/key/list') return proxyError(500, 'Database not connected', 'internal_server_error');
  if (path === '/key/update' || path === '/key/block' || path === '/key/unblock') return dictError(500, 'Database not connected');
  if (path === '/key/delete') return proxyError(500, 'DB not connected. prisma_client is None', 'internal_server_error');
  if (/^\/key\/(?:.+\/)?regenerate$/.test(path)) return dictError(500, 'DB not connected. prisma_client is None');
  if (path === '/spend/logs') return proxyError(500, 'Database not connected', 'internal_server_error');
  return undefined;
}

/** user_api_key_auth: a key that is not the master key needs the database to be looked up. */
export const NO_CONNECTED_DB = () => proxyError(400, 'No connected db.', 'no_db_connection', null);

/** litellm.budget_exceeded_status_code: 422 in 1.108, 429 in 1.9x, 400 before. */
export function budgetExceededStatus(state: ServerState): number {
  return state.quirks.budgetExceededStatus ?? 422;
}

/**
 * GET /user/info (internal_user_endpoints.py), reduced to what tells an admin user apart:
 * user_info.user_role. A non-admin may ask only about its own user (route_checks.py).
 */
export function userInfo(ctx: RouteContext, state: ServerState): JsonReply {
  const userId = ctx.query['user_id'] ?? ctx.caller.userId;
  if (!ctx.caller.admin && userId !== ctx.caller.userId) {
    throw proxyError(403, `key not allowed to access this user's info. user_id=${userId}, key's user_id=${ctx.caller.userId}`, 'internal_server_error');
  }
  const stored = userId === null ? undefined : state.people.users.get(userId);
  const user = { max_budget: null, budget_duration: null, spend: 0, teams: [], ...stored, user_id: userId, user_role: roleOf(state, userId) };
  return { status: 200, body: { user_id: userId, user_info: user, keys: [], teams: [] } };
}

/**
 * GET /config/field/info?field_name=… (proxy_server.py get_config_general_settings), admin only.
 * It answers only the fields LiteLLM's ConfigGeneralSettings model declares; 1.108.7 declares no
 * user_api_key_cache_ttl, so it answers 400 {"detail": {"error": "Invalid field=… passed in."}}
 * (seen on the real proxy). `declaredGeneralSettings` stands for a proxy that declares and sets some.
 */
export function configFieldInfo(ctx: RouteContext, state: ServerState): JsonReply {
  const field = ctx.query['field_name'] ?? '';
  const declared = state.quirks.declaredGeneralSettings ?? {};
  if (!(field in declared)) throw new ApiError({ status: 400, body: { detail: { error: `Invalid field=${field} passed in.` } } });
  return { status: 200, body: { field_name: field, field_value: declared[field], source: 'config', editable: false } };
}

/**
 * What LiteLLM 1.108.8–1.110.2 changed (shared/litellm-api.md, round 2, item 4), all at once.
 * The admin's default allowed_routes is a setting, not a version: set defaultAllowedRoutes too.
 */
export const LITELLM_1_110: LiteLLMQuirks = {
  budgetCeilingCheck: true,
  budgetResetRecomputed: true,
  plainKeyErrors: true,
  keyInfoByHash: true,
  negativeLimitsRefused: true,
};

/** Paths whose error bodies 1.110 rewrote. */
const PLAIN_ERROR_PATHS = ['/key/update', '/key/list'];

/**
 * 1.110's /key/update and /key/list errors: the message without "Authentication Error, ", and a
 * type that follows the status (401 authentication_error, 403 permission_error, other 4xx
 * invalid_request_error, 503 no_db_connection). Other answers pass unchanged.
 */
export function plainKeyError(path: string, reply: JsonReply, state: ServerState): JsonReply {
  if (!state.quirks.plainKeyErrors || !PLAIN_ERROR_PATHS.includes(path) || reply.status < 400) return reply;
  const error = (reply.body as { error?: Record<string, unknown> } | null)?.error;
  if (!error || typeof error !== 'object') return reply;
  const message = typeof error['message'] === 'string' ? error['message'].replace(/^Authentication Error, /, '') : error['message'];
  const type = typeOfStatus(reply.status) ?? error['type'];
  return { ...reply, body: { error: { ...error, message, type } } };
}

function typeOfStatus(status: number): string | undefined {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 503) return 'no_db_connection';
  if (status >= 400 && status < 500) return 'invalid_request_error';
  return undefined;
}
