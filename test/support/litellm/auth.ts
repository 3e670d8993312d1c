// Who is calling: LiteLLM's user_api_key_auth() for the fake proxy — header precedence, master
// key, virtual-key lookup, blocked/expired keys and route permissions, with LiteLLM's exact 401s.
import { proxyError } from './errors.ts';
import { abbreviateKey, maskEdges, maskUserId, pyDatetimeStr } from './python.ts';
import { NO_CONNECTED_DB } from './quirks.ts';
import { hashKey, type KeyRecord, type KeyStore } from './store.ts';
import type { LiteLLMQuirks } from './types.ts';
import { roleOf, type PeopleStore } from './people.ts';

/** The master key acts as proxy_admin with this user id. */
export const ADMIN_USER_ID = 'default_user_id';

export type Caller =
  | { admin: true; userId: string | null; token: string | null }
  | { admin: false; record: KeyRecord; userId: string | null; token: string };

/** llm: completion routes; models: /v1/models; management: everything else behind auth. */
export type RouteKind = 'llm' | 'models' | 'management';

export interface AuthEnv {
  masterKey: string | null;
  store: KeyStore;
  people: PeopleStore;
  now: () => Date;
  quirks: LiteLLMQuirks;
}

type Headers = Record<string, string | undefined>;

/**
 * The key the request carries: x-litellm-api-key > Authorization: Bearer > API-Key > x-api-key.
 * An Authorization header without a Bearer/Basic scheme yields "" (LiteLLM's _get_bearer_token).
 */
export function pickKey(headers: Headers): string | null {
  const custom = headers['x-litellm-api-key'];
  if (custom) return stripScheme(custom) ?? custom;
  const authorization = headers['authorization'];
  if (authorization) return stripScheme(authorization) ?? '';
  return headers['api-key'] || headers['x-api-key'] || null;
}

function stripScheme(value: string): string | null {
  for (const scheme of ['Bearer ', 'bearer ', 'Basic ']) {
    if (value.startsWith(scheme)) return value.slice(scheme.length);
  }
  return null;
}

/** Authenticate and check the route is open to the caller; throws the ApiError LiteLLM would send. */
export interface RouteAsked { path: string; kind: RouteKind; adminOnly: boolean; makesKeys?: boolean }

export function authenticate(env: AuthEnv, headers: Headers, route: RouteAsked): Caller {
  if (env.masterKey === null) return { admin: true, userId: ADMIN_USER_ID, token: null };
  const key = pickKey(headers);
  if (key === '') {
    throw authError('Authentication Error, Malformed API Key passed in. Ensure Key has `Bearer ` prefix.');
  }
  if (key === null) throw authError('Authentication Error, No api key passed in.');
  if (key === env.masterKey) return { admin: true, userId: ADMIN_USER_ID, token: hashKey(key) };
  if (!key.startsWith('sk-')) {
    // Raised as HTTPException(detail=...), so no "Authentication Error, " prefix here.
    throw authError(`LiteLLM Virtual Key expected. Received=${maskEdges(key)}, expected to start with 'sk-'.`);
  }
  if (env.quirks.noDatabase) throw NO_CONNECTED_DB();
  const token = hashKey(key);
  const record = env.quirks.graceBroken ? env.store.find(token) : env.store.authenticate(token);
  if (!record) {
    // 1.108.7's KeyNotFoundError (INVALID_API_KEY_ERROR_MESSAGE), for a deleted key, a never-made
    // one and a wrong master key alike: the hash is in the proxy's log only (test/real/compat.test.ts).
    throw proxyError(401, 'Authentication Error, Invalid API key provided.', 'token_not_found_in_db', 'key');
  }
  checkUsable(record, key, env.now());
  // A key whose user has user_role proxy_admin is treated as the admin (_is_user_proxy_admin).
  if (record.user_id !== null && env.quirks.adminUsers?.includes(record.user_id)) return { admin: true, userId: record.user_id, token };
  const caller: Caller = { admin: false, record, userId: record.user_id, token };
  checkRoute(env, caller, route);
  return caller;
}

