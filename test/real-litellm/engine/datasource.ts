// Works out which Postgres to talk to the way the native engine did: the schema's
// datasource `url`, unless prisma-client-py overrides it through OVERWRITE_DATASOURCES.

export interface PgTarget {
  connectionString: string;
  /** Prisma's `?schema=` parameter; node-postgres does not know it, the adapter does. */
  schema?: string;
  /** Prisma's `connection_limit`, mapped onto the pg pool size. */
  max?: number;
  /** Prisma's `pool_timeout` (seconds), mapped onto pg's wait for a pooled connection. */
  connectionTimeoutMillis?: number;
}

export function datasourceUrl(schema: string, env: NodeJS.ProcessEnv): string {
  const override = env['OVERWRITE_DATASOURCES'];
  if (override) {
    const list = JSON.parse(override) as Array<{ name?: string; url?: string }>;
    const url = list[0]?.url;
    if (url) return url;
  }
  const block = /^\s*datasource\s+\w+\s*\{([\s\S]*?)^\s*\}/m.exec(schema);
  if (!block) throw new Error('prisma-bridge: schema has no datasource block');
  const fromEnv = /^\s*url\s*=\s*env\(\s*"([^"]+)"\s*\)/m.exec(block[1]!);
  if (fromEnv) {
    const value = env[fromEnv[1]!];
    if (!value) throw new Error(`prisma-bridge: the datasource url comes from ${fromEnv[1]}, which is not set`);
    return value;
  }
  const literal = /^\s*url\s*=\s*"([^"]+)"/m.exec(block[1]!);
  if (literal) return literal[1]!;
  throw new Error('prisma-bridge: cannot read the datasource url');
}

// Prisma-only connection parameters; passing them on would make node-postgres send them
// to the server as unknown startup options.
const PRISMA_ONLY = ['schema', 'connection_limit', 'pool_timeout', 'pgbouncer', 'statement_cache_size', 'socket_timeout', 'connect_timeout'];

export function pgTarget(url: string): PgTarget {
  const u = new URL(url);
  if (u.protocol !== 'postgresql:' && u.protocol !== 'postgres:') {
    throw new Error(`prisma-bridge: only PostgreSQL is supported, got ${u.protocol}`);
  }
  const target: PgTarget = { connectionString: '' };
  const p = u.searchParams;
  const schema = p.get('schema');
  if (schema) target.schema = schema;
  const limit = p.get('connection_limit');
  if (limit) target.max = Number(limit);
  const poolTimeout = p.get('pool_timeout');
  if (poolTimeout) target.connectionTimeoutMillis = Number(poolTimeout) * 1000;
  for (const k of PRISMA_ONLY) p.delete(k);
  target.connectionString = u.toString();
  return target;
}
