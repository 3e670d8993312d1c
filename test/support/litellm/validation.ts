// Pydantic-v2-style request validation for the fake LiteLLM: lax coercion ("5" is a fine float)
// and FastAPI's 422 detail entries ({type, loc, msg, input}) when a field has the wrong type.
import { validationError, type ValidationDetail } from './errors.ts';

export type FieldKind = 'str' | 'float' | 'int' | 'bool' | 'list' | 'strList' | 'dict' | 'keyType';
export type BodySpec = Record<string, FieldKind>;

type Coerced = { ok: true; value: unknown } | { ok: false; detail: Omit<ValidationDetail, 'loc' | 'input'> & { loc?: (string | number)[] } };

const KEY_TYPES = ['llm_api', 'management', 'read_only', 'default'];
const TRUE_WORDS = ['1', 'on', 't', 'true', 'y', 'yes'];
const FALSE_WORDS = ['0', 'off', 'f', 'false', 'n', 'no'];

const ok = (value: unknown): Coerced => ({ ok: true, value });
const fail = (type: string, msg: string, ctx?: Record<string, unknown>): Coerced => ({ ok: false, detail: ctx ? { type, msg, ctx } : { type, msg } });

function toFloat(input: unknown): Coerced {
  if (typeof input === 'number') return ok(input);
  if (typeof input === 'boolean') return ok(input ? 1 : 0);
  if (typeof input === 'string') {
    const n = Number(input.trim());
    return input.trim() !== '' && !Number.isNaN(n) ? ok(n) : fail('float_parsing', 'Input should be a valid number, unable to parse string as a number');
  }
  return fail('float_type', 'Input should be a valid number');
}

function toInt(input: unknown): Coerced {
  if (typeof input === 'number') {
    return Number.isInteger(input) ? ok(input) : fail('int_from_float', 'Input should be a valid integer, got a number with a fractional part');
  }
  if (typeof input === 'boolean') return ok(input ? 1 : 0);
  if (typeof input === 'string' && /^\s*[+-]?\d+\s*$/.test(input)) return ok(Number(input));
  if (typeof input === 'string') return fail('int_parsing', 'Input should be a valid integer, unable to parse string as an integer');
  return fail('int_type', 'Input should be a valid integer');
}

/** Also used for query parameters, which FastAPI reads with the same rules. */
export function toBool(input: unknown): Coerced {
  if (typeof input === 'boolean') return ok(input);
  if (input === 0 || input === 1) return ok(input === 1);
  if (typeof input === 'string') {
    const word = input.trim().toLowerCase();
    if (TRUE_WORDS.includes(word)) return ok(true);
    if (FALSE_WORDS.includes(word)) return ok(false);
  }
  if (typeof input === 'string' || typeof input === 'number') {
    return fail('bool_parsing', 'Input should be a valid boolean, unable to interpret input');
  }
  return fail('bool_type', 'Input should be a valid boolean');
}

function toStrList(input: unknown): Coerced {
  if (!Array.isArray(input)) return fail('list_type', 'Input should be a valid list');
  const bad = input.findIndex((item) => typeof item !== 'string');
  if (bad === -1) return ok(input);
  return { ok: false, detail: { type: 'string_type', msg: 'Input should be a valid string', loc: [bad] } };
}

function coerce(kind: FieldKind, input: unknown): Coerced {
  switch (kind) {
    case 'str':
      return typeof input === 'string' ? ok(input) : fail('string_type', 'Input should be a valid string');
    case 'float':
      return toFloat(input);
    case 'int':
      return toInt(input);
    case 'bool':
      return toBool(input);
    case 'list':
      return Array.isArray(input) ? ok(input) : fail('list_type', 'Input should be a valid list');
    case 'strList':
      return toStrList(input);
    case 'dict':
      return input !== null && typeof input === 'object' && !Array.isArray(input) ? ok(input) : fail('dict_type', 'Input should be a valid dictionary');
    case 'keyType': {
      const expected = "'llm_api', 'management', 'read_only' or 'default'";
      return typeof input === 'string' && KEY_TYPES.includes(input) ? ok(input) : fail('enum', `Input should be ${expected}`, { expected });
    }
  }
}

/**
 * Validate a JSON body against `spec` like a pydantic model whose fields are all Optional:
 * unknown fields are dropped, null is accepted, every wrong field is reported (FastAPI lists
 * them all). Returns only the fields the caller sent ("exclude_unset"), coerced.
 * `body === undefined` means no body at all; `optional` says whether the model itself may be absent.
 */
