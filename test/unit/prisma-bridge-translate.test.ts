import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDatamodel } from '../real-litellm/engine/datamodel.ts';
import { stringify, translateRequest, translateResponse, translateResponseText, TranslationError } from '../real-litellm/engine/translate.ts';

const fixtures = new URL('../real-litellm/engine/fixtures/', import.meta.url);
const dm = parseDatamodel(readFileSync(new URL('litellm-schema.prisma', fixtures), 'utf8'));

interface Exchange { request: { query?: string; batch?: Array<{ query: string }> }; json: unknown; answer: unknown; graphql: unknown }
// Recorded from LiteLLM 1.108.7 running through the bridge (PRISMA_BRIDGE_TRACE).
const exchanges: Exchange[] = readFileSync(new URL('litellm-exchanges.jsonl', fixtures), 'utf8')
  .split('\n').filter(Boolean).map((l) => JSON.parse(l) as Exchange);

function recorded(root: string, contains = ''): Exchange {
  const found = exchanges.find((e) => {
    const text = e.request.query ?? e.request.batch?.map((b) => b.query).join('\n') ?? '';
    return text.includes(`result: ${root}\n`) && text.includes(contains);
  });
  assert.ok(found, `no recorded exchange for ${root}`);
  return found;
}

const roundTrip = (answer: unknown, request: unknown): unknown =>
  JSON.parse(stringify(translateResponse(answer, translateRequest(request, dm))));

test('key creation: Json fields become tagged Json, DateTime and BigInt are tagged, nulls and lists stay', () => {
  const ex = recorded('upsertOneLiteLLM_VerificationToken');
  const t = translateRequest(ex.request, dm);
  assert.equal(t.kind, 'single');
  if (t.kind !== 'single') return;
  assert.equal(t.body.modelName, 'LiteLLM_VerificationToken');
  assert.equal(t.body.action, 'upsertOne');
  const create = t.body.query.arguments['create'] as Record<string, unknown>;
  assert.deepEqual(create['metadata'], { $type: 'Json', value: '{"owner": "me"}' });
  assert.deepEqual(create['aliases'], { $type: 'Json', value: '{}' });
  assert.deepEqual(create['budget_reset_at'], { $type: 'DateTime', value: '2027-01-01T00:00:00+00:00' });
  assert.deepEqual(create['tpm_limit'], { $type: 'BigInt', value: '1000' });
  assert.equal(create['max_budget'], 10);
  assert.equal(create['expires'], null);
  assert.deepEqual(create['models'], ['fake-gpt']);
  assert.deepEqual(create['allowed_routes'], []);
  assert.deepEqual(t.body.query.arguments['update'], {});
  const sel = t.body.query.selection;
  assert.equal(sel['token'], true);
  assert.deepEqual(Object.keys(sel['litellm_budget_table'] as object), ['selection']);
  assert.equal((sel['litellm_budget_table'] as { selection: Record<string, unknown> }).selection['max_budget'], true);
});

