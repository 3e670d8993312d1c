// The fake LiteLLM's /key/* endpoints, following key_management_endpoints.py: checks in the same
// order, the same statuses, and each handler's own way of wrapping errors.
import { owns } from './auth.ts';
import { keyOwnerFor, roleOf } from './people.ts';
import { NOT_PREMIUM, type RouteContext, type ServerState } from './context.ts';
import { PyValueError, expiresAt } from './durations.ts';
import { ApiError, dictError, proxyError, validationError, type JsonReply } from './errors.ts';
import { changesFrom, fullView, generateView, infoView } from './key-fields.ts';
import { maskEdges, pyFloat, pyIso } from './python.ts';
import { buildRecord, newSecret, syncBudgetTable, tokenOf, type KeyRecord } from './store.ts';
import { BLOCK_SPEC, DELETE_SPEC, GENERATE_SPEC, REGENERATE_SPEC, UPDATE_SPEC, validateBody } from './validation.ts';

const ok = (body: unknown): JsonReply => ({ status: 200, body });

/** constants.py: MINIMUM_CUSTOM_KEY_LENGTH, 16 unless the env sets it (#33462). */
const MINIMUM_CUSTOM_KEY_LENGTH = 16;

/** A ValueError escaping a handler: handle_exception_on_proxy() makes it a 500 with its text. */
function valueErrorAs500<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof PyValueError) throw proxyError(500, error.message, 'internal_server_error');
    throw error;
  }
}

function rejectNegativeBudget(fields: Record<string, unknown>, wrap: (status: number, message: string) => ApiError): void {
  for (const name of ['max_budget', 'soft_budget']) {
    const value = fields[name];
    if (typeof value === 'number' && value < 0) throw wrap(400, `${name} cannot be negative. Received: ${pyFloat(value)}`);
  }
}

/** 1.110: tpm_limit / rpm_limit are declared ge=0, so a negative one fails validation (422). */
function rejectNegativeLimits(state: ServerState, fields: Record<string, unknown>): void {
  if (!state.quirks.negativeLimitsRefused) return;
  const bad = ['tpm_limit', 'rpm_limit'].filter((name) => typeof fields[name] === 'number' && (fields[name] as number) < 0);
  if (bad.length === 0) return;
  throw validationError(bad.map((name) => ({
    type: 'greater_than_equal', loc: ['body', name], msg: 'Input should be greater than or equal to 0', input: fields[name], ctx: { ge: 0 },
  })));
}

function rejectTakenAlias(state: ServerState, alias: unknown, exceptToken?: string): void {
  if (typeof alias === 'string' && state.store.aliasTaken(alias, exceptToken)) {
    throw proxyError(
      400,
      `Key with alias '${alias}' already exists. Unique key aliases across all keys are required.`,
      'bad_request_error',
      'key_alias',
    );
  }
}

export function generateKey(ctx: RouteContext, state: ServerState): JsonReply {
  const fields = validateBody(ctx.json, GENERATE_SPEC);
  for (const name of state.quirks.generateIgnores ?? []) delete fields[name]; // pydantic drops unknown fields
  rejectNegativeLimits(state, fields);
  // 1.110: the admin's default allowed_routes reach a key made without key_type ("default" opts out).
  const defaultRoutes = state.quirks.defaultAllowedRoutes;
  if (defaultRoutes && fields['key_type'] == null && fields['allowed_routes'] == null) fields['allowed_routes'] = [...defaultRoutes];
  const now = state.now();
  rejectNegativeBudget(fields, (status, message) => dictError(status, message));
  rejectTakenAlias(state, fields['key_alias']);
  const key = state.quirks.ignoreChosenKey ? undefined : fields['key'];
  if (typeof key === 'string') rejectCustomKey(state);
  if (typeof key === 'string' && !key.startsWith('sk-')) {
    throw dictError(400, `Invalid key format. LiteLLM Virtual Key must start with 'sk-'. Received: ${maskEdges(key)}`);
  }
  if (typeof key === 'string' && key.length < MINIMUM_CUSTOM_KEY_LENGTH) {
    throw dictError(400, `Invalid key format. LiteLLM Virtual Key must be at least ${MINIMUM_CUSTOM_KEY_LENGTH} characters long.`);
  }
  const owner = keyOwnerFor(ctx, state, fields);
  const changes = { ...valueErrorAs500(() => changesFrom(fields, { now, mode: 'generate', enterprise: state.enterprise, metadata: {} })), ...owner };
  if (typeof key === 'string' && state.store.find(key)) {
    throw dictError(500, 'Internal Server Error.'); // the unique-token violation, as generate_key_helper_fn reports it
  }
  const record = buildRecord(
    { ...changes, key: typeof key === 'string' ? key : state.quirks.madeSecret?.(), created_by: ctx.caller.userId, updated_by: ctx.caller.userId },
    now,
  );
  return ok(generateView(state.store.insert(record)));
}

