// The node:http(s) fetch that ky uses, against real local servers: what reaches the server, what
// comes back, and the failures the client must see as failures (redirects, aborts, cut bodies, TLS).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import ky, { HTTPError } from 'ky';
import { nodeFetch } from '../../src/litellm/node-fetch.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }

let handler: Handler = (_req, res) => res.end();
const seen: Seen[] = [];
const otherSeen: Seen[] = [];
let server: Server;
let other: Server;
let base = '';
let otherBase = '';

function listen(record: Seen[], respond: () => Handler): Promise<[Server, string]> {
  const s = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      record.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      respond()(req, res, body);
    });
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve([s, `http://127.0.0.1:${(s.address() as AddressInfo).port}`])));
}

before(async () => {
  [server, base] = await listen(seen, () => handler);
  [other, otherBase] = await listen(otherSeen, () => (_req, res) => res.end('followed'));
});
after(() => {
  server.closeAllConnections();
  other.closeAllConnections();
  server.close();
  other.close();
});

const get = (path: string, init: RequestInit = {}) => nodeFetch(new Request(`${base}${path}`, { redirect: 'manual', ...init }));

test('a GET carries its headers and returns status, headers and body', async () => {
  handler = (_req, res) => { res.writeHead(201, 'Made', { 'content-type': 'application/json', 'x-two': ['a', 'b'] }); res.end('{"ok":true}'); };
  const response = await get('/key/info?key=abc', { headers: { authorization: 'Bearer sk-test' } });
  assert.equal(response.status, 201);
  assert.equal(response.statusText, 'Made');
  assert.equal(response.ok, true);
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.equal(response.headers.get('x-two'), 'a, b');
  assert.deepEqual(await response.json(), { ok: true });
  const request = seen.at(-1)!;
  assert.equal(request.method, 'GET');
  assert.equal(request.url, '/key/info?key=abc');
  assert.equal(request.headers.authorization, 'Bearer sk-test');
  assert.match(request.headers['user-agent'] ?? '', /^ollm\//);
});

test('a POST body arrives whole, with its length and content type', async () => {
  handler = (_req, res, body) => res.end(`echo:${body}`);
  const payload = JSON.stringify({ key_alias: 'openclaw', note: 'é'.repeat(1000) });
  const response = await get('/key/generate', { method: 'POST', body: payload, headers: { 'content-type': 'application/json' } });
  assert.equal(await response.text(), `echo:${payload}`);
  const request = seen.at(-1)!;
  assert.equal(request.body, payload);
  assert.equal(request.headers['content-length'], String(Buffer.byteLength(payload)));
  assert.equal(request.headers['content-type'], 'application/json');
});

test('a redirect is returned as the response and never followed', async () => {
  handler = (_req, res) => { res.writeHead(301, { location: `${otherBase}/key/list` }); res.end(); };
  const before = otherSeen.length;
  const response = await get('/key/list', { headers: { authorization: 'Bearer sk-master' } });
  assert.equal(response.status, 301);
  assert.equal(response.headers.get('location'), `${otherBase}/key/list`);
  await response.text();
  assert.equal(otherSeen.length, before, 'the other origin got no request');
});

test('through ky with redirect "manual", a 302 is an HTTPError carrying the Location', async () => {
  handler = (_req, res) => { res.writeHead(302, { location: `${otherBase}/elsewhere` }); res.end(); };
  const before = otherSeen.length;
  const error = await ky.get(`${base}/key/list`, { fetch: nodeFetch, redirect: 'manual', retry: 0 }).then(() => null, (e: unknown) => e);
  assert.ok(error instanceof HTTPError, String(error));
  assert.equal(error.response.status, 302);
  assert.equal(error.response.headers.get('location'), `${otherBase}/elsewhere`);
  assert.equal(otherSeen.length, before);
});

test('a fetch that would follow redirects is refused rather than done half-way', async () => {
  await assert.rejects(nodeFetch(`${base}/`), /does not follow redirects/);
});

test('a body sent in chunks over time is read whole', async () => {
  const parts = ['{"keys": [', '"a", ', '"b"', ']}'];
  handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }); // no length: chunked
    let i = 0;
    const next = () => (i < parts.length ? res.write(parts[i++], () => setTimeout(next, 15)) : res.end());
    next();
  };
  const response = await get('/key/list');
  assert.deepEqual(await response.json(), { keys: ['a', 'b'] });
});