test('key answers come back the way the native GraphQL engine wrote them', () => {
  const ex = recorded('findUniqueLiteLLM_VerificationToken', 'litellm_budget_table {');
  const out = roundTrip(ex.answer, ex.request) as { data: Record<string, Record<string, unknown>> };
  assert.deepEqual(Object.keys(out.data), ['result']);
  const key = out.data['result']!;
  assert.equal(key['metadata'], '{"owner":"me"}'); // Json as text: pydantic's Json parses it
  assert.equal(key['tpm_limit'], 1000);
  assert.match(key['created_at'] as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
  assert.equal(key['litellm_budget_table'], null);
});

test('typed values: BigInt keeps every digit, Decimal is a number, whole-second DateTime has no fraction', () => {
  const request = { query: 'query {\n  result: findUniqueLiteLLM_Config\n  (\n    where: {\n      param_name: "x"\n    }\n  )\n  {\n    param_name\n    param_value\n    reload_revision\n    last_run_at\n  }\n}', variables: {} };
  const answer = { data: { findUniqueLiteLLM_Config: {
    param_name: 'x',
    param_value: { $type: 'Json', value: '{"a":[1,2]}' },
    reload_revision: { $type: 'BigInt', value: '9007199254740993' },
    last_run_at: { $type: 'DateTime', value: '2026-01-02T03:04:05.000Z' },
  } } };
  const text = stringify(translateResponse(answer, translateRequest(request, dm)));
  assert.equal(text, '{"data":{"result":{"param_name":"x","param_value":"{\\"a\\":[1,2]}","reload_revision":9007199254740993,"last_run_at":"2026-01-02T03:04:05+00:00"}}}');
  const decimal = translateResponse({ data: { findUniqueLiteLLM_Config: { v: { $type: 'Decimal', value: '1.25' } } } }, translateRequest(request, dm));
  assert.deepEqual(decimal, { data: { result: { v: 1.25 } } });
  assert.throws(() => translateResponse({ data: { findUniqueLiteLLM_Config: { v: { $type: 'Mystery', value: '' } } } }, translateRequest(request, dm)), /unknown typed value \$type=Mystery/);
});

test('spend flush batch: BigInt increments tagged, transaction kept, every answer renamed to result', () => {
  const ex = recorded('upsertOneLiteLLM_DailyModelUsage');
  const t = translateRequest(ex.request, dm);
  assert.equal(t.kind, 'batch');
  if (t.kind !== 'batch') return;
  assert.deepEqual(t.body.transaction, {});
  assert.equal(t.body.batch[0]!.action, 'executeRaw');
  const update = t.body.batch[1]!.query.arguments['update'] as Record<string, unknown>;
  assert.deepEqual(update['spend'], { increment: 9.7e-5 });
  assert.deepEqual(update['prompt_tokens'], { increment: { $type: 'BigInt', value: '17' } });
  const where = t.body.batch[1]!.query.arguments['where'] as Record<string, Record<string, unknown>>;
  assert.equal(where['date_model_group_model_custom_llm_provider_task_type']!['model'], 'openai/fake-gpt');
  const out = roundTrip(ex.answer, ex.request) as { batchResult: Array<{ data: { result: Record<string, unknown> | number } }> };
  assert.equal(out.batchResult[0]!.data.result, 1);
  assert.equal((out.batchResult[1]!.data.result as Record<string, unknown>)['prompt_tokens'], 17);
});

test('raw SQL: arguments pass through, and rows are returned untouched (no $type unwrapping of user JSON)', () => {
  const ex = recorded('queryRaw', 'to_regclass');
  const t = translateRequest(ex.request, dm);
  assert.deepEqual(t.kind === 'single' && t.body, {
    action: 'queryRaw',
    query: { arguments: { query: 'SELECT to_regclass($1) IS NOT NULL AS present', parameters: '["\\"LiteLLM_SpendLogs\\""]' }, selection: {} },
  });
  const raw = { columns: ['j'], types: ['json'], rows: [[{ $type: 'DateTime', value: 'user data' }]] };
  assert.deepEqual(roundTrip({ data: { queryRaw: raw } }, ex.request), { data: { result: raw } });
});

test('count and filters: OR lists, not-null, _count selection', () => {
  const ex = recorded('aggregateLiteLLM_VerificationToken');
  const t = translateRequest(ex.request, dm);
  assert.deepEqual(t.kind === 'single' && t.body.query, {
    arguments: { where: { OR: [{ team_id: null }, { team_id: { not: 'litellm-dashboard' } }] } },
    selection: { _count: { selection: { _all: true } } },
  });
  assert.deepEqual(roundTrip(ex.answer, ex.request), { data: { result: { _count: { _all: 2 } } } });
});

test('DateTime filters and orderBy directions: values tagged, direction strings left alone', () => {
  const q = `query {\n  result: findManyLiteLLM_VerificationToken\n  (\n    where: {\n      expires: {\n        gt: "2026-01-01T00:00:00+00:00"\n        in: [,\n          "2026-02-01T00:00:00+00:00",\n        ]\n      }\n      metadata: {\n        path: [,\n          "a",\n        ]\n        equals: "1"\n      }\n    }\n    orderBy: [,\n      {\n        created_at: "desc"\n      },\n    ]\n    take: 5\n  )\n  {\n    token\n  }\n}`;
  const t = translateRequest({ query: q, variables: {} }, dm);
  assert.deepEqual(t.kind === 'single' && t.body.query.arguments, {
    where: {
      expires: { gt: { $type: 'DateTime', value: '2026-01-01T00:00:00+00:00' }, in: [{ $type: 'DateTime', value: '2026-02-01T00:00:00+00:00' }] },
      metadata: { path: ['a'], equals: { $type: 'Json', value: '1' } },
    },
    orderBy: [{ created_at: 'desc' }],
    take: 5,
  });
});

test('OrThrow variants and relation selections with arguments map to JSON-protocol shapes', () => {
  const q = 'query {\n  result: findUniqueLiteLLM_TeamTableOrThrow\n  (\n    where: {\n      team_id: "t"\n    }\n  )\n  {\n    team_id\n    litellm_model_table {\n      id\n    }\n  }\n}';
  const t = translateRequest({ query: q, variables: {} }, dm);
  assert.equal(t.kind === 'single' && t.body.action, 'findUniqueOrThrow');
  assert.equal(t.kind === 'single' && t.body.modelName, 'LiteLLM_TeamTable');
  assert.deepEqual(t.kind === 'single' && t.body.query.selection, { team_id: true, litellm_model_table: { selection: { id: true } } });
  const answer = { data: { findUniqueLiteLLM_TeamTableOrThrow: { team_id: 't', litellm_model_table: null } } };
  assert.deepEqual(translateResponse(answer, t), { data: { result: { team_id: 't', litellm_model_table: null } } });
});

test('engine errors pass through unchanged so prisma-client-py maps P2002/P2025', () => {
  const ex = recorded('findUniqueLiteLLM_Config');
  const errors = { errors: [{ error: 'x', user_facing_error: { is_panic: false, message: 'Unique constraint failed on the fields: (`param_name`)', meta: { target: ['param_name'] }, error_code: 'P2002' } }] };
  assert.deepEqual(roundTrip(errors, ex.request), errors);
});

test('unknown models, actions and GraphQL variables are refused by name', () => {
  const q = (root: string): { query: string } => ({ query: `query {\n  result: ${root}\n  {\n    id\n  }\n}` });
  assert.throws(() => translateRequest(q('findManyNoSuchModel'), dm), (e: unknown) => e instanceof TranslationError && /findManyNoSuchModel/.test(e.message));
  assert.throws(() => translateRequest(q('frobnicateLiteLLM_TeamTable'), dm), /cannot map GraphQL field frobnicateLiteLLM_TeamTable/);
  assert.throws(() => translateRequest({ ...q('findManyLiteLLM_TeamTable'), variables: { a: 1 } }, dm), /variables are not supported/);
  assert.throws(() => translateRequest({ foo: 1 }, dm), /neither "query" nor "batch"/);
  assert.throws(() => translateRequest({ query: 'mutation {\n  result: executeRaw\n  (\n    query: "x"\n    timeout: 5\n  )\n}' }, dm), /unknown executeRaw argument timeout/);
});

test('every recorded LiteLLM exchange translates to the recorded JSON body and GraphQL answer', () => {
  assert.ok(exchanges.length > 50);
  for (const ex of exchanges) {
    const t = translateRequest(ex.request, dm);
    assert.deepEqual(t.body, ex.json, ex.request.query?.slice(0, 120));
    const out = stringify(translateResponse(ex.answer, t));
    assert.doesNotMatch(out.replace(/"result":\{"columns"[\s\S]*$/, ''), /"\$type"/);
    assert.deepEqual(JSON.parse(out), ex.graphql);
  }
});

test('raw answers are spliced verbatim so floats like 0.0 stay floats for Python', () => {
  const t = translateRequest({ query: 'mutation {\n  result: queryRaw\n  (\n    query: "SELECT SUM(spend) AS s"\n    parameters: "[]"\n  )\n}', variables: {} }, dm);
  const answer = '{"data":{"queryRaw":{"columns":["s"],"types":["double"],"rows":[[0.0]]}}}';
  assert.equal(translateResponseText(answer, t), '{"data":{"result":{"columns":["s"],"types":["double"],"rows":[[0.0]]}}}');
  const failed = '{"errors":[{"error":"x","user_facing_error":{"is_panic":false,"message":"m","meta":{},"error_code":"P2010"}}]}';
  assert.deepEqual(JSON.parse(translateResponseText(failed, t)), JSON.parse(failed));
});
