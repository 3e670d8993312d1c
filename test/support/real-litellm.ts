// The real LiteLLM proxy for tests: started through test/real-litellm/start (its own Postgres),
// with a pass-through tap in front that records requests and can hold one — every answer still
// comes from the real proxy; the tap only decides whether the client gets to see it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { EventEmitter } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli.ts';

export const START = join(ROOT, 'test', 'real-litellm', 'start');

export interface TapRequest {
  method: string;
  path: string;
  body: unknown;
  /** The key the client sent (`Authorization: Bearer …` or `x-api-key`), or null. */
  authKey: string | null;
  status?: number;
}

export interface TapHold {
  method: string;
  path: string;
  /** before: never forwarded; after: forwarded, the real answer withheld from the client. */
  when: 'before' | 'after';
}

export interface RealLiteLLM {
  /** The tap's URL: what ollm is pointed at. */
  url: string;
  /** The real proxy's own URL, for checks that must not go through the tap. */
  directUrl: string;
  /** With `instances` > 1: the other LiteLLM processes on the same database (no tap in front). */
  otherUrls: string[];
  masterKey: string;
  requests: TapRequest[];
  hold(hold: TapHold): void;
  /** Resolves when a request matching `hold`'s method and path reaches the point it names (from now on). */
  reached(hold: TapHold): Promise<void>;
  /** A call to the real proxy with the master key (or another key); JSON in, status + JSON out. */
  call(method: 'GET' | 'POST', path: string, options?: { body?: unknown; key?: string }): Promise<{ status: number; body: any }>;
  /** Whether a key is accepted by the real proxy for an authenticated read of itself. */
  keyWorks(key: string): Promise<boolean>;
  /** Takes the database away under the running proxy (SIGKILL to the postmaster). */
  killDatabase(): void;
  stop(): Promise<void>;
}

interface StartOptions {
  /** LiteLLM's config.yaml as an object (default: the harness's two mock models). */
  config?: Record<string, unknown>;
  /** Extra environment for the LiteLLM process. */
  env?: Record<string, string>;
  /** Run LiteLLM with no database at all. */
  noDb?: boolean;
  /** LiteLLM processes on the one database (a cluster); the tap is in front of the first. */
  instances?: number;
}

interface Harness { child: ChildProcess; url: string; otherUrls: string[]; masterKey: string; dir: string; postgresPid: number | null }

function startHarness({ config, env = {}, noDb = false, instances = 1 }: StartOptions): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-real-test-'));
  const args = ['--port', '0', '--state', join(dir, 'state.json'), '--instances', String(instances), ...(noDb ? ['--no-db'] : [])];
  if (config) {
    // JSON is YAML: LiteLLM reads it as its config.yaml.
    writeFileSync(join(dir, 'config.yaml'), JSON.stringify(config));
    args.push('--config', join(dir, 'config.yaml'));
  }
  const child = spawn(START, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...(Object.keys(env).length ? { OLLM_REAL_LITELLM_ENV: JSON.stringify(env) } : {}) },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /^LITELLM_PROXY_URL=(.+)$/m.exec(out)?.[1];
      const masterKey = /^LITELLM_MASTER_KEY=(.+)$/m.exec(out)?.[1];
      if (url && masterKey) {
        const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { postgresPid: number | null };
        const otherUrls = [...out.matchAll(/^LITELLM_PROXY_URL_\d+=(.+)$/gm)].map((m) => m[1]!);
        resolve({ child, url, otherUrls, masterKey, dir, postgresPid: state.postgresPid });
      }
    });
    child.once('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      reject(new Error(`the real LiteLLM harness exited (${code}) before it was ready:\n${err}`));
    });
  });
}

export async function startRealLiteLLM(options: StartOptions = {}): Promise<RealLiteLLM> {
  const harness = await startHarness(options);
  const requests: TapRequest[] = [];
  const holds: TapHold[] = [];
  const sockets = new Set<Socket>();
  // 'before' fires when a request arrives, 'after' when the real proxy has answered it.
  const events = new EventEmitter();
  const target = new URL(harness.url);

  const tap: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://tap').pathname;
      let body: unknown;
      try { body = raw.length ? JSON.parse(raw.toString()) : undefined; } catch { body = raw.toString(); }
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const recorded: TapRequest = { method: req.method ?? 'GET', path, body, authKey: bearer ?? (req.headers['x-api-key'] as string | undefined) ?? null };
      requests.push(recorded);
      events.emit('before', recorded);
      const index = holds.findIndex((h) => h.method === recorded.method && h.path === path);
      const hold = index >= 0 ? holds.splice(index, 1)[0] : undefined;
      if (hold?.when === 'before') return; // the client waits forever; the proxy never sees it
      const upstream = httpRequest({
        host: target.hostname, port: target.port, method: req.method, path: req.url,
        headers: { ...req.headers, host: target.host },
      }, (answer) => {
        recorded.status = answer.statusCode;
        events.emit('after', recorded);
        if (hold?.when === 'after') { answer.resume(); return; } // applied, but the answer is lost
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(raw);
    });
  });
  tap.on('connection', (socket: Socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  await new Promise<void>((resolve) => tap.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(tap.address() as AddressInfo).port}`;

  const call: RealLiteLLM['call'] = async (method, path, opts = {}) => {
    const response = await fetch(`${harness.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${opts.key ?? harness.masterKey}`, ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try { body = JSON.parse(text); } catch { /* not JSON: keep the text */ }
    return { status: response.status, body };
  };

  return {
    url,
    directUrl: harness.url,
    otherUrls: harness.otherUrls,
    masterKey: harness.masterKey,
    requests,
    hold: (h) => { holds.push(h); },
    reached: (h) => new Promise((resolve) => {
      const listener = (r: TapRequest) => {
        if (r.method !== h.method || r.path !== h.path) return;
        events.off(h.when, listener);
        resolve();
      };
      events.on(h.when, listener);
    }),
    call,
    async keyWorks(key) {
      const { status, body } = await call('GET', '/key/info', { key });
      return status === 200 && (body as { info?: { status?: string } }).info?.status !== 'deleted';
    },
    killDatabase() {
      if (harness.postgresPid === null) throw new Error('this proxy runs without a database');
      process.kill(harness.postgresPid, 'SIGKILL');
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => tap.close(() => resolve()));
      if (harness.child.exitCode === null) {
        const exited = new Promise((resolve) => harness.child.once('exit', resolve));
        harness.child.kill('SIGTERM');
        await exited;
      }
      rmSync(harness.dir, { recursive: true, force: true });
    },
  };
}