export function validateBody(body: unknown, spec: BodySpec, opts: { required?: string[]; optional?: boolean } = {}): Record<string, unknown> {
  if (body === undefined) {
    if (opts.optional) return {};
    throw validationError([{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }]);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationError([
      { type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: body },
    ]);
  }
  const input = body as Record<string, unknown>;
  const details: ValidationDetail[] = [];
  const out: Record<string, unknown> = {};
  for (const name of opts.required ?? []) {
    if (input[name] === undefined) details.push({ type: 'missing', loc: ['body', name], msg: 'Field required', input });
  }
  for (const [name, kind] of Object.entries(spec)) {
    if (!(name in input)) continue;
    const value = input[name];
    if (value === null) {
      // Required fields are `str`, not Optional[str]: None is a type error there.
      if (opts.required?.includes(name)) details.push({ type: 'string_type', loc: ['body', name], msg: 'Input should be a valid string', input: null });
      else out[name] = null;
      continue;
    }
    const result = coerce(kind, value);
    if (result.ok) out[name] = result.value;
    else {
      const { loc: inner = [], ...rest } = result.detail;
      const itemInput = inner.length > 0 && Array.isArray(value) ? value[inner[0] as number] : value;
      details.push({ ...rest, loc: ['body', name, ...inner], input: itemInput });
    }
  }
  if (details.length > 0) throw validationError(details);
  return out;
}

/** A FastAPI query parameter declared `int` with bounds, e.g. Query(10, ge=1, le=100). */
export function queryInt(query: Record<string, string>, name: string, fallback: number, bounds: { ge?: number; le?: number }): number {
  const raw = query[name];
  if (raw === undefined) return fallback;
  const parsed = toInt(raw);
  const loc = ['query', name];
  if (!parsed.ok) throw validationError([{ ...parsed.detail, loc, input: raw }]);
  const n = parsed.value as number;
  if (bounds.ge !== undefined && n < bounds.ge) {
    throw validationError([{ type: 'greater_than_equal', loc, msg: `Input should be greater than or equal to ${bounds.ge}`, input: raw, ctx: { ge: bounds.ge } }]);
  }
  if (bounds.le !== undefined && n > bounds.le) {
    throw validationError([{ type: 'less_than_equal', loc, msg: `Input should be less than or equal to ${bounds.le}`, input: raw, ctx: { le: bounds.le } }]);
  }
  return n;
}

/** A FastAPI query parameter declared `bool`. */
export function queryBool(query: Record<string, string>, name: string, fallback: boolean): boolean {
  const raw = query[name];
  if (raw === undefined) return fallback;
  const parsed = toBool(raw);
  if (!parsed.ok) throw validationError([{ ...parsed.detail, loc: ['query', name], input: raw }]);
  return parsed.value as boolean;
}

/** The fields of LiteLLM's GenerateKeyRequest that the fake understands (others are ignored). */
export const GENERATE_SPEC: BodySpec = {
  key_alias: 'str',
  duration: 'str',
  models: 'list',
  spend: 'float',
  max_budget: 'float',
  user_id: 'str',
  team_id: 'str',
  max_parallel_requests: 'int',
  metadata: 'dict',
  tpm_limit: 'int',
  rpm_limit: 'int',
  budget_duration: 'str',
  allowed_cache_controls: 'list',
  soft_budget: 'float',
  config: 'dict',
  permissions: 'dict',
  model_max_budget: 'dict',
  aliases: 'dict',
  tags: 'list',
  blocked: 'bool',
  key: 'str',
  key_type: 'keyType',
  allowed_routes: 'list',
  budget_id: 'str',
  auto_rotate: 'bool',
  rotation_interval: 'str',
};

// UpdateKeyRequest has no key_type (only GenerateKeyRequest does): the real 1.108.7 drops it from
// an update silently, as test/real/compat.test.ts showed.
const { key_type: _generateOnly, ...UPDATABLE } = GENERATE_SPEC;
export const UPDATE_SPEC: BodySpec = { ...UPDATABLE, key: 'str' };
export const REGENERATE_SPEC: BodySpec = { ...GENERATE_SPEC, key: 'str', new_key: 'str', new_master_key: 'str', grace_period: 'str' };
export const DELETE_SPEC: BodySpec = { keys: 'strList', key_aliases: 'strList' };
export const BLOCK_SPEC: BodySpec = { key: 'str' };
