// The fake LiteLLM's users and teams (internal_user_endpoints.py, team_endpoints.py), as far as
// ollm meets them: a user's role and own budget, which caps all their keys; a team's budget and
// the routes its members (and its service-account keys) may call. Checked against the real
// 1.108.7 in test/real/users.test.ts.
import type { RouteContext, ServerState } from './context.ts';
import { dictError, proxyError, type JsonReply } from './errors.ts';
import { buildRecord } from './store.ts';
import { generateView } from './key-fields.ts';
import { pyIso } from './python.ts';

export interface FakeUser {
  user_id: string;
  user_role: string;
  max_budget: number | null;
  budget_duration: string | null;
  spend: number;
  teams: string[];
}

export interface FakeTeam {
  team_id: string;
  team_alias: string | null;
  max_budget: number | null;
  budget_duration: string | null;
  spend: number;
  /** LiteLLM's default lets members call only /key/info and /key/health. */
  team_member_permissions: string[];
}

export class PeopleStore {
  readonly users = new Map<string, FakeUser>();
  readonly teams = new Map<string, FakeTeam>();

  addUser(seed: Partial<FakeUser> & { user_id: string }): FakeUser {
    const user: FakeUser = { user_role: 'internal_user', max_budget: null, budget_duration: null, spend: 0, teams: [], ...seed };
    this.users.set(user.user_id, user);
    return user;
  }

  addTeam(seed: Partial<FakeTeam> & { team_id: string }): FakeTeam {
    const team: FakeTeam = { team_alias: null, max_budget: null, budget_duration: null, spend: 0, team_member_permissions: [], ...seed };
    this.teams.set(team.team_id, team);
    return team;
  }

  clear(): void {
    this.users.clear();
    this.teams.clear();
  }
}

/**
 * A user's role: proxy_admin for the adminUsers quirk, the stored one, else internal_user (a key
 * seeded with a user_id the fake was never told about is an ordinary user's, as it always was).
 */
export function roleOf(state: ServerState, userId: string | null): string | null {
  if (userId === null) return null;
  if (state.quirks.adminUsers?.includes(userId)) return 'proxy_admin';
  return state.people.users.get(userId)?.user_role ?? 'internal_user';
}

/** POST /user/new (admin): the user, and a key for them unless auto_create_key is false. */
export function newUser(ctx: RouteContext, state: ServerState): JsonReply {
  const body = (ctx.json ?? {}) as Record<string, unknown>;
  const userId = typeof body['user_id'] === 'string' ? body['user_id'] : `user-${state.people.users.size + 1}`;
  if (state.people.users.has(userId)) throw proxyError(409, `User with id ${userId} already exists`, 'bad_request_error');
  const user = state.people.addUser({
    user_id: userId,
    user_role: typeof body['user_role'] === 'string' ? body['user_role'] : 'internal_user_viewer',
    max_budget: typeof body['max_budget'] === 'number' ? body['max_budget'] : null,
    budget_duration: typeof body['budget_duration'] === 'string' ? body['budget_duration'] : null,
    teams: Array.isArray(body['teams']) ? body['teams'].filter((t): t is string => typeof t === 'string') : [],
  });
  if (body['auto_create_key'] === false) return { status: 200, body: { user_id: userId, key: null, max_budget: user.max_budget, budget_duration: user.budget_duration } };
  const alias = typeof body['key_alias'] === 'string' ? body['key_alias'] : null;
  // The user's own budget is on the user, not on this key (the key's max_budget stays null on 1.108.7).
  const record = state.store.insert(buildRecord({ key_alias: alias, user_id: userId, created_by: ctx.caller.userId, updated_by: ctx.caller.userId }, state.now()));
  return { status: 200, body: { ...generateView(record), user_id: userId, max_budget: user.max_budget, budget_duration: user.budget_duration } };
}

/** GET /user/list (admin). */
export function listUsers(_ctx: RouteContext, state: ServerState): JsonReply {
  const users = [...state.people.users.values()].map((u) => ({
    ...u, key_count: state.store.list().filter((k) => k.user_id === u.user_id).length, created_at: pyIso(state.now()),
  }));
  return { status: 200, body: { users, total: users.length, page: 1, page_size: 25, total_pages: 1 } };
}

/** POST /user/delete (admin): the users and their keys; 200 for ids it does not know, as LiteLLM. */
export function deleteUsers(ctx: RouteContext, state: ServerState): JsonReply {
  const ids = ((ctx.json ?? {}) as { user_ids?: unknown }).user_ids;
  if (!Array.isArray(ids)) throw proxyError(422, 'user_ids is required', 'bad_request_error');
  for (const id of ids) state.people.users.delete(String(id));
  const tokens = new Set(state.store.list().filter((k) => k.user_id !== null && ids.includes(k.user_id)).map((k) => k.token));
  if (tokens.size) state.store.remove(tokens, ctx.caller.userId);
  return { status: 200, body: ids.length };
}

/** GET /team/info: an admin, a member, or the team's own service-account key. */
export function teamInfo(ctx: RouteContext, state: ServerState): JsonReply {
  const teamId = ctx.query['team_id'] ?? '';
  const team = state.people.teams.get(teamId);
  if (!team) throw dictError(404, `Team not found, passed team_id=${teamId}`);
  if (!ctx.caller.admin && ctx.caller.record.team_id !== teamId && !state.people.users.get(ctx.caller.userId ?? '')?.teams.includes(teamId)) {
    throw dictError(403, `User=${ctx.caller.userId} not authorized to access this team=${teamId}`);
  }
  return { status: 200, body: { team_id: teamId, team_info: { ...team }, keys: [] } };
}

/**
 * What /key/generate checks for a caller that is not the admin, in 1.108.7's order and words: a
 * user makes keys only for themselves (the new key's user_id is theirs), a service-account key
 * only in its own team; `personalKeysRestricted` and the newer `budgetCeilingCheck` apply to users.
 * Returns the owner fields to set on the new key.
 */
export function keyOwnerFor(ctx: RouteContext, state: ServerState, fields: Record<string, unknown>): { user_id?: string | null; team_id?: string | null } {
  const caller = ctx.caller;
  if (caller.admin) return {};
  if (caller.userId === null) {
    const own = caller.record.team_id;
    if (fields['team_id'] !== own) throw proxyError(403, `Service account keys can only create keys for their own team. team_id=${own}`, 'internal_server_error', null);
    return { team_id: own };
  }
  if (typeof fields['user_id'] === 'string' && fields['user_id'] !== caller.userId) {
    throw proxyError(403, `User can only create keys for themselves. Got user_id=${fields['user_id']}, Your ID=${caller.userId}`, 'internal_server_error', null);
  }
  if (state.quirks.personalKeysRestricted && !fields['team_id']) {
    throw dictError(400, 'Personal key creation has been restricted by admin. Allowed roles=[\'proxy_admin\']. Your role=internal_user', 'bad_request_error');
  }
  const ceiling = state.people.users.get(caller.userId)?.max_budget ?? null;
  const asked = fields['max_budget'];
  if (state.quirks.budgetCeilingCheck && ceiling !== null && typeof asked === 'number' && asked > ceiling) {
    throw dictError(400, `max_budget (${asked}) cannot exceed the caller's own max_budget (${ceiling})`, 'bad_request_error');
  }
  return { user_id: caller.userId };
}
