// Turns whatever a LiteLLM proxy (or something in front of it) answered into one UserError.
import { UserError } from '../errors.ts';
import { redact } from '../output/mask.ts';

/**
 * Which credential a request carried: the hints differ. master: the master key (or a proxy_admin
 * user's key); user: a user's own key (internal_user), team: a team's service-account key — both
 * manage their own keys (litellm/identify.ts); virtual: a key an assistant uses.
 */
export type CredentialKind = 'master' | 'user' | 'team' | 'virtual' | 'none';

const KEY_WORDS: Record<CredentialKind, string> = { master: 'master key', user: 'user key', team: 'service-account key', virtual: 'virtual key', none: 'key' };

export interface FailedExchange {
  method: string;
  /** Path only (never a query, which could carry a key). */
  path: string;
  proxy: string;
  status: number;
  contentType: string;
  body: string;
  credential: CredentialKind;
  location?: string | null;
  /** Secrets that must not survive into the message. */
  secrets: Array<string | undefined>;
}

interface Envelope {
  message: string;
  type: string | undefined;
}

/** Extracts LiteLLM's message from its three shapes; null when the body is not LiteLLM's JSON. */
export function readEnvelope(body: string): Envelope | null {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object') return null;
  const record = data as Record<string, unknown>;
  const error = record.error;
  if (error && typeof error === 'object') {
    const { message, type } = error as Record<string, unknown>;
    if (typeof message === 'string') return { message: unwrapPythonRepr(message), type: typeof type === 'string' ? type : undefined };
  }
  if (typeof error === 'string') return { message: unwrapPythonRepr(error), type: undefined };
  const detail = record.detail;
  if (typeof detail === 'string') return { message: detail, type: undefined };
  if (Array.isArray(detail)) return { message: describeValidationErrors(detail), type: 'validation_error' };
  // HTTPException(detail={"error": …}) as it leaves some routes untouched (1.108.7's /key/block for a user).
  if (detail && typeof detail === 'object' && typeof (detail as Record<string, unknown>).error === 'string') {
    return { message: (detail as Record<string, string>).error!, type: undefined };
  }
  return null;
}

