// The HTTP surface of the native query engine that prisma-client-py 0.15 talks to:
// GET /status, POST / (GraphQL and batches), POST /transaction/start|{id}/commit|rollback.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { appendFileSync } from 'node:fs';
import type { Datamodel } from './datamodel.ts';
import type { WasmQueryEngine } from './wasm-engine.ts';
import { translateRequest, translateResponseText, TranslationError, type Translated } from './translate.ts';
import { engineError, transactionStatus, txNotFound, txNotFoundForQuery } from './errors.ts';
import { ENGINE_HASH } from './version.ts';

export interface BridgeOptions {
  engine: WasmQueryEngine;
  dm: Datamodel;
  /** append every exchange as a JSON line (how fixtures/ was recorded) */
  traceFile?: string | undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
}

export function createBridgeServer({ engine, dm, traceFile }: BridgeOptions): Server {
  const trace = (entry: object): void => {
    if (traceFile) appendFileSync(traceFile, `${JSON.stringify(entry)}\n`);
  };
  // The wasm engine panics (and is then unusable) when handed a transaction id it did not
  // mint, where the native one answered "not found"; so ids are checked here first.
  const issuedTx = new Set<string>();

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://engine');
    const body = await readBody(req);
    if (req.method === 'GET' && url.pathname === '/status') return send(res, 200, '{"status":"ok"}');
    if (req.method === 'GET' && url.pathname === '/version') return send(res, 200, JSON.stringify({ commit: ENGINE_HASH, version: '5.17.0' }));
    if (url.pathname === '/metrics') {
      // The wasm build has no metrics recorder; saying so beats inventing numbers.
      return send(res, 501, engineError('prisma-bridge: metrics are not available from the wasm query engine'));
    }
    if (req.method === 'POST' && url.pathname === '/transaction/start') {
      const answer = await engine.startTransaction(body || '{}', '{}');
      const id = (JSON.parse(answer) as { id?: unknown }).id;
      if (typeof id === 'string') {
        issuedTx.add(id);
        if (issuedTx.size > 100_000) issuedTx.delete(issuedTx.values().next().value as string);
      }
      trace({ transaction: 'start', input: body, answer });
      return send(res, transactionStatus(answer), answer);
    }
    const txMatch = /^\/transaction\/([^/]+)\/(commit|rollback)$/.exec(url.pathname);
    if (req.method === 'POST' && txMatch) {
      const id = decodeURIComponent(txMatch[1]!);
      if (!issuedTx.has(id)) return send(res, 404, JSON.stringify(txNotFound()));
      const answer = txMatch[2] === 'commit' ? await engine.commitTransaction(id, '{}') : await engine.rollbackTransaction(id, '{}');
      trace({ transaction: txMatch[2], id, answer });
      return send(res, transactionStatus(answer), answer);
    }
    if (req.method === 'POST' && url.pathname === '/') {
      const txHeader = req.headers['x-transaction-id'];
      const txId = typeof txHeader === 'string' ? txHeader : undefined;
      if (txId !== undefined && !issuedTx.has(txId)) return send(res, 200, txNotFoundForQuery());
      let translated: Translated;
      try {
        translated = translateRequest(JSON.parse(body), dm);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        process.stderr.write(`prisma-bridge: rejected request: ${message}\n${body}\n`);
        trace({ request: body, rejected: message });
        // A 500 makes prisma-client-py raise EngineRequestError carrying this message.
        return send(res, 500, engineError(message));
      }
      const answer = await engine.query(JSON.stringify(translated.body), '{}', txId);
      const out = translateResponseText(answer, translated);
      trace({ request: JSON.parse(body), ...(txId ? { tx: txId } : {}), json: translated.body, answer: JSON.parse(answer), graphql: JSON.parse(out) });
      return send(res, 200, out);
    }
    return send(res, 404, engineError(`prisma-bridge: no route ${req.method} ${url.pathname}`));
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`prisma-bridge: ${err instanceof TranslationError ? '' : 'internal error: '}${message}\n`);
      if (!res.headersSent) send(res, 500, engineError(message));
    });
  });
  // httpx keeps connections alive indefinitely, as the native (hyper) server did; Node's
  // default 5 s idle close would race with reused connections.
  server.keepAliveTimeout = 0;
  return server;
}
