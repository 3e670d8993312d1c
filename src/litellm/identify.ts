// Who a credential is on the proxy, and whether it may manage keys: the master key (or a key of a
// proxy_admin user), a user's key (internal_user: makes, reads and deletes its own keys, which the
// user's own budget caps together), or a team's service-account key (makes keys in its team once
// the team's team_member_permissions include /key/generate). Anything else is refused here with
// the reason and what to ask the admin for, checked against the real LiteLLM 1.108.7
// (test/real/users.test.ts): an llm_api key, a viewer, a key with neither user nor team.
import { UserError } from '../errors.ts';
import { formatMoney } from '../output/format.ts';
import { describePeriod } from './duration.ts';
import type { Credential, LiteLLMClient } from './client.ts';

/** The kinds of credential that manage keys (the client's Credential.kind besides 'virtual'). */
export type ManagerKind = 'master' | 'user' | 'team';

export type Identity =
  | { kind: 'master'; /** Set when it is a key of a proxy_admin user rather than the master key itself. */ user_id: string | null }
  | { kind: 'user'; user_id: string; role: string; max_budget: number | null; spend: number; budget_duration: string | null }
  | { kind: 'team'; team_id: string; team_alias: string | null; max_budget: number | null; spend: number; budget_duration: string | null };

/** Roles whose keys may call /key/generate for themselves (LitellmUserRoles in LiteLLM's _types.py). */
const KEY_MAKING_ROLES = new Set(['internal_user', 'org_admin']);
const ADMIN_ROLE = 'proxy_admin';

/** Identify the credential by asking the proxy about itself; throws `cannot_manage_keys` for one that may not make keys. */
export async function identify(client: LiteLLMClient, secret: string): Promise<Identity> {
  const asked: Credential = { secret, kind: 'virtual' };
  let info;
  try {
    info = (await client.keyInfo(asked)).info;
  } catch (error) {
    // /key/info without ?key describes a virtual key itself, and answers 404 for the master key.
    if (error instanceof UserError && error.code === 'not_found') return { kind: 'master', user_id: null };
    if (error instanceof UserError && error.code === 'route_not_allowed') throw llmApiOnly();
    if (error instanceof UserError && error.code === 'key_unknown') {
      throw new UserError(`The proxy at ${client.baseUrl} does not know this key: it is neither its master key nor a key it holds.`, {
        code: 'master_key_invalid', hint: 'Check the key: the master_key from the proxy\'s config, or the user key your admin gave you (`ollm user add` prints it).',
      });
    }
    throw error;
  }
  const keyType = info.key_type ?? null;
  if (keyType === 'llm_api') throw llmApiOnly();
  if (keyType === 'read_only') throw cannotManage('This is a read-only key (key_type "read_only"): it may read, not make keys.', 'Ask the proxy\'s admin for your user key (`ollm user add <you>` prints it), and log in with that.');
  if (info.user_id) {
    const user = await client.userInfo(asked, info.user_id);
    const role = user?.user_role ?? 'unknown';
    if (role === ADMIN_ROLE) return { kind: 'master', user_id: info.user_id };
    if (KEY_MAKING_ROLES.has(role)) {
      return { kind: 'user', user_id: info.user_id, role, max_budget: user?.max_budget ?? null, spend: user?.spend ?? 0, budget_duration: user?.budget_duration ?? null };
    }
    throw cannotManage(`This key belongs to the user "${info.user_id}", whose role ${role} may not make keys.`,
      `Ask the proxy's admin to make "${info.user_id}" an internal_user (LiteLLM's UI, or /user/update with user_role "internal_user").`);
  }
  if (info.team_id) {
    const team = await client.teamInfo(asked, info.team_id);
    const name = team.team_alias ?? info.team_id;
    if (!team.team_member_permissions.includes('/key/generate')) {
      throw cannotManage(`This is a service-account key of the team "${name}", and the team's members may not make keys (team_member_permissions: ${team.team_member_permissions.join(', ') || 'none'}).`,
        `Ask the proxy's admin to add /key/generate (and /key/info) to the team's member permissions (/team/permissions_update), or for a user key instead.`);
    }
    return { kind: 'team', team_id: info.team_id, team_alias: team.team_alias ?? null, max_budget: team.max_budget ?? null, spend: team.spend, budget_duration: team.budget_duration ?? null };
  }
  throw cannotManage('This is a virtual key with neither a user nor a team: LiteLLM lets it call models, not make keys.',
    'Ask the proxy\'s admin for your user key (`ollm user add <you>` prints the line to run), or use the master key.');
}

/** "admin (master key)", "user alice (internal_user), keys up to $20.00 a month, $3.10 spent", "team ml-platform (service account), …". */
export function describeIdentity(identity: Identity): string {
  if (identity.kind === 'master') return identity.user_id ? `admin (user ${identity.user_id}, proxy_admin)` : 'admin (master key)';
  const ceiling = identity.max_budget == null
    ? 'no budget of its own'
    : `keys up to ${formatMoney(identity.max_budget)}${identity.budget_duration ? ` ${describePeriodShort(identity.budget_duration)}` : ' in all'}`;
  const spent = `${formatMoney(identity.spend)} spent`;
  if (identity.kind === 'user') return `user ${identity.user_id} (${identity.role}), ${ceiling}, ${spent}`;
  return `team ${identity.team_alias ?? identity.team_id} (service account), ${ceiling}, ${spent}`;
}

/** The identity as `--json` shows it (docs/json.md): kind, and the user's or team's id, budget and spend. */
export function identityJson(identity: Identity): Record<string, unknown> {
  return { ...identity };
}

/** "a month" for 1mo/30d, else LiteLLM's period as ollm names it elsewhere ("every 7 days"). */
function describePeriodShort(duration: string): string {
  const named: Record<string, string> = { '1mo': 'a month', '30d': 'a month', '1d': 'a day', '24h': 'a day', '7d': 'a week', '1w': 'a week' };
  return named[duration] ?? `(${describePeriod(duration)})`;
}

function llmApiOnly(): UserError {
  return cannotManage('This key may only call models (key_type "llm_api"): LiteLLM refuses it every management route, /key/generate included.',
    'Ask the proxy\'s admin for your user key (`ollm user add <you>` prints the line to run), and log in with that; keep llm_api keys for the assistants.');
}

function cannotManage(message: string, hint: string): UserError {
  return new UserError(`${message} ollm needs a credential that can make keys.`, { code: 'cannot_manage_keys', hint });
}
