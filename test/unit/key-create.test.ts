// `key create`'s handler in-process: its flags parsed as the CLI parses them, a Ctx with the
// in-memory keychain, the fake LiteLLM. What it promises: the secret is chosen here and held
// before anyone can lose it, the result is masked, and a key that cannot be kept is deleted again.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import keyCreate from '../../src/commands/key-create.ts';
import { findCommand } from '../../src/commands/registry.ts';
import { parseCommandLine } from '../../src/parse/parse-line.ts';
import { UserError } from '../../src/errors.ts';
import type { CommandResult } from '../../src/commands/command.ts';
import { startFakeLiteLLM, type FakeLiteLLM } from '../support/litellm-server.ts';
import { unitCtx, type UnitCtx } from '../support/unit-ctx.ts';

let server: FakeLiteLLM;
let unit: UnitCtx;

beforeEach(async () => {
  server = await startFakeLiteLLM();
  unit = unitCtx({ proxyUrl: server.url });
});
afterEach(async () => {
  unit.cleanup();
  await server.close();
});

function create(...flags: string[]): Promise<CommandResult> {
  const args = parseCommandLine(['key', 'create', ...flags], findCommand(['key', 'create'])!, keyCreate);
  keyCreate.validate?.(args as never);
  return keyCreate.handler(args as never, unit.ctx);
}

const account = (alias = 'openclaw') => `${alias}@${server.url}`;

test('the secret ollm chose is the one the proxy stores and the keychain holds; output is masked', async () => {
  const result = await create('--budget', '50', '--monthly', '--write', 'none');
  const [generate] = server.requests.filter((r) => r.path === '/key/generate');
  const chosen = (generate!.body as { key: string }).key;
  assert.match(chosen, /^sk-/);
  assert.equal(server.findByAlias('openclaw')!.key, chosen);
  assert.equal(unit.keychain.get('ollm', account()), chosen);
  const json = result.json as Record<string, unknown>;
  assert.equal(json.key, `sk-…${chosen.slice(-4)}`);
  assert.equal(json.storage, 'keychain');
  assert.equal(json.max_budget, 50);
  assert.ok(!result.human.includes(chosen) && !JSON.stringify(result.json).includes(chosen), 'the raw key is not in the result');
  assert.equal(unit.keychain.entries('ollm-pending').size, 0, 'nothing left parked');
});

test('--reveal puts the secret in the result', async () => {
  const result = await create('--reveal', '--write', 'none');
  assert.equal((result.json as { key: string }).key, unit.keychain.get('ollm', account()));
});

test('an alias already held here is refused before the proxy is asked', async () => {
  unit.keychain.set('ollm', account(), 'sk-already-here');
  await assert.rejects(create('--write', 'none'), (error: unknown) => error instanceof UserError && /already/i.test(error.message));
  assert.equal(server.requests.filter((r) => r.path === '/key/generate').length, 0);
});

test('a keychain that cannot be written is found out before the key exists', async () => {
  unit.keychain.failWith('Platform secure storage failure: DBus error: Failed to connect to socket /no-bus: No such file or directory');
  await assert.rejects(create('--write', 'none'), (error: unknown) => error instanceof UserError && error.code === 'keychain_unavailable');
  assert.equal(server.keys().length, 0);
});

test('a keychain that fails after the proxy made the key: the key is deleted from the proxy again', async () => {
  server.override('POST', '/key/generate', (_req, res, body) => {
    const request = JSON.parse(body.toString()) as { key: string; key_alias: string };
    const made = server.addKey({ key: request.key, key_alias: request.key_alias, metadata: { ollm_managed: 'true' } });
    unit.keychain.failWith('Platform secure storage failure: the collection is locked');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(made));
  });
  await assert.rejects(create('--budget', '5', '--write', 'none'), (error: unknown) =>
    error instanceof UserError && error.code === 'keychain_locked' && /deleted from the proxy again/.test(error.message));
  assert.equal(server.keys().length, 0);
});

test('a stuck keychain times out with its own code instead of hanging', async () => {
  unit.cleanup();
  unit = unitCtx({ proxyUrl: server.url, env: { OLLM_KEYCHAIN_TIMEOUT_MS: '50' } });
  unit.keychain.hang(true);
  await assert.rejects(create('--write', 'none'), (error: unknown) => error instanceof UserError && error.code === 'keychain_timeout');
  assert.equal(server.keys().length, 0);
});

test('with --insecure-storage the key goes to the 0600 file, not the keychain', async () => {
  const result = await create('--insecure-storage', '--write', 'none');
  assert.equal((result.json as { storage: string }).storage, 'insecure-file');
  assert.equal(unit.keychain.get('ollm', account()), undefined);
  const file = unit.ctx.paths.insecureStoreFile;
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { secrets: Record<string, string> }).secrets[`ollm/${account()}`], server.findByAlias('openclaw')!.key);
});
