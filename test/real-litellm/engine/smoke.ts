// End-to-end check of the bridge against a real Postgres, without LiteLLM: spawns the
// launcher the way prisma-client-py does and speaks its GraphQL protocol over HTTP.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:55433/litellm node --import tsx test/real-litellm/engine/smoke.ts
// Everything lives in a throw-away Postgres schema that is dropped afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const pg = require('pg') as { Client: new (o: { connectionString: string }) => { connect(): Promise<void>; query(sql: string): Promise<unknown>; end(): Promise<void> } };

const base = process.env['DATABASE_URL'];
if (!base) throw new Error('set DATABASE_URL to a Postgres the smoke test may create a schema in');
const SCHEMA = `prisma_bridge_smoke_${process.pid}`;

const SCHEMA_PRISMA = `
datasource client {
  provider = "postgresql"
  url      = env("SMOKE_DATABASE_URL")
}

generator client {
  provider = "prisma-client-py"
}

model Item {
  id       String    @id
  meta     Json      @default("{}")
  big      BigInt?
  at       DateTime?
  tags     String[]
  amount   Float     @default(0)
}
`;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: base! });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${SCHEMA}"`);
  await admin.query(`CREATE TABLE "${SCHEMA}"."Item" (id text PRIMARY KEY, meta jsonb NOT NULL DEFAULT '{}', big bigint, at timestamp(3), tags text[], amount double precision NOT NULL DEFAULT 0)`);
  const dir = mkdtempSync(join(tmpdir(), 'prisma-bridge-smoke-'));
  const dml = join(dir, 'schema.prisma');
  writeFileSync(dml, SCHEMA_PRISMA);
  const url = new URL(base!);
  url.searchParams.set('schema', SCHEMA);
  const port = await freePort();
  const started = Date.now();
  const child = spawn(new URL('./query-engine', import.meta.url).pathname, ['-p', String(port), '--enable-metrics', '--enable-raw-queries'], {
    env: { ...process.env, PRISMA_DML_PATH: dml, SMOKE_DATABASE_URL: url.toString(), PRISMA_ENGINE_PROTOCOL: 'graphql', RUST_LOG_FORMAT: 'json' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  const post = async (path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> => {
    const res = await fetch(origin + path, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body), headers });
    return { status: res.status, json: await res.json() };
  };
  const gql = (query: string, tx?: string) => post('/', { query, variables: {} }, tx ? { 'X-transaction-id': tx } : {});
  try {
    for (;;) {
      try {
        if ((await fetch(`${origin}/status`)).ok) break;
      } catch { /* not listening yet */ }
      if (Date.now() - started > 20000) throw new Error('bridge did not come up within 20s');
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`bridge ready after ${Date.now() - started} ms`);

    const created = await gql('mutation {\n  result: createOneItem\n  (\n    data: {\n      id: "a"\n      meta: "{\\"k\\": [1, 2]}"\n      big: 9007199254740993\n      at: "2026-01-02T03:04:05.678000+00:00"\n      tags: [,\n        "x",\n      ]\n    }\n  )\n  {\n    id\n    meta\n    big\n    at\n    tags\n    amount\n  }\n}');
    assert.deepEqual(created.json, { data: { result: { id: 'a', meta: '{"k":[1,2]}', big: 9007199254740992, at: '2026-01-02T03:04:05.678+00:00', tags: ['x'], amount: 0 } } });
    // JSON.parse above rounds; the wire text must still carry every digit.
    const rawText = await (await fetch(origin, { method: 'POST', body: JSON.stringify({ query: 'query {\n  result: findUniqueItem\n  (\n    where: {\n      id: "a"\n    }\n  )\n  {\n    big\n  }\n}', variables: {} }) })).text();
    assert.equal(rawText, '{"data":{"result":{"big":9007199254740993}}}');

    const dup = await gql('mutation {\n  result: createOneItem\n  (\n    data: {\n      id: "a"\n    }\n  )\n  {\n    id\n  }\n}');
    assert.equal(dup.json.errors[0].user_facing_error.error_code, 'P2002');
    const missing = await gql('mutation {\n  result: updateOneItem\n  (\n    where: {\n      id: "nope"\n    }\n    data: {\n      amount: 1\n    }\n  )\n  {\n    id\n  }\n}');
    assert.equal(missing.json.errors[0].user_facing_error.error_code, 'P2025');

    // Interactive transaction: a rolled-back write disappears, a committed one stays.
    for (const [verb, expected] of [['rollback', 0], ['commit', 1]] as const) {
      const start = await post('/transaction/start', { timeout: 5000, max_wait: 2000 });
      assert.equal(start.status, 200);
      const tx = start.json.id as string;
      const w = await gql(`mutation {\n  result: createOneItem\n  (\n    data: {\n      id: "tx-${verb}"\n    }\n  )\n  {\n    id\n  }\n}`, tx);
      assert.deepEqual(w.json, { data: { result: { id: `tx-${verb}` } } });
      assert.equal((await post(`/transaction/${tx}/${verb}`)).status, 200);
      const count = await gql(`query {\n  result: aggregateItem\n  (\n    where: {\n      id: "tx-${verb}"\n    }\n  )\n  {\n    _count { _all }\n  }\n}`);
      assert.deepEqual(count.json, { data: { result: { _count: { _all: expected } } } });
    }
    const closed = await post('/transaction/not-a-tx/commit');
    assert.notEqual(closed.status, 200);

    const batch = await post('/', { batch: [
      { query: 'mutation {\n  result: updateManyItem\n  (\n    data: {\n      amount: {\n        increment: 1.5\n      }\n    }\n    where: {\n      id: "a"\n    }\n  )\n  {\n    count\n  }\n}', variables: {} },
      { query: 'mutation {\n  result: executeRaw\n  (\n    query: "UPDATE \\"Item\\" SET amount = amount + $1 WHERE id = $2"\n    parameters: "[1, \\"a\\"]"\n  )\n}', variables: {} },
    ], transaction: true });
    assert.deepEqual(batch.json, { batchResult: [{ data: { result: { count: 1 } } }, { data: { result: 1 } }] });

    const raw = await gql('mutation {\n  result: queryRaw\n  (\n    query: "SELECT id, amount, big, meta, viewname FROM \\"Item\\" CROSS JOIN (SELECT \'v\'::name AS viewname) v WHERE id = $1"\n    parameters: "[\\"a\\"]"\n  )\n}');
    assert.deepEqual(raw.json.data.result, { columns: ['id', 'amount', 'big', 'meta', 'viewname'], types: ['string', 'double', 'bigint', 'json', 'string'], rows: [['a', 2.5, '9007199254740993', { k: [1, 2] }, 'v']] });

    const metrics = await fetch(`${origin}/metrics?format=json`);
    assert.equal(metrics.status, 501);
    console.log('smoke: all checks passed');
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
    await admin.query(`DROP SCHEMA "${SCHEMA}" CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