test('204 and HEAD answers have no body', async () => {
  handler = (_req, res) => { res.writeHead(204); res.end(); };
  const empty = await get('/nothing');
  assert.equal(empty.status, 204);
  assert.equal(empty.body, null);
  handler = (_req, res) => { res.writeHead(200, { 'content-length': '5' }); res.end(); };
  const head = await get('/head', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
});

test('aborting before the headers rejects with the signal\'s reason and drops the connection', async () => {
  let closed!: Promise<void>;
  let arrived!: () => void;
  const reached = new Promise<void>((resolve) => { arrived = resolve; });
  handler = (req) => {
    closed = new Promise((resolve) => req.socket.on('close', () => resolve()));
    arrived();
  };
  const controller = new AbortController();
  const pending = get('/slow', { signal: controller.signal });
  await reached;
  controller.abort(new Error('gave up'));
  await assert.rejects(pending, /gave up/);
  await closed;
});

test('an already aborted signal sends nothing', async () => {
  const before = seen.length;
  await assert.rejects(get('/x', { signal: AbortSignal.abort() }), { name: 'AbortError' });
  assert.equal(seen.length, before);
});

test('aborting while the body trickles in fails the body', async () => {
  handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"keys": [');
    const drip = setInterval(() => res.write(' '), 20);
    res.on('close', () => clearInterval(drip));
  };
  const controller = new AbortController();
  const response = await get('/drip', { signal: controller.signal });
  setTimeout(() => controller.abort(), 60);
  await assert.rejects(response.text(), { name: 'AbortError' });
});

test('a connection reset mid-body is an error, never a short body', async () => {
  handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"keys": [');
    setTimeout(() => res.socket?.destroy(), 20);
  };
  const response = await get('/cut');
  const error = await response.text().then(() => null, (e: unknown) => e as Error & { cause?: { code?: string } });
  assert.ok(error, 'the body did not resolve');
  assert.equal(error.cause?.code, 'ECONNRESET');
});

test('nothing listening: a TypeError whose cause carries ECONNREFUSED (what errorFromNetwork reads)', async () => {
  const closedServer = createServer();
  const port = await new Promise<number>((resolve) => closedServer.listen(0, '127.0.0.1', () => resolve((closedServer.address() as AddressInfo).port)));
  await new Promise((resolve) => closedServer.close(resolve));
  const error = await nodeFetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' }).then(() => null, (e: unknown) => e as TypeError & { cause?: { code?: string } });
  assert.ok(error instanceof TypeError);
  assert.equal(error.cause?.code, 'ECONNREFUSED');
});

test('other schemes are refused', async () => {
  await assert.rejects(nodeFetch('file:///etc/passwd', { redirect: 'manual' }), /cannot fetch file:/);
});

// https: a certificate made here for 127.0.0.1.
const openssl = spawnSync('openssl', ['version']).status === 0;
test('https checks certificates: an untrusted one is refused, a trusted one (NODE_EXTRA_CA_CERTS) works', { skip: openssl ? false : 'openssl is not installed' }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const tls = createTlsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('secure'));
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  t.after(() => { tls.closeAllConnections(); tls.close(); });
  const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/`;

  const error = await nodeFetch(url, { redirect: 'manual' }).then(() => null, (e: unknown) => e as TypeError & { cause?: { code?: string } });
  assert.ok(error instanceof TypeError, 'an unknown certificate is refused');
  assert.match(error.cause?.code ?? '', /SELF_SIGNED|UNABLE_TO_VERIFY/);

  // Trusting a CA is decided at process start, so ask a child process.
  const script = `import { nodeFetch } from ${JSON.stringify(new URL('../../src/litellm/node-fetch.ts', import.meta.url).href)};
    const r = await nodeFetch(${JSON.stringify(url)}, { redirect: 'manual' }); process.stdout.write(await r.text());`;
  const child = await new Promise<{ code: number | null; out: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') }, encoding: 'utf8' },
      (err, stdout, stderr) => resolve({ code: err ? 1 : 0, out: stdout + stderr }));
  });
  assert.equal(child.out, 'secure');
  assert.equal(child.code, 0);
});
