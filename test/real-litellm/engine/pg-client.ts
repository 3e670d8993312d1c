// node-postgres Client for the driver adapter. Two differences from the native engine
// would otherwise leak into LiteLLM:
// - @prisma/adapter-pg 5.17 rejects columns of Postgres's internal text-like types
//   (`name`, `"char"`, reg*) that the native engine returned as text; LiteLLM's raw
//   SQL reads `pg_views.viewname`, a `name`. They are relabelled as text here.
// - the adapter drops the offset of timestamptz values (`split("+")[0]`), which is only
//   right when the session time zone is UTC, so every connection is pinned to UTC.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Field { dataTypeID: number }
interface QueryResult { fields?: Field[]; rows?: unknown[][] }
type Callback = (err: unknown, res: QueryResult) => void;

interface PgModule {
  Client: new (config: object) => { query(...args: unknown[]): unknown };
  types: { getTypeParser(oid: number, format?: string): (text: string) => unknown };
}

const pg = require('pg') as PgModule;

const TEXT = 25;
const TEXT_ARRAY = 1009;
// oid → what the adapter understands; values of these types reach us as plain strings.
export const RELABEL: ReadonlyMap<number, number> = new Map([
  [18, TEXT], // "char"
  [19, TEXT], // name
  [24, TEXT], // regproc
  [28, TEXT], // xid
  [2205, TEXT], // regclass
  [2206, TEXT], // regtype
  [4089, TEXT], // regnamespace
  [4096, TEXT], // regrole
  [1003, TEXT_ARRAY], // name[]
]);

export function relabel(res: QueryResult): QueryResult {
  const fields = res?.fields;
  if (!fields) return res;
  const parseTextArray = pg.types.getTypeParser(TEXT_ARRAY, 'text');
  fields.forEach((field, i) => {
    const to = RELABEL.get(field.dataTypeID);
    if (to === undefined) return;
    field.dataTypeID = to;
    // pg-types has no parser for name[], so those arrive as `{a,b}` text.
    if (to === TEXT_ARRAY) {
      for (const row of res.rows ?? []) {
        if (Array.isArray(row) && typeof row[i] === 'string') row[i] = parseTextArray(row[i] as string);
      }
    }
  });
  return res;
}

export class BridgeClient extends pg.Client {
  constructor(config: { options?: string }) {
    super({ ...config, options: `${config.options ? `${config.options} ` : ''}-c TimeZone=UTC` });
  }

  override query(...args: unknown[]): unknown {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      const cb = last as Callback;
      args[args.length - 1] = (err: unknown, res: QueryResult) => cb(err, err ? res : relabel(res));
      return super.query(...args);
    }
    const out = super.query(...args);
    if (out && typeof (out as Promise<QueryResult>).then === 'function') return (out as Promise<QueryResult>).then(relabel);
    return out;
  }
}