// Management handlers wrap a Python dict: the message is literally "{'error': 'No keys found'}".
function unwrapPythonRepr(message: string): string {
  const match = /^\{\s*'(?:error|message)'\s*:\s*(['"])([\s\S]*)\1\s*\}$/.exec(message.trim());
  return match ? match[2]! : message;
}

// FastAPI 422: [{type, loc, msg, input}]. `input` is never shown: it may be a secret.
function describeValidationErrors(detail: unknown[]): string {
  const parts = detail.slice(0, 3).map((item) => {
    const entry = (item ?? {}) as Record<string, unknown>;
    const loc = Array.isArray(entry.loc) ? entry.loc.filter((p) => p !== 'body').join('.') : '';
    const msg = typeof entry.msg === 'string' ? entry.msg : 'invalid';
    return loc ? `${loc}: ${msg}` : msg;
  });
  return `the request was rejected as invalid (${parts.join('; ')})`;
}

function endWithPeriod(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Build the UserError for a non-2xx answer. */
export function errorFromResponse(ex: FailedExchange): UserError {
  const where = `${ex.method} ${ex.path}`;
  if (ex.status >= 300 && ex.status < 400) {
    const location = ex.location ? redact(ex.location, ex.secrets) : 'an unnamed location';
    return new UserError(`The proxy at ${ex.proxy} redirected ${where} to ${location}; ollm does not follow redirects with your keys.`, {
      code: 'proxy_redirect',
      hint: 'If the proxy moved, point ollm at the new address with --proxy-url or LITELLM_PROXY_URL.',
    });
  }
  const readiness = readinessRefusal(ex);
  if (readiness) return readiness;
  const envelope = readEnvelope(ex.body);
  if (!envelope) {
    const what = /html/i.test(ex.contentType) || /^\s*</.test(ex.body) ? 'an HTML page' : 'a body that is not JSON';
    return new UserError(`The proxy at ${ex.proxy} answered ${where} with HTTP ${ex.status} and ${what}, not LiteLLM's JSON.`, {
      code: 'proxy_not_litellm',
      hint: 'Check that --proxy-url points at the LiteLLM proxy itself, not at a web server or gateway in front of it.',
    });
  }
  const message = redact(envelope.message, ex.secrets);
  return classify(ex, envelope.type, message);
}

function classify(ex: FailedExchange, type: string | undefined, message: string): UserError {
  const said = `LiteLLM said: ${endWithPeriod(message)}`;
  const keyWord = KEY_WORDS[ex.credential];
  const role = roleRefusal(ex, message);
  if (role) return role;

  if (/already exists\. Unique key aliases/i.test(message)) {
    return new UserError(`A key with this alias already exists on the proxy (${ex.proxy}).`, {
      code: 'alias_taken',
      hint: 'Rotate the existing key with `ollm key rotate`, or choose another name with --alias.',
    });
  }
  if (type === 'expired_key' || /Expired Key/i.test(message)) {
    return new UserError(`The ${keyWord} has expired. ${said}`, {
      code: 'key_expired', hint: ex.credential === 'master' ? 'Use a current master key.' : 'Create a new key with `ollm key create` (or rotate it).',
    });
  }
  if (/Key is blocked/i.test(message)) {
    return new UserError(`The ${keyWord} is blocked on the proxy.`, {
      code: 'key_blocked', hint: 'An admin can unblock it (POST /key/unblock), or create a new key.',
    });
  }
  if (/Only proxy admin/i.test(message)) {
    return new UserError(`This needs the proxy's master key, but the key given is not an admin key.`, {
      code: 'not_admin', hint: 'Set LITELLM_MASTER_KEY to the master key (or run `ollm login`).',
    });
  }
  // An sk- key the proxy does not have: 1.108.7 says only "Invalid API key provided." (type
  // token_not_found_in_db), for a deleted key and a wrong master key alike; older ones named the hash.
  const unknownKey = type === 'token_not_found_in_db' || /Invalid proxy server token|Unable to find token|Invalid API key provided/i.test(message);
  if ((ex.credential === 'user' || ex.credential === 'team') && unknownKey) {
    return new UserError(`The proxy at ${ex.proxy} does not know the ${keyWord} ollm is using (deleted, or a different proxy).`, {
      code: 'credential_unknown', hint: 'Ask the proxy\'s admin for a current one (`ollm user add` prints it), then `ollm login` again.',
    });
  }
  if (/Virtual Key expected/i.test(message) || (ex.credential === 'master' && unknownKey)) {
    return new UserError(`The proxy at ${ex.proxy} rejected the master key: it is not the proxy's master key.`, {
      code: 'master_key_invalid', hint: 'Check LITELLM_MASTER_KEY (or run `ollm login` again) against the proxy\'s config.',
    });
  }
  if (unknownKey) {
    return new UserError(`The proxy at ${ex.proxy} does not know the stored virtual key (deleted, or a different proxy).`, {
      code: 'key_unknown', hint: 'Create a new one with `ollm key create`, or check --proxy-url.',
    });
  }
  if (/No api key passed/i.test(message)) {
    return new UserError(`The proxy at ${ex.proxy} requires a key and none was sent.`, {
      code: 'auth_missing', hint: 'Set LITELLM_MASTER_KEY, or run `ollm login`.',
    });
  }
  // Master key: "DB not connected" (/key/generate) or "Database not connected" (the other
  // management routes); a virtual key: 400 "No connected db." (type no_db_connection).
  if (type === 'no_db_connection' || /DB not connected|Database not connected|No connected db/i.test(message)) {
    return noDatabase(ex.proxy);
  }
  if (/Custom API key values are disabled/i.test(message)) {
    return new UserError(`The proxy at ${ex.proxy} does not let clients choose a key's secret (disable_custom_api_keys).`, { code: 'custom_keys_disabled' });
  }
  if (/Enterprise feature/i.test(message)) {
    return new UserError(`This proxy needs a LiteLLM Enterprise licence for ${ex.path}.`, { code: 'enterprise_only' });
  }
  if (type === 'budget_exceeded' || /Budget has been exceeded/i.test(message)) {
    return new UserError(`The key's budget is used up. ${said}`, {
      code: 'budget_exceeded', hint: 'Wait for the next budget reset (`ollm key info`), or raise max_budget.',
    });
  }
  if (ex.status === 401 || ex.status === 403) {
    return new UserError(`The proxy refused ${ex.method} ${ex.path} (HTTP ${ex.status}). ${said}`, {
      code: 'forbidden', hint: ex.credential === 'virtual' ? 'Use the master key (LITELLM_MASTER_KEY) for this.' : undefined,
    });
  }
  if (ex.status === 404) {
    return new UserError(`Not found on the proxy (${ex.method} ${ex.path}). ${said}`, { code: 'not_found' });
  }
  if (ex.status === 422 || ex.status === 400) {
    return new UserError(`The proxy rejected ${ex.method} ${ex.path}: ${endWithPeriod(message)}`, { code: 'bad_request' });
  }
  return new UserError(`The proxy at ${ex.proxy} failed on ${ex.method} ${ex.path} (HTTP ${ex.status}). ${said}`, {
    code: 'proxy_error', hint: ex.status >= 500 ? 'Check the proxy\'s logs; try again when it is healthy.' : undefined,
  });
}

/**
 * Refusals that come from the caller's role or ceiling, each with its own message and fix (the
 * texts of LiteLLM 1.108.7, and 1.110's ceiling check). Null for anything else.
 */
function roleRefusal(ex: FailedExchange, message: string): UserError | null {
  const askAdmin = 'Ask the proxy\'s admin to do it (with the master key), or to change your role.';
  if (/not allowed to call this route/i.test(message)) {
    return new UserError(`The ${KEY_WORDS[ex.credential]} may only call models (key_type "llm_api", or the proxy's allowed_routes for it); ${ex.path} is refused to it.`, {
      code: 'route_not_allowed', hint: 'Log in with your user key or the master key (`ollm login`) to manage keys.',
    });
  }
  if (/cannot exceed the caller'?s own max_budget/i.test(message)) {
    return new UserError(`The proxy refused the budget: it is above your own budget (the ceiling of all your keys). LiteLLM said: ${endWithPeriod(message)}`, {
      code: 'budget_above_ceiling', hint: 'Ask for less with --budget (`ollm doctor` shows your ceiling), or ask the proxy\'s admin to raise your budget.',
    });
  }
  if (/Personal key creation has been restricted/i.test(message)) {
    return new UserError(`The proxy's admin has restricted personal key creation: your user key may not make keys of its own.`, {
      code: 'personal_keys_restricted', hint: 'Ask the admin for a team service-account key with /key/generate in the team\'s member permissions, or to allow personal keys (key_generation_settings).',
    });
  }
  if (/Team member does not have permissions for endpoint/i.test(message)) {
    return new UserError(`Your team's members may not call ${ex.path} (team_member_permissions).`, {
      code: 'team_permission_refused', hint: `Ask the proxy's admin to add ${ex.path} to the team's member permissions (/team/permissions_update).`,
    });
  }
  if (/can only create keys for (themselves|their own team)/i.test(message)) {
    return new UserError(`The proxy lets your ${KEY_WORDS[ex.credential]} make keys only for yourself (or your own team). LiteLLM said: ${endWithPeriod(message)}`, {
      code: 'role_refused', hint: 'An admin (master key) can make keys for others.',
    });
  }
  if (/No 'user_id' is associated with your API key/i.test(message)) {
    return new UserError(`The proxy lets a service-account key make keys, but not list or look them up (${ex.method} ${ex.path}).`, {
      code: 'role_refused', hint: 'Use a user key (`ollm user add`) or the master key for this.',
    });
  }
  const adminsOnly = /Only proxy admins, team admins, or org admins can call (\S+?)(?: \(([^)]*)\))?\.? user_role=(\w+)/i.exec(message);
  if (adminsOnly) {
    const what = adminsOnly[2] ? `change ${adminsOnly[2].split('/').join(' or ')} with ${adminsOnly[1]}` : `call ${adminsOnly[1]}`;
    return new UserError(`Your role (${adminsOnly[3]}) may not ${what}: LiteLLM keeps that to admins.`, { code: 'role_refused', hint: askAdmin });
  }
  const onlyAdmin = /Only proxy admin can be used.*Route=(\S+?)\.? Your role=(\w+)/i.exec(message);
  if (onlyAdmin && (ex.credential === 'user' || ex.credential === 'team')) {
    const [, route, role] = onlyAdmin;
    return new UserError(`Your role (${role}) may not call ${route} on this proxy.`, {
      code: 'role_refused',
      hint: role === 'internal_user_viewer' ? 'Viewers may not make keys: ask the proxy\'s admin to make you an internal_user.' : askAdmin,
    });
  }
  return null;
}

/** The one message for a proxy without database_url, whichever route found out. */
export function noDatabase(proxy: string): UserError {
  return new UserError(`The proxy at ${proxy} has no database, so it has no virtual keys.`, {
    code: 'no_database', hint: 'Give the LiteLLM proxy a database (DATABASE_URL / general_settings.database_url) to use virtual keys; see https://docs.litellm.ai/docs/proxy/virtual_keys',
  });
}

/**
 * /health/readiness answers 503 with its own JSON, not an error envelope: {db: "disconnected"}
 * (or "stalled") when the proxy's database is unreachable, {status: "shutting_down"} while it stops.
 */
function readinessRefusal(ex: FailedExchange): UserError | null {
  if (ex.path !== '/health/readiness' || ex.status !== 503) return null;
  let body: unknown;
  try { body = JSON.parse(ex.body); } catch { return null; }
  if (!body || typeof body !== 'object') return null;
  const { status, db } = body as Record<string, unknown>;
  if (status === 'shutting_down') {
    return new UserError(`The proxy at ${ex.proxy} is shutting down.`, { code: 'proxy_shutting_down', hint: 'Try again when it has restarted.' });
  }
  if (typeof db !== 'string') return null;
  return new UserError(`The proxy at ${ex.proxy} is up, but its database is ${db === 'stalled' ? 'stalled' : 'unreachable'} (readiness says db "${db}").`, {
    code: 'proxy_database_down', hint: 'Check the database the LiteLLM proxy uses (its DATABASE_URL) and the proxy\'s logs.',
  });
}

/** A request that got no HTTP answer at all. */
export function errorFromNetwork(error: unknown, proxy: string, method: string, path: string, timeoutMs: number): UserError {
  const name = (error as Error)?.name;
  if (name === 'TimeoutError') {
    return new UserError(`The proxy at ${proxy} did not answer ${method} ${path} within ${timeoutMs / 1000} s.`, {
      code: 'proxy_timeout', hint: 'Check that the proxy is healthy, or allow more time with --timeout <seconds>.',
    });
  }
  const code = networkCode(error);
  const url = new URL(proxy);
  if (code === 'ECONNREFUSED') {
    return new UserError(`Nothing is listening at ${proxy} (connection refused).`, {
      code: 'proxy_unreachable', hint: 'Start the LiteLLM proxy, or point ollm at it with --proxy-url or LITELLM_PROXY_URL.',
    });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new UserError(`The proxy's host name "${url.hostname}" could not be resolved (DNS).`, {
      code: 'proxy_dns', hint: 'Check the spelling of --proxy-url / LITELLM_PROXY_URL and your network.',
    });
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return new UserError(`The connection to ${proxy} was cut during ${method} ${path}.`, {
      code: 'proxy_connection_reset', hint: 'Check the proxy and anything in front of it (load balancer, TLS terminator); then try again.',
    });
  }
  const detail = code ?? (error as Error)?.message ?? String(error);
  return new UserError(`Could not reach the proxy at ${proxy}: ${detail}.`, {
    code: 'proxy_unreachable', hint: 'Check --proxy-url / LITELLM_PROXY_URL and your network.',
  });
}

// fetch wraps the socket error: TypeError('fetch failed', { cause: { code } }), sometimes nested.
function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The key was refused its own `/key/info` (a key_type "llm_api" key: `route_not_allowed` since the
 * role refusals got their own code; `forbidden` on older answers): a management key can still ask.
 */
export function refusedOwnInfo(error: UserError): boolean {
  return error.code === 'forbidden' || error.code === 'route_not_allowed';
}
