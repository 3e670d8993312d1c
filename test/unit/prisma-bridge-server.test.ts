import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseDatamodel } from '../real-litellm/engine/datamodel.ts';
import { createBridgeServer } from '../real-litellm/engine/server.ts';
import type { WasmQueryEngine } from '../real-litellm/engine/wasm-engine.ts';

const dm = parseDatamodel(readFileSync(new URL('../real-litellm/engine/fixtures/litellm-schema.prisma', import.meta.url), 'utf8'));

// Stands in for the wasm engine and records what the server hands it.
function fakeEngine(answers: { query?: string; start?: string; commit?: string }) {
  const calls: Array<[string, ...unknown[]]> = [];
  const engine: WasmQueryEngine = {
    connect: async () => {},
    disconnect: async () => {},
    query: async (body, _trace, txId) => { calls.push(['query', JSON.parse(body), txId]); return answers.query ?? '{}'; },
    startTransaction: async (input) => { calls.push(['start', input]); return answers.start ?? '{}'; },
    commitTransaction: async (id) => { calls.push(['commit', id]); return answers.commit ?? '{}'; },
    rollbackTransaction: async (id) => { calls.push(['rollback', id]); return '{}'; },
  };
  return { engine, calls };
}

async function withServer(engine: WasmQueryEngine, fn: (origin: string) => Promise<void>): Promise<void> {
  const server = createBridgeServer({ engine, dm });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const FIND_CONFIG = 'query {\n  result: findUniqueLiteLLM_Config\n  (\n    where: {\n      param_name: "general_settings"\n    }\n  )\n  {\n    param_name\n    param_value\n  }\n}';

test('POST / inside a transaction: JSON body and tx id reach the engine, the answer is GraphQL-shaped', async () => {
  const { engine, calls } = fakeEngine({
    start: '{"id":"cmx54kmfz0000uyyv2c21pzkb"}',
    query: '{"data":{"findUniqueLiteLLM_Config":{"param_name":"general_settings","param_value":{"$type":"Json","value":"{\\"a\\":1}"}}}}',
  });
  await withServer(engine, async (origin) => {
    assert.deepEqual(await (await fetch(`${origin}/status`)).json(), { status: 'ok' });
    const start = await fetch(`${origin}/transaction/start`, { method: 'POST', body: '{"timeout": 5000, "max_wait": 2000}' });
    assert.equal(start.status, 200);
    assert.deepEqual(await start.json(), { id: 'cmx54kmfz0000uyyv2c21pzkb' });
    const res = await fetch(origin, { method: 'POST', body: JSON.stringify({ query: FIND_CONFIG, variables: {} }), headers: { 'X-transaction-id': 'cmx54kmfz0000uyyv2c21pzkb' } });
    assert.deepEqual(await res.json(), { data: { result: { param_name: 'general_settings', param_value: '{"a":1}' } } });
    const commit = await fetch(`${origin}/transaction/cmx54kmfz0000uyyv2c21pzkb/commit`, { method: 'POST' });
    assert.equal(commit.status, 200);
  });
  assert.deepEqual(calls, [
    ['start', '{"timeout": 5000, "max_wait": 2000}'],
    ['query', { modelName: 'LiteLLM_Config', action: 'findUnique', query: { arguments: { where: { param_name: 'general_settings' } }, selection: { param_name: true, param_value: true } } }, 'cmx54kmfz0000uyyv2c21pzkb'],
    ['commit', 'cmx54kmfz0000uyyv2c21pzkb'],
  ]);
});

test('transaction ids the engine never issued are answered with P2028 and never reach it', async () => {
  const { engine, calls } = fakeEngine({});
  await withServer(engine, async (origin) => {
    const commit = await fetch(`${origin}/transaction/not-a-tx/commit`, { method: 'POST' });
    assert.equal(commit.status, 404);
    assert.equal(((await commit.json()) as { error_code: string }).error_code, 'P2028');
    const q = await fetch(origin, { method: 'POST', body: JSON.stringify({ query: FIND_CONFIG }), headers: { 'X-transaction-id': 'bogus' } });
    const body = (await q.json()) as { errors: Array<{ user_facing_error: { error_code: string } }> };
    assert.equal(body.errors[0]!.user_facing_error.error_code, 'P2028');
  });
  assert.deepEqual(calls, []);
});

test('engine transaction errors become non-2xx, as the native server sent them', async () => {
  const closed = '{"is_panic":false,"message":"Transaction API error: Transaction already closed: A commit cannot be executed on an expired transaction.","meta":{},"error_code":"P2028"}';
  const { engine } = fakeEngine({ start: '{"id":"cmx54kmfz0000uyyv2c21pzkc"}', commit: closed });
  await withServer(engine, async (origin) => {
    await fetch(`${origin}/transaction/start`, { method: 'POST', body: '{}' });
    const commit = await fetch(`${origin}/transaction/cmx54kmfz0000uyyv2c21pzkc/commit`, { method: 'POST' });
    assert.equal(commit.status, 400);
    assert.equal(await commit.text(), closed);
  });
});

test('untranslatable GraphQL is refused with a 500 naming the construct; metrics are refused, not invented', async () => {
  const { engine, calls } = fakeEngine({});
  await withServer(engine, async (origin) => {
    const res = await fetch(origin, { method: 'POST', body: JSON.stringify({ query: 'query {\n  result: findManyNope\n  {\n    id\n  }\n}', variables: {} }) });
    assert.equal(res.status, 500);
    const body = (await res.json()) as { errors: Array<{ error: string }> };
    assert.match(body.errors[0]!.error, /cannot map GraphQL field findManyNope/);
    assert.equal((await fetch(`${origin}/metrics?format=json`)).status, 501);
  });
  assert.deepEqual(calls, []);
});
