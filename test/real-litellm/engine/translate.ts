// GraphQL protocol (what prisma-client-py 0.15 speaks) → JSON protocol (the only one
// compiled into the wasm engine), and the JSON-protocol answer back into the shape
// the native engine's GraphQL protocol produced.
import type { Datamodel, FieldInfo } from './datamodel.ts';
import { parseOperation, type GqlField, type GqlValue } from './graphql.ts';

/** Raised for any construct the bridge does not understand; it must surface, not be papered over. */
export class TranslationError extends Error {
  constructor(message: string) {
    super(`prisma-bridge: ${message}`);
    this.name = 'TranslationError';
  }
}

/** An integer that must reach the client digit for digit (BigInt columns can exceed 2^53). */
export class RawNumber {
  constructor(readonly text: string) {}
}

type Json = null | boolean | number | string | RawNumber | Json[] | { [k: string]: Json };

// Longest first so that e.g. `createManyAndReturn` is not read as `createMany` + model `AndReturn…`.
const MODEL_ACTIONS = [
  'createManyAndReturn', 'findUnique', 'findFirst', 'findMany', 'createOne', 'createMany', 'updateOne',
  'updateMany', 'upsertOne', 'deleteOne', 'deleteMany', 'aggregate', 'groupBy',
].sort((a, b) => b.length - a.length);
const RAW_ACTIONS = new Set(['executeRaw', 'queryRaw']);

export interface JsonQuery {
  modelName?: string;
  action: string;
  query: { arguments: Record<string, Json>; selection: Record<string, Json> };
}

export interface TranslatedQuery {
  json: JsonQuery;
  /** the GraphQL alias the client reads the answer from (`result` for prisma-client-py) */
  resultKey: string;
  raw: boolean;
}

function plain(v: GqlValue): Json {
  switch (v.kind) {
    case 'string': return v.value;
    case 'number': return Number(v.raw);
    case 'boolean': return v.value;
    case 'null': return null;
    case 'enum': return v.name;
    case 'list': return v.items.map(plain);
    case 'object': return Object.fromEntries(v.fields.map(([k, x]) => [k, plain(x)]));
  }
}

const INTEGER = /^-?\d+$/;

function scalar(v: GqlValue, field: FieldInfo): Json {
  if (field.kind !== 'scalar') return plain(v);
  const tagged = (value: string): Json => ({ $type: field.type, value });
  if (v.kind === 'string') {
    if (['Json', 'DateTime', 'Decimal', 'BigInt', 'Bytes'].includes(field.type)) return tagged(v.value);
    return v.value;
  }
  if (v.kind === 'number') {
    if (field.type === 'BigInt') {
      if (!INTEGER.test(v.raw)) throw new TranslationError(`non-integer ${v.raw} for BigInt field ${field.name}`);
      return tagged(v.raw);
    }
    if (field.type === 'Decimal') return tagged(v.raw);
    return Number(v.raw);
  }
  return plain(v);
}

// Operators whose operand is not a value of the field's own type.
const OPAQUE_OPERATORS = new Set(['mode', 'path', 'isEmpty', 'isSet', 'unset', '_count', 'string_contains', 'string_starts_with', 'string_ends_with']);
// Arguments that name fields or directions rather than carry field values.
const OPAQUE_ARGUMENTS = new Set(['orderBy', 'by', 'distinct', 'take', 'skip', 'skipDuplicates']);

function fieldValue(v: GqlValue, field: FieldInfo): Json {
  if (v.kind === 'null') return null;
  if (v.kind === 'list') return v.items.map((x) => fieldValue(x, field));
  if (v.kind === 'object') {
    // Filters (`{gt: …}`), updates (`{increment: …}`), having (`{_sum: {gt: …}}`).
    return Object.fromEntries(v.fields.map(([op, x]) => [op, OPAQUE_OPERATORS.has(op) ? plain(x) : fieldValue(x, field)]));
  }
  return scalar(v, field);
}