/**
 * 1.108.7's keeps_due_budget_reset (common_utils/timezone_utils.py): the same duration sent again
 * keeps a reset that is already due, so the pending reset still happens. 1.110 recomputes it.
 */
function keepsDueBudgetReset(asked: unknown, record: KeyRecord, now: Date): boolean {
  if (record.budget_reset_at === null || asked !== record.budget_duration) return false;
  return Date.parse(record.budget_reset_at) <= now.getTime();
}

export function keyInfo(ctx: RouteContext, state: ServerState): JsonReply {
  const asked = ctx.query['key'];
  if (state.quirks.keyInfoByHash && !asked) throw dictError(400, 'No key passed in.');
  const lookup = asked ?? ctx.caller.token; // without ?key LiteLLM looks up the caller's own token
  // 1.110 answers the key as its hash, whatever was asked with; 1.108.7 echoes what was asked.
  const echoed = (record: KeyRecord) => (state.quirks.keyInfoByHash ? record.token : asked ?? lookup);
  const record = lookup ? state.store.find(lookup) : undefined;
  if (!record) {
    // The newest info_key_fn falls back to the LiteLLM_DeletedVerificationToken archive.
    const deleted = lookup && (state.quirks.deletedKeys ?? 'archived') === 'archived' ? state.store.findDeleted(lookup) : undefined;
    if (deleted && owns(ctx.caller, deleted)) return ok({ key: echoed(deleted), info: { ...infoView(deleted), status: 'deleted' } });
    throw proxyError(404, 'Key not found in database', 'not_found_error', 'key');
  }
  if (!owns(ctx.caller, record)) {
    throw proxyError(403, "You are not allowed to access this key's info. Your role=internal_user", 'internal_server_error');
  }
  return ok({ key: echoed(record), info: { ...infoView(record), status: keyStatus(record, state.now()) } });
}

export function updateKey(ctx: RouteContext, state: ServerState): JsonReply {
  const fields = validateBody(ctx.json, UPDATE_SPEC, { required: ['key'] });
  rejectNegativeLimits(state, fields);
  // /key/update reports every failure as type auth_error, and other exceptions as 400s.
  const updateError = (status: number, message: string) => proxyError(status, message, 'auth_error');
  rejectNegativeBudget(fields, (status, message) => dictError(status, message, 'auth_error'));
  const asked = fields['key'] as string;
  const record = state.store.find(asked);
  if (!record) {
    // LiteLLM's own (misleading) text for an unknown key.
    throw dictError(404, `Team not found, passed team_id=${pyNone(fields['team_id'])}`, 'auth_error');
  }
  if (!owns(ctx.caller, record)) {
    throw updateError(403, `User can only create keys for themselves. Got user_id=${pyNone(record.user_id)}, Your ID=${pyNone(ctx.caller.userId)}`);
  }
  // 1.108.7: an owner may rename a key or change its metadata, not its budget or spend.
  const adminOnlyFields = ['max_budget', 'spend'].filter((name) => fields[name] !== undefined && fields[name] !== null);
  if (!ctx.caller.admin && adminOnlyFields.length) {
    throw dictError(403, `Only proxy admins, team admins, or org admins can call /key/update (max_budget/spend). user_role=${roleOf(state, ctx.caller.userId)}, user_id=${ctx.caller.userId}`, 'auth_error');
  }
  const now = state.now();
  let changes: Partial<KeyRecord>;
  try {
    changes = changesFrom(fields, { now, mode: 'update', enterprise: state.enterprise, metadata: record.metadata });
  } catch (error) {
    if (error instanceof PyValueError) throw updateError(400, `Authentication Error, ${error.message}`);
    throw error;
  }
  rejectTakenAlias(state, changes.key_alias, record.token);
  if (!state.quirks.budgetResetRecomputed && keepsDueBudgetReset(fields['budget_duration'], record, now)) delete changes.budget_reset_at;
  // LiteLLM always rewrites metadata (the stored one when none was sent) and echoes what it wrote.
  const written = { metadata: record.metadata, ...changes };
  Object.assign(record, written, { updated_at: pyIso(now), updated_by: ctx.caller.userId });
  syncBudgetTable(record);
  return ok({ key: asked, ...written, token: record.token });
}

