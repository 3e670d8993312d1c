// Loads Prisma's query engine compiled to WebAssembly and wires it to Postgres
// through the `pg` driver adapter: the native engine binary cannot be downloaded here.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindAdapter } from '@prisma/driver-adapter-utils';
import type { PgTarget } from './datasource.ts';
import { BridgeClient } from './pg-client.ts';

const require = createRequire(import.meta.url);

export interface WasmQueryEngine {
  connect(trace: string): Promise<void>;
  disconnect(trace: string): Promise<void>;
  query(body: string, trace: string, txId?: string): Promise<string>;
  startTransaction(input: string, trace: string): Promise<string>;
  commitTransaction(txId: string, trace: string): Promise<string>;
  rollbackTransaction(txId: string, trace: string): Promise<string>;
}

// The project's `lib` has no DOM/WebAssembly typings; this is the slice used here.
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: object } }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface BgModule {
  __wbg_set_wasm(exports: object): void;
  QueryEngine: new (options: object, log: (line: string) => void, adapter: object) => WasmQueryEngine;
  getBuildTimeInfo(): { commit: string; version: string };
}

// `pg` ships no types and the project does not depend on @types/pg; this is all we touch.
interface PgPoolCtor {
  new (config: { connectionString: string; Client: unknown; options?: string; max?: number; connectionTimeoutMillis?: number }): { end(): Promise<void> };
}

export interface EngineHandle {
  engine: WasmQueryEngine;
  commit: string;
  close(): Promise<void>;
}

async function loadBgModule(): Promise<BgModule> {
  // The package has no "exports" map, so the build directory is found from its package.json.
  const pkgJson = require.resolve('@prisma/query-engine-wasm/package.json');
  const dir = join(dirname(pkgJson), 'postgresql');
  const bg = (await import(join(dir, 'query_engine_bg.js'))) as BgModule;
  const bytes = await readFile(join(dir, 'query_engine_bg.wasm'));
  const { instance } = await wasmApi.instantiate(bytes, { './query_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  return bg;
}

export async function startEngine(opts: {
  datamodel: string;
  target: PgTarget;
  logLevel: string;
  logQueries: boolean;
  onLog: (line: string) => void;
}): Promise<EngineHandle> {
  const bg = await loadBgModule();
  const pg = require('pg') as { Pool: PgPoolCtor };
  const { connectionString, max, connectionTimeoutMillis, schema } = opts.target;
  const pool = new pg.Pool({
    connectionString,
    Client: BridgeClient,
    // Prisma's `?schema=` also set the search path, which raw SQL relies on; the adapter
    // option alone only qualifies the queries the engine generates.
    ...(schema ? { options: `-c search_path=${schema.replace(/([\\ ])/g, '\\$1')}` } : {}),
    ...(max ? { max } : {}),
    ...(connectionTimeoutMillis ? { connectionTimeoutMillis } : {}),
  });
  // A bare PrismaPg is rejected by the engine; bindAdapter adds the error-capturing layer it expects.
  const adapter = bindAdapter(new PrismaPg(pool as never, schema ? { schema } : undefined));
  const engine = new bg.QueryEngine(
    {
      datamodel: opts.datamodel,
      logLevel: opts.logLevel,
      logQueries: opts.logQueries,
      configDir: process.cwd(),
      env: process.env,
      ignoreEnvVarErrors: true,
      engineProtocol: 'json',
    },
    opts.onLog,
    adapter,
  );
  await engine.connect('{}');
  return {
    engine,
    commit: bg.getBuildTimeInfo().commit,
    async close() {
      try {
        await engine.disconnect('{}');
      } finally {
        await pool.end();
      }
    },
  };
}