function modelValue(v: GqlValue, model: string, dm: Datamodel): Json {
  if (v.kind === 'list') return v.items.map((x) => modelValue(x, model, dm));
  if (v.kind !== 'object') return plain(v);
  const fields = dm.models.get(model);
  if (!fields) throw new TranslationError(`unknown model ${model}`);
  const out: Record<string, Json> = {};
  for (const [key, x] of v.fields) {
    const field = fields.get(key);
    if (OPAQUE_ARGUMENTS.has(key) && !field) out[key] = plain(x);
    else if (field?.kind === 'object') out[key] = modelValue(x, field.type, dm);
    else if (field) out[key] = fieldValue(x, field);
    // AND/OR/NOT, nested-write verbs (connect, create, where, data…), compound unique keys:
    // all of these still talk about fields of the same model.
    else out[key] = modelValue(x, model, dm);
  }
  return out;
}

function argumentsFor(args: Array<[string, GqlValue]>, model: string, dm: Datamodel): Record<string, Json> {
  const out = modelValue({ kind: 'object', fields: args }, model, dm);
  return out as Record<string, Json>;
}

function selectionFor(fields: GqlField[], model: string | null, dm: Datamodel): Record<string, Json> {
  const out: Record<string, Json> = {};
  const known = model ? dm.models.get(model) : undefined;
  for (const f of fields) {
    if (f.alias && f.alias !== f.name) throw new TranslationError(`aliased nested field ${f.alias}: ${f.name} is not supported`);
    const rel = known?.get(f.name);
    if (rel?.kind === 'object') {
      const sub: Record<string, Json> = { selection: f.selection ? selectionFor(f.selection, rel.type, dm) : { $scalars: true } };
      if (f.args.length) sub['arguments'] = argumentsFor(f.args, rel.type, dm);
      out[f.name] = sub;
    } else if (f.selection) {
      // Aggregate blocks (`_count { _all }`, `_sum { spend }`): their members are plain flags.
      if (f.args.length) throw new TranslationError(`arguments on ${f.name} are not supported`);
      out[f.name] = { selection: selectionFor(f.selection, null, dm) };
    } else {
      if (f.args.length) throw new TranslationError(`arguments on scalar ${f.name} are not supported`);
      out[f.name] = true;
    }
  }
  return out;
}

function splitFieldName(name: string, dm: Datamodel): { action: string; model?: string } {
  if (RAW_ACTIONS.has(name)) return { action: name };
  for (const action of MODEL_ACTIONS) {
    if (!name.startsWith(action)) continue;
    const rest = name.slice(action.length);
    if (dm.models.has(rest)) return { action, model: rest };
    if (rest.endsWith('OrThrow') && dm.models.has(rest.slice(0, -'OrThrow'.length))) {
      return { action: `${action}OrThrow`, model: rest.slice(0, -'OrThrow'.length) };
    }
  }
  throw new TranslationError(`cannot map GraphQL field ${name} to a model action`);
}

export function translateQuery(graphql: string, dm: Datamodel): TranslatedQuery {
  const op = parseOperation(graphql);
  if (op.fields.length !== 1) throw new TranslationError(`expected exactly one root field, got ${op.fields.length}`);
  const root = op.fields[0]!;
  const { action, model } = splitFieldName(root.name, dm);
  const resultKey = root.alias ?? root.name;
  if (!model) {
    // Raw SQL arguments are already in the JSON protocol's shape: `parameters` is a JSON string.
    const args: Record<string, Json> = {};
    for (const [k, v] of root.args) {
      if (k !== 'query' && k !== 'parameters') throw new TranslationError(`unknown ${action} argument ${k}`);
      if (v.kind !== 'string') throw new TranslationError(`${action} argument ${k} must be a string`);
      args[k] = v.value;
    }
    if (root.selection) throw new TranslationError(`${action} takes no selection set`);
    return { json: { action, query: { arguments: args, selection: {} } }, resultKey, raw: true };
  }
  return {
    json: {
      modelName: model,
      action,
      query: {
        arguments: argumentsFor(root.args, model, dm),
        selection: root.selection ? selectionFor(root.selection, model, dm) : { $scalars: true },
      },
    },
    resultKey,
    raw: false,
  };
}

function gqlDateTime(iso: string): string {
  // The native engine printed chrono's to_rfc3339: `+00:00`, and no fraction when it is zero.
  return iso.replace(/\.000Z$/, 'Z').replace(/Z$/, '+00:00');
}

