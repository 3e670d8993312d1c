// Ctx only wires: what it builds on comes from the Services it is handed (services.ts). Each
// service given here must be the one a command reaches through the context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { Ctx, type GlobalArgs } from '../../src/context.ts';
import { defaultServices, realPrompts, withServices, type Prompts } from '../../src/services.ts';
import { napiKeychainBackend } from '../../src/secrets/keychain-backend.ts';
import { memoryKeychain } from '../support/memory-keychain.ts';
import { DEFAULT_GLOBALS } from '../support/unit-ctx.ts';

const io = () => ({ stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() });
const env = { HOME: '/nonexistent-home', LITELLM_PROXY_URL: 'http://proxy.test:4000', LITELLM_MASTER_KEY: 'sk-master-xyz' };

test('the default services are the real ones', () => {
  const real = defaultServices();
  assert.equal(real.keychain, napiKeychainBackend);
  assert.equal(real.prompts, realPrompts);
  assert.ok(Math.abs(real.now().getTime() - Date.now()) < 5000);
});

test('the HTTP client sends through the injected fetch', async () => {
  const urls: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    urls.push(input instanceof Request ? input.url : String(input));
    return new Response(JSON.stringify({ status: 'healthy', db: 'connected' }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  const ctx = new Ctx(DEFAULT_GLOBALS, io(), env, withServices({ fetch }));
  await (await ctx.litellm()).readiness();
  assert.deepEqual(urls, ['http://proxy.test:4000/health/readiness']);
});

test('the vault\'s keychain is a KeychainStore over the injected backend', async () => {
  const fake = memoryKeychain();
  const ctx = new Ctx(DEFAULT_GLOBALS, io(), env, withServices({ keychain: fake.backend }));
  fake.set('ollm-master', 'http://proxy.test:4000', 'sk-saved-master');
  const vault = await ctx.vault();
  assert.equal(vault.keychain.kind, 'keychain');
  const found = await vault.find('ollm-master', 'http://proxy.test:4000');
  assert.equal(found?.secret, 'sk-saved-master');
  assert.equal(fake.opened, 1);
});

test('--master-key-stdin reads through the injected prompts, and the clock is the injected one', async () => {
  const asked: string[] = [];
  const prompts: Prompts = { ...realPrompts, firstLine: async () => { asked.push('firstLine'); return 'sk-from-stdin\n'; } };
  const now = new Date('2030-01-02T03:04:05Z');
  const args: GlobalArgs = { ...DEFAULT_GLOBALS, masterKeyStdin: true, allowInsecureHttp: true };
  const ctx = new Ctx(args, io(), { ...env, LITELLM_MASTER_KEY: undefined }, withServices({ prompts, now: () => now }));
  const master = await ctx.masterKey();
  assert.equal(master.secret, 'sk-from-stdin');
  assert.equal(master.source, 'stdin');
  assert.deepEqual(asked, ['firstLine']);
  assert.equal(ctx.now(), now);
});
