// The HTTP client in-process, against fetches written for each case (and node:http where the
// transport itself is the point): what it sends, how answers become errors, that a redirect never
// carries a key anywhere, the size cap, the deadlines for headers and for a body, and retries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LiteLLMClient, type Credential } from '../../src/litellm/client.ts';
import { nodeFetch } from '../../src/litellm/node-fetch.ts';
import { UserError } from '../../src/errors.ts';

const BASE = 'http://proxy.test:4000';
const MASTER: Credential = { secret: 'sk-master-0123456789abcdef', kind: 'master' };

interface Seen { url: string; method: string; redirect: Request['redirect']; authorization: string | null; body: string }

/** A fetch that records each request and answers with `answer(request, call number)`. */
function fakeFetch(answer: (request: Request, call: number) => Response | Promise<Response>): { fetch: typeof globalThis.fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    seen.push({ url: request.url, method: request.method, redirect: request.redirect, authorization: request.headers.get('authorization'), body: await request.clone().text() });
    return answer(request, seen.length);
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const client = (fetch: typeof globalThis.fetch, timeoutMs = 5000) => new LiteLLMClient({ baseUrl: BASE, timeoutMs, fetch });

const failsWith = (code: string, check: (error: UserError) => void = () => {}) => (error: unknown) => {
  assert.ok(error instanceof UserError, `a UserError, not ${String(error)}`);
  assert.equal(error.code, code, error.message);
  check(error);
  return true;
};

test('a request carries the credential as a bearer token, asks for manual redirects, and parses the answer', async () => {
  const { fetch, seen } = fakeFetch(() => json(200, { key: 'sk-new-key-000000000000', token: 'hash1', key_alias: 'openclaw' }));
  const answer = await client(fetch).generateKey(MASTER, { key_alias: 'openclaw', max_budget: 5 });
  assert.equal(answer.token, 'hash1');
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.url, `${BASE}/key/generate`);
  assert.equal(seen[0]!.method, 'POST');
  assert.equal(seen[0]!.redirect, 'manual');
  assert.equal(seen[0]!.authorization, `Bearer ${MASTER.secret}`);
  // key_type "default": 1.110 would give a key made without one the admin's default allowed_routes.
  assert.deepEqual(JSON.parse(seen[0]!.body), { key_type: 'default', key_alias: 'openclaw', max_budget: 5 });
});

test('readiness sends no credential at all', async () => {
  const { fetch, seen } = fakeFetch(() => json(200, { status: 'healthy', db: 'connected', litellm_version: '1.80.0' }));
  await client(fetch).readiness();
  assert.equal(seen[0]!.authorization, null);
});

test('a 401 for the master key is told apart, and the key is not in the message', async () => {
  const { fetch } = fakeFetch(() => json(401, { error: { message: `Authentication Error, Invalid proxy server token passed. Received API Key = ${MASTER.secret}`, type: 'auth_error', code: '401' } }));
  await assert.rejects(client(fetch).listKeys(MASTER, {}), failsWith('master_key_invalid', (error) => {
    assert.ok(!error.message.includes(MASTER.secret) && !(error.hint ?? '').includes(MASTER.secret));
  }));
});

test('a redirect to another origin is refused, never followed, and the key in its Location is masked', async () => {
  const { fetch, seen } = fakeFetch(() => new Response(null, { status: 302, headers: { location: `https://evil.example/steal?k=${MASTER.secret}` } }));
  await assert.rejects(client(fetch).listKeys(MASTER, {}), failsWith('proxy_redirect', (error) => {
    assert.match(error.message, /evil\.example/);
    assert.ok(!error.message.includes(MASTER.secret), error.message);
  }));
  assert.equal(seen.length, 1, 'nothing was sent to the Location');
  assert.ok(seen.every((s) => s.url.startsWith(BASE)));
});

test('a same-origin redirect is refused too: the key goes only where it was asked to', async () => {
  const { fetch, seen } = fakeFetch(() => new Response(null, { status: 307, headers: { location: `${BASE}/v2/key/generate` } }));
  await assert.rejects(client(fetch).generateKey(MASTER, { key_alias: 'a' }), failsWith('proxy_redirect'));
  assert.equal(seen.length, 1);
});

test('an HTML page or JSON of another shape is named as such', async () => {
  const html = fakeFetch(() => new Response('<html>login</html>', { status: 200, headers: { 'content-type': 'text/html' } }));
  await assert.rejects(client(html.fetch).listKeys(MASTER, {}), failsWith('proxy_bad_json', (error) => assert.match(error.message, /HTML page/)));
  const odd = fakeFetch(() => json(200, { keys: 'not a list' }));
  await assert.rejects(client(odd.fetch).listKeys(MASTER, {}), failsWith('proxy_unexpected_response', (error) => assert.match(error.message, /"keys"/)));
});

test('no headers within the timeout: proxy_timeout, and the request is aborted', async () => {
  let aborted = false;
  const { fetch } = fakeFetch((request) => new Promise<Response>((_, reject) => {
    request.signal.addEventListener('abort', () => { aborted = true; reject(request.signal.reason); });
  }));
  await assert.rejects(client(fetch, 100).readiness(), failsWith('proxy_timeout'));
  assert.equal(aborted, true);
});

test('headers in time but a body that never ends: proxy_timeout too (the body has the same deadline)', async () => {
  const { fetch } = fakeFetch(() => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('{"keys": [')); } }), { status: 200, headers: { 'content-type': 'application/json' } }));
  await assert.rejects(client(fetch, 150).listKeys(MASTER, {}), failsWith('proxy_timeout'));
});

test('a GET is retried after a 503 and the later answer used; a POST is never repeated', async () => {
  const get = fakeFetch((_r, call) => (call < 3 ? json(503, { error: { message: 'busy' } }) : json(200, { data: [{ id: 'gpt-4o' }] })));
  assert.deepEqual(await client(get.fetch).listModels(MASTER), ['gpt-4o']);
  assert.equal(get.seen.length, 3);
  const post = fakeFetch(() => json(503, { error: { message: 'busy' } }));
  await assert.rejects(client(post.fetch).generateKey(MASTER, { key_alias: 'a' }), (error: unknown) => error instanceof UserError);
  assert.equal(post.seen.length, 1);
});

test('an answer larger than the cap stops being read, with its own error (over node:http)', async (t) => {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const pump = () => { while (res.write(chunk)) { /* until the socket pushes back */ } };
    res.on('drain', pump);
    res.on('error', () => {});
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => { server.closeAllConnections(); server.close(); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const http = new LiteLLMClient({ baseUrl: url, timeoutMs: 20_000, fetch: nodeFetch });
  await assert.rejects(http.listModels(MASTER), failsWith('proxy_response_too_large', (error) => assert.ok(!error.message.includes(MASTER.secret))));
});