function authError(message: string, status = 401): never {
  throw proxyError(status, message, 'auth_error');
}

function checkUsable(record: KeyRecord, key: string, now: Date): void {
  if (record.blocked === true) {
    authError("Authentication Error, Key is blocked. Update via `/key/unblock` if you're an admin.");
  }
  if (record.expires !== null && Date.parse(record.expires) < now.getTime()) {
    throw proxyError(
      401,
      `Authentication Error - Expired Key. Key Expiry time ${pyDatetimeStr(new Date(record.expires))} and current time ${pyDatetimeStr(now)}`,
      'expired_key',
      abbreviateKey(key),
    );
  }
}

/** RouteChecks.is_info_route: handled by the endpoints themselves. */
const INFO_ROUTES = ['/key/info', '/user/info', '/team/info'];

/** Roles whose keys may call /key/generate (LiteLLM's internal_user routes); viewers may not. */
const KEY_MAKING_ROLES = ['internal_user', 'org_admin'];

function checkRoute(env: AuthEnv, caller: Extract<Caller, { admin: false }>, route: RouteAsked): void {
  // key_type "llm_api" becomes allowed_routes=["llm_api_routes"] in LiteLLM; an admin's default
  // allowed_routes (1.110, defaultAllowedRoutes) is stored on the key itself.
  const routes = caller.record.key_type === 'llm_api' ? ['llm_api_routes'] : caller.record.allowed_routes;
  if (route.kind === 'management' && !managementAllowed(routes, route.path)) {
    authError(
      `Virtual key is not allowed to call this route. Only allowed to call routes: [${routes.map((r) => `'${r}'`).join(', ')}]. Tried to call route: ${route.path}`,
      403,
    );
  }
  // A team's service-account key (team_id, no user): /key/generate as far as the team's
  // team_member_permissions allow (default: only /key/info and /key/health).
  const team = caller.record.team_id === null ? undefined : env.people.teams.get(caller.record.team_id);
  if (route.makesKeys && caller.record.user_id === null && team) {
    const allowed = team.team_member_permissions.length ? team.team_member_permissions : ['/key/info', '/key/health'];
    if (allowed.includes('/key/generate')) return;
    throw proxyError(401, `Team member does not have permissions for endpoint: KeyManagementRoutes.KEY_GENERATE. You only have access to the following endpoints: [${allowed.map((r) => `'${r}'`).join(', ')}] for team ${team.team_id}. To create keys for this team, please ask your proxy admin to check the team member permission settings and update the settings to allow team member users to create keys.`, 'team_member_permission_error', '/key/generate');
  }
  // non_proxy_admin_allowed_routes_check: a key without a user has no role, so of the management
  // routes it may only call the info route (/key/info about itself); it cannot update or delete itself.
  if (route.kind === 'management' && caller.record.user_id === null && !INFO_ROUTES.includes(route.path)) {
    authError(
      `Authentication Error, Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=${route.path}. Your role=unknown. Your user_id=unknown`,
    );
  }
  const role = roleOf({ quirks: env.quirks, people: env.people } as Parameters<typeof roleOf>[0], caller.userId) ?? 'unknown';
  if (route.adminOnly || (route.makesKeys && !KEY_MAKING_ROLES.includes(role))) {
    authError(
      `Authentication Error, Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=${route.path}. Your role=${role}. Your user_id=${maskUserId(caller.userId ?? 'unknown')}`,
    );
  }
}

/** An empty allowed_routes allows every route; else the buckets (or the path itself) must cover it. */
function managementAllowed(routes: string[], path: string): boolean {
  if (routes.length === 0 || routes.includes('management_routes') || routes.includes(path)) return true;
  return routes.includes('info_routes') && INFO_ROUTES.includes(path);
}

/** Whether the caller may manage `record`: admin, the key itself, or a key of the same user. */
export function owns(caller: Caller, record: KeyRecord): boolean {
  if (caller.admin) return true;
  return caller.record === record || (caller.userId !== null && caller.userId === record.user_id);
}
