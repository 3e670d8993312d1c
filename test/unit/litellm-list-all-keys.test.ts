// listAllKeys walks /key/list 100 keys a page until the proxy says there are no more: against the
// fake proxy (which pages as LiteLLM does) and against an old proxy that sends neither
// total_pages nor full objects.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LiteLLMClient, type Credential } from '../../src/litellm/client.ts';
import { startFakeLiteLLM, type FakeLiteLLM } from '../support/litellm-server.ts';

let server: FakeLiteLLM;
let client: LiteLLMClient;
let master: Credential;

before(async () => {
  server = await startFakeLiteLLM();
  client = new LiteLLMClient({ baseUrl: server.url, timeoutMs: 10_000 });
  master = { secret: server.masterKey!, kind: 'master' };
});
after(() => server.close());

const listRequests = () => server.requests.filter((r) => r.path === '/key/list');

test('250 keys come back once each, in three pages of at most 100', async () => {
  server.reset();
  const seeded = Array.from({ length: 250 }, (_, i) => server.addKey({ key_alias: `bot-${String(i).padStart(3, '0')}` }).token);
  const keys = await client.listAllKeys(master);
  assert.equal(keys.length, 250);
  assert.deepEqual(new Set(keys.map((k) => k.token)), new Set(seeded), 'every key, none twice');
  assert.deepEqual(listRequests().map((r) => [r.query.page, r.query.size]), [['1', '100'], ['2', '100'], ['3', '100']]);
});

test('exactly 200 keys: two full pages, and total_pages stops it without asking for a third', async () => {
  server.reset();
  for (let i = 0; i < 200; i++) server.addKey({ key_alias: `exact-${i}` });
  assert.equal((await client.listAllKeys(master)).length, 200);
  assert.equal(listRequests().length, 2);
});

test('a proxy without total_pages is read until a page is not full; bare hashes become records', async () => {
  server.reset();
  const hashes = Array.from({ length: 230 }, (_, i) => `${i.toString(16).padStart(64, '0')}`);
  server.override('GET', '/key/list', (req, res) => {
    const page = Number(new URL(req.url!, 'http://x').searchParams.get('page'));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: hashes.slice((page - 1) * 100, page * 100), current_page: page }));
  }, 3);
  const keys = await client.listAllKeys(master);
  assert.deepEqual(keys.map((k) => k.token), hashes);
  assert.equal(listRequests().length, 3, 'pages of 100, 100 and 30');
});