export function deleteKeys(ctx: RouteContext, state: ServerState): JsonReply {
  const fields = validateBody(ctx.json, DELETE_SPEC);
  const keys = fields['keys'] as string[] | null | undefined;
  const aliases = fields['key_aliases'] as string[] | null | undefined;
  if (!keys?.length && !aliases?.length) {
    throw validationError([
      {
        type: 'value_error',
        loc: ['body'],
        msg: "Value error, At least one of 'keys' or 'key_aliases' must be provided.",
        input: ctx.json,
        ctx: { error: {} },
      },
    ]);
  }
  // `keys` wins when both are sent.
  const found = keys?.length
    ? state.store.list().filter((r) => keys.map(tokenOf).includes(r.token))
    : state.store.list().filter((r) => r.key_alias !== null && aliases!.includes(r.key_alias));
  if (found.length === 0) throw dictError(404, 'No keys found');
  if (found.some((record) => !owns(ctx.caller, record))) throw dictError(403, 'You are not authorized to delete this key');
  state.store.remove(new Set(found.map((r) => r.token)), ctx.caller.userId);
  return ok({ deleted_keys: keys?.length ? keys : aliases });
}

export function regenerateKey(ctx: RouteContext, state: ServerState): JsonReply {
  const fields = validateBody(ctx.json, REGENERATE_SPEC, { optional: true });
  if (!state.enterprise) {
    throw proxyError(500, `Regenerating Virtual Keys is an Enterprise feature, ${NOT_PREMIUM}`, 'internal_server_error');
  }
  const asked = (fields['key'] as string | null | undefined) || ctx.params[0];
  if (!asked) throw dictError(400, 'No key passed in.');
  const record = state.store.find(asked);
  if (!record) throw dictError(404, `Key ${asked} not found.`);
  if (!owns(ctx.caller, record)) throw dictError(403, 'You are not authorized to regenerate this key');
  const newKey = regeneratedSecret(state.quirks.ignoreChosenKey ? undefined : fields['new_key'], state);
  const now = state.now();
  const changes = valueErrorAs500(() => changesFrom(fields, { now, mode: 'update', enterprise: true, metadata: record.metadata }));
  rejectTakenAlias(state, changes.key_alias, record.token);
  Object.assign(record, changes, { updated_at: pyIso(now), updated_by: ctx.caller.userId });
  // Without grace_period in the body, the proxy's LITELLM_KEY_ROTATION_GRACE_PERIOD applies.
  const grace = fields['grace_period'] ?? state.quirks.rotationGracePeriod ?? undefined;
  state.store.rotate(record, newKey ?? state.quirks.madeSecret?.() ?? newSecret(), graceUntil(grace, now));
  return ok(generateView(record));
}

function regeneratedSecret(newKey: unknown, state: ServerState): string | undefined {
  if (typeof newKey !== 'string') return undefined;
  rejectCustomKey(state);
  if (!newKey.startsWith('sk-')) {
    throw dictError(
      400,
      "New key must start with 'sk-'. This is to distinguish a key hash (used by litellm for logging / internal logic) from the actual key.",
    );
  }
  if (state.store.find(newKey)) throw dictError(500, 'Internal Server Error.');
  return newKey;
}

/** _check_custom_key_allowed (PR #23812): with disable_custom_api_keys even the master key may not choose. */
function rejectCustomKey(state: ServerState): void {
  if (state.quirks.disableCustomApiKeys) {
    throw dictError(403, 'Custom API key values are disabled by your administrator. Keys must be auto-generated.');
  }
}

/** _derive_key_status: "revoked" when blocked, "expired" past expiry, else "active". */
function keyStatus(record: KeyRecord, now: Date): string {
  if (record.blocked === true) return 'revoked';
  if (record.expires !== null && Date.parse(record.expires) <= now.getTime()) return 'expired';
  return 'active';
}

/** grace_period keeps the old secret valid; LiteLLM ignores a malformed or zero one. */
function graceUntil(gracePeriod: unknown, now: Date): Date | null {
  if (typeof gracePeriod !== 'string' || gracePeriod === '') return null;
  try {
    const until = expiresAt(gracePeriod, now);
    return until.getTime() > now.getTime() ? until : null;
  } catch {
    return null;
  }
}

/** POST /key/block and /key/unblock (admin-only at the route level). */
export function setBlocked(blocked: boolean) {
  return (ctx: RouteContext, state: ServerState): JsonReply => {
    const fields = validateBody(ctx.json, BLOCK_SPEC, { required: ['key'] });
    const key = fields['key'] as string;
    if (!key.startsWith('sk-') && !/^[0-9a-f]{64}$/.test(key)) {
      throw proxyError(400, 'Invalid key format.', 'bad_request_error', 'key');
    }
    const record = state.store.find(key);
    if (!record) throw proxyError(404, `Key ${key} not found`, 'bad_request_error', 'key');
    record.blocked = blocked;
    record.updated_at = pyIso(state.now());
    return ok(fullView(record));
  };
}

/** Python's str() of an optional value, as it lands in f-strings. */
function pyNone(value: unknown): string {
  return value === null || value === undefined ? 'None' : String(value);
}