function fromTyped(type: string, value: unknown): Json {
  if (typeof value !== 'string') throw new TranslationError(`typed value ${type} without a string value`);
  switch (type) {
    case 'DateTime': return gqlDateTime(value);
    // Json stays text: prisma-client-py's pydantic Json fields parse it themselves.
    case 'Json': return value;
    case 'Bytes': return value;
    case 'BigInt': return new RawNumber(value);
    // The native engine wrote Decimal as an f64.
    case 'Decimal': return Number(value);
    default: throw new TranslationError(`unknown typed value $type=${type} in engine answer`);
  }
}

export function toGraphQLValue(v: unknown): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(toGraphQLValue);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o['$type'] === 'string') return fromTyped(o['$type'], o['value']);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, toGraphQLValue(x)]));
  }
  throw new TranslationError(`unexpected ${typeof v} in engine answer`);
}

/** One JSON-protocol answer `{data: {findUniqueX: …}}` → `{data: {result: …}}`. */
export function translateAnswer(answer: unknown, q: TranslatedQuery): Json {
  const a = answer as { data?: Record<string, unknown>; errors?: unknown };
  if (a.errors !== undefined || a.data === undefined) return answer as Json;
  const keys = Object.keys(a.data);
  if (keys.length !== 1) throw new TranslationError(`expected one key in engine answer, got ${keys.join(', ')}`);
  const value = a.data[keys[0]!];
  // Raw results are {columns, types, rows} already in the shape prisma-client-py decodes;
  // rows hold user JSON, so no `$type` unwrapping may touch them.
  return { data: { [q.resultKey]: q.raw ? (value as Json) : toGraphQLValue(value) } };
}

export interface GraphQLBody { query: string; variables?: unknown }
export interface GraphQLBatch { batch: GraphQLBody[]; transaction?: boolean; isolationLevel?: string }

export type Translated =
  | { kind: 'single'; body: JsonQuery; query: TranslatedQuery }
  | { kind: 'batch'; body: { batch: JsonQuery[]; transaction?: { isolationLevel?: string } }; queries: TranslatedQuery[] };

function checkVariables(b: GraphQLBody): void {
  if (b.variables !== undefined && b.variables !== null && Object.keys(b.variables as object).length > 0) {
    throw new TranslationError('GraphQL variables are not supported');
  }
}

export function translateRequest(body: unknown, dm: Datamodel): Translated {
  if (typeof body !== 'object' || body === null) throw new TranslationError('request body is not a JSON object');
  const b = body as Partial<GraphQLBody & GraphQLBatch>;
  if (Array.isArray(b.batch)) {
    const queries = b.batch.map((item) => {
      checkVariables(item);
      return translateQuery(item.query, dm);
    });
    const out: { batch: JsonQuery[]; transaction?: { isolationLevel?: string } } = { batch: queries.map((q) => q.json) };
    if (b.transaction) out.transaction = b.isolationLevel ? { isolationLevel: b.isolationLevel } : {};
    return { kind: 'batch', body: out, queries };
  }
  if (typeof b.query !== 'string') throw new TranslationError('request has neither "query" nor "batch"');
  checkVariables(b as GraphQLBody);
  const query = translateQuery(b.query, dm);
  return { kind: 'single', body: query.json, query };
}

export function translateResponse(answer: unknown, t: Translated): Json {
  if (t.kind === 'single') return translateAnswer(answer, t.query);
  const a = answer as { batchResult?: unknown[]; errors?: unknown };
  if (!Array.isArray(a.batchResult)) return answer as Json;
  if (a.batchResult.length !== t.queries.length) throw new TranslationError('batch answer length differs from the request');
  return { batchResult: a.batchResult.map((item, i) => translateAnswer(item, t.queries[i]!)) };
}

/**
 * The GraphQL answer as text. A raw query's result is spliced through verbatim: re-encoding
 * would turn the engine's `0.0` into `0`, and Python would then see an int where the
 * native engine gave it a float.
 */
export function translateResponseText(answer: string, t: Translated): string {
  if (t.kind === 'single' && t.query.raw) {
    const m = /^\{"data":\{"(?:queryRaw|executeRaw)":([\s\S]*)\}\}$/.exec(answer);
    if (m) return `{"data":{${JSON.stringify(t.query.resultKey)}:${m[1]}}}`;
  }
  return stringify(translateResponse(JSON.parse(answer), t));
}

/** JSON.stringify, except RawNumber is written as a bare number. */
export function stringify(v: Json): string {
  if (v instanceof RawNumber) return v.text;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stringify).join(',')}]`;
  return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${stringify(x)}`).join(',')}}`;
}
