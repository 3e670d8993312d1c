// A LiteLLM-compatible proxy for tests: real HTTP on 127.0.0.1, speaking the contract in
// shared/litellm-api.md (statuses, envelopes, quirks), with hooks to seed state and inject faults.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pickKey } from './litellm/auth.ts';
import type { ServerState } from './litellm/context.ts';
import type { Reply } from './litellm/errors.ts';
import { dispatch } from './litellm/routes.ts';
import { KeyStore, buildRecord, buildSpendLog, hashKey } from './litellm/store.ts';
import { PeopleStore } from './litellm/people.ts';
import type { FakeLiteLLM, FakeLiteLLMOptions, Hold, LiteLLMQuirks, OverrideHandler, RecordedRequest, StoredKey } from './litellm/types.ts';

export type {
  FakeLiteLLM,
  FakeLiteLLMOptions,
  Hold,
  LiteLLMQuirks,
  OverrideHandler,
  RecordedRequest,
  SpendLogRow,
  SpendLogSeed,
  StoredKey,
} from './litellm/types.ts';
export { hashKey };

const DEFAULT_MODELS = ['claude-sonnet-4-6', 'gpt-4o'];

interface PendingHold {
  method: string | undefined;
  path: string;
  when: 'before' | 'after';
  remaining: number;
  /** Called each time the hold withholds an answer (for 'after', once the effect is applied). */
  took: () => void;
  /** 'before': applies the held request now, and answers it if its caller still waits. */
  late?: () => void;
}

interface PendingOverride {
  method: string;
  path: string;
  handler: OverrideHandler;
  remaining: number;
}

export async function startFakeLiteLLM(opts: FakeLiteLLMOptions = {}): Promise<FakeLiteLLM> {
  const now = opts.now ?? (() => new Date());
  const state: ServerState = {
    masterKey: opts.masterKey === undefined ? 'sk-master-test' : opts.masterKey,
    store: new KeyStore(now),
    people: new PeopleStore(),
    now,
    enterprise: opts.enterprise ?? false,
    models: [...(opts.models ?? DEFAULT_MODELS)],
    costPerRequest: opts.costPerRequest ?? 0.01,
    quirks: quirksOf(opts),
  };
  const requests: RecordedRequest[] = [];
  const holds: PendingHold[] = [];
  const overrides: PendingOverride[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('fake LiteLLM:', error);
      res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = flattenHeaders(req.headers);
    const text = raw.length > 0 ? raw.toString('utf8') : undefined;
    const query = Object.fromEntries(url.searchParams); // FastAPI reads the last value of a repeated scalar
    requests.push({ method, path: url.pathname, query, headers, body: recordedBody(text), authKey: pickKey(headers) || null });

    const override = take(overrides, (o) => o.method === method && o.path === url.pathname);
    if (override) return override.handler(req, res, raw);
    const hold = take(holds, (h) => (h.method === undefined || h.method === method) && h.path === url.pathname);
    if (hold?.when === 'before') {
      // Not applied, not answered: the socket stays open, until release() applies it late.
      hold.late = () => {
        const reply = dispatch({ method, path: url.pathname, query, headers, text }, state);
        if (!res.destroyed && !res.writableEnded) send(res, reply);
      };
      return hold.took();
    }
    const reply = dispatch({ method, path: url.pathname, query, headers, text }, state);
    if (hold?.when === 'after') return hold.took(); // applied, but the answer is lost
    send(res, reply);
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;
  const snapshot = (record: StoredKey | undefined) => (record ? structuredClone(record) : undefined);

  return {
    url,
    origin: url,
    masterKey: state.masterKey,
    requests,
    keys: () => state.store.list().map((r) => structuredClone(r)),
    findByAlias: (alias) => snapshot(state.store.findByAlias(alias)),
    findByKey: (rawOrHash) => snapshot(state.store.find(rawOrHash)),
    addKey(fields) {
      if (fields.key_alias && state.store.aliasTaken(fields.key_alias)) throw new Error(`alias ${fields.key_alias} is already taken`);
      if (fields.key && state.store.find(fields.key)) throw new Error('that key already exists');
      const { token: _ignored, ...seed } = fields; // the token is always derived from the key
      return structuredClone(state.store.insert(buildRecord(seed, now())));
    },
    setSpend(rawOrHash, spend) {
      const record = state.store.find(rawOrHash);
      if (!record) throw new Error(`no such key: ${rawOrHash.slice(0, 6)}…`);
      record.spend = spend;
    },
    setKeyType(rawOrHash, keyType) {
      const record = state.store.find(rawOrHash);
      if (!record) throw new Error(`no such key: ${rawOrHash.slice(0, 6)}…`);
      record.key_type = keyType;
    },
    addUser(user) { state.people.addUser(user); },
    addTeam(team) { state.people.addTeam(team); },
    users: () => [...state.people.users.values()].map((u) => structuredClone(u)),
    setEnterprise(on) {
      state.enterprise = on;
    },
    setQuirks(quirks) {
      Object.assign(state.quirks, quirks);
    },
    addSpendLog: (row) => structuredClone(state.store.addLog(buildSpendLog(row, now()))),
    spendLogs: () => state.store.spendLogs().map((row) => structuredClone(row)),
    hold(h: Hold) {
      let took!: () => void;
      const held = new Promise<void>((resolve) => { took = resolve; });
      const pending: PendingHold = { method: h.method?.toUpperCase(), path: h.path, when: h.when, remaining: h.times ?? 1, took };
      holds.push(pending);
      return {
        held,
        async release() {
          await held;
          pending.late?.();
        },
      };
    },
    override(method, path, handler, times = 1) {
      overrides.push({ method: method.toUpperCase(), path, handler, remaining: times });
    },
    cancelHolds() {
      holds.length = 0;
      overrides.length = 0;
    },
    reset() {
      state.store.clear();
      state.people.clear();
      requests.length = 0; // cleared in place: callers may hold on to the array
      holds.length = 0;
      overrides.length = 0;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Held requests never finish on their own; keep-alive sockets would delay close too.
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The LiteLLMQuirks part of the options (the rest configures the server itself). */
function quirksOf(opts: FakeLiteLLMOptions): LiteLLMQuirks {
  const { masterKey: _m, enterprise: _e, models: _models, now: _now, costPerRequest: _c, port: _p, ...quirks } = opts;
  return { ...quirks };
}

/** The first pending entry that matches, with one use consumed. */
function take<T extends { remaining: number }>(pending: T[], matches: (entry: T) => boolean): T | undefined {
  const entry = pending.find((e) => e.remaining > 0 && matches(e));
  if (entry) entry.remaining -= 1;
  return entry;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
}

function recordedBody(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function send(res: ServerResponse, reply: Reply): void {
  if ('sse' in reply) {
    res.writeHead(reply.status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
    for (const chunk of reply.sse) res.write(chunk);
    res.end();
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  res.end(JSON.stringify(reply.body));
}
