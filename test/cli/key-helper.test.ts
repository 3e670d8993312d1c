// The key helper (dist/key-helper.cjs, src/key-helper/main.ts) is what every assistant runs for
// its key, and bin/ollm's for `key get` and `openclaw resolve`. It must answer exactly as the full
// CLI does, every case: each line below is run through both (`node dist/cli.js …`, the CLI without
// the helper, and `node dist/key-helper.cjs …`, same env, same stdin) and the exit code,
// stdout and stderr must be equal. A copy of the helper alone, with no CLI beside it, then shows
// that the simple cases never reach the CLI (it could not: there is none to load).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keychainEnv, makeHome, OLLM, ROOT, runCollected, runOllm, type RunResult } from '../support/cli.ts';
import { startFakeLiteLLM } from '../support/litellm-server.ts';
import { keyHelperEntry } from '../../src/io/key-helper-launcher.ts';
import { helperLine } from '../../src/key-helper/helper-argv.ts';
import { secretRefId } from '../../src/assistants/openclaw/secret-ref.ts';

const HELPER = join(ROOT, 'dist', 'key-helper.cjs');
const CLI = join(ROOT, 'dist', 'cli.js');
const keychain = keychainEnv();

function runFile(file: string, args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<RunResult> {
  return runCollected(process.execPath, [file, ...args], { env, input, timeoutMs: 120_000 });
}

test('the launchers run the helper file; lines it was not written for are left to the CLI', () => {
  assert.equal(keyHelperEntry(OLLM), HELPER);
  assert.equal(keyHelperEntry(join(ROOT, 'src', 'main.ts')), join(ROOT, 'src', 'main.ts'), 'no helper beside it: the entry itself');
  assert.deepEqual(helperLine(['key', 'get', '--reveal', '--quiet', '--alias', 'a', '--proxy-url', 'http://p']), { kind: 'key-get', alias: 'a', proxyUrl: 'http://p', quiet: true });
  assert.deepEqual(helperLine(['openclaw', 'resolve']), { kind: 'openclaw-resolve' });
  for (const line of [
    ['key', 'get', '--alias', 'a', '--proxy-url', 'http://p'], // masked: not a helper's line
    ['key', 'get', '--reveal', '--alias=a', '--proxy-url', 'http://p'],
    ['key', 'get', '--reveal', '--alias', 'a', '--alias', 'b', '--proxy-url', 'http://p'],
    ['key', 'get', '--reveal', '--alias', '--json', '--proxy-url', 'http://p'],
    ['key', 'get', '--reveal', '--alias', 'a', '--proxy-url', 'http://p', '--json'],
    ['openclaw', 'resolve', '--debug'],
    ['--version'],
  ]) assert.equal(helperLine(line), null, line.join(' '));
});

test('every case answers as the full CLI does: held, missing, plain-text file, no keychain, bad input, resolve', { skip: keychain.skip }, async (t) => {
  const server = await startFakeLiteLLM();
  const home = makeHome();
  t.after(async () => { await server.close(); home.cleanup(); });
  const env = { ...home.env, ...keychain.env, LITELLM_PROXY_URL: server.url, LITELLM_MASTER_KEY: server.masterKey! };
  assert.equal((await runOllm(['key', 'create', '--alias', 'held', '--write', 'none'], { env })).code, 0);
  const filed = await runOllm(['key', 'create', '--alias', 'filed', '--store', 'file', '--write', 'none'], { env });
  assert.equal(filed.code, 0, filed.stderr);
  const held = server.findByAlias('held')!.key;

  // The assistants' environment: no LITELLM_* (the proxy comes from the flag), as OpenClaw passes it.
  const bare = { ...home.env, ...keychain.env };
  const withProxy = { ...bare, LITELLM_PROXY_URL: server.url };
  // A config file naming the alias: the helper leaves reading it to the CLI.
  const configured = { ...withProxy, XDG_CONFIG_HOME: join(home.dir, 'other-config') };
  assert.equal((await runOllm(['config', 'set', 'alias', 'held'], { env: configured })).code, 0);
  const noBus = { ...bare, DBUS_SESSION_BUS_ADDRESS: 'disabled:' };
  const get = (alias: string, ...more: string[]) => ['key', 'get', '--reveal', ...more, '--alias', alias, '--proxy-url', server.url];
  const resolve = (...ids: string[]) => JSON.stringify({ protocolVersion: 1, provider: 'ollm', ids });
  const cases: { name: string; args: string[]; env: NodeJS.ProcessEnv; input?: string; code: number }[] = [
    { name: 'held, claude-code shape', args: get('held', '--quiet'), env: bare, code: 0 },
    { name: 'held, codex shape', args: get('held'), env: bare, code: 0 },
    { name: 'missing', args: get('nobody'), env: bare, code: 1 },
    { name: 'held, proxy from LITELLM_PROXY_URL', args: ['key', 'get', '--reveal', '--alias', 'held'], env: withProxy, code: 0 },
    { name: 'held, alias from the config file', args: ['key', 'get', '--reveal'], env: configured, code: 0 },
    { name: 'default alias, not held', args: ['key', 'get', '--reveal'], env: withProxy, code: 1 },
    { name: 'no proxy anywhere: the default one', args: ['key', 'get', '--reveal', '--alias', 'held'], env: bare, code: 1 },
    { name: 'plain-text file', args: get('filed'), env: bare, code: 0 },
    { name: 'plain-text file, quiet', args: get('filed', '--quiet'), env: bare, code: 0 },
    { name: 'plain-text file, no keychain', args: get('filed', '--quiet'), env: noBus, code: 0 },
    { name: 'no keychain', args: get('held'), env: noBus, code: 1 },
    { name: 'alias that is a key', args: get('sk-abcdefghijklmnop'), env: bare, code: 2 },
    { name: 'proxy URL with credentials', args: ['key', 'get', '--reveal', '--alias', 'held', '--proxy-url', 'http://u:p@localhost:1'], env: bare, code: 2 },
    { name: 'masked get', args: ['key', 'get', '--alias', 'held', '--proxy-url', server.url], env: bare, code: 0 },
    { name: 'resolve held', args: ['openclaw', 'resolve'], env: bare, input: resolve(`held/${server.url}`, `held/${server.url}`), code: 0 },
    { name: 'resolve held by hashed id', args: ['openclaw', 'resolve'], env: bare, input: resolve(secretRefId(`held@${server.url}`).replace(/\/.*/, '/h0000000000000000')), code: 0 },
    { name: 'resolve missing beside held', args: ['openclaw', 'resolve'], env: bare, input: resolve(`held/${server.url}`, `nobody/${server.url}`), code: 0 },
    { name: 'resolve from the plain-text file', args: ['openclaw', 'resolve'], env: bare, input: resolve(`filed/${server.url}`), code: 0 },
    { name: 'resolve with no keychain', args: ['openclaw', 'resolve'], env: noBus, input: resolve(`held/${server.url}`), code: 0 },
    { name: 'resolve, bad request', args: ['openclaw', 'resolve'], env: bare, input: '{"protocolVersion":2}', code: 1 },
    { name: 'resolve, more than 1 MiB', args: ['openclaw', 'resolve'], env: bare, input: resolve(...Array<string>(40_000).fill(`held/${server.url}`)), code: 1 },
    { name: 'version', args: ['--version'], env: bare, code: 0 },
  ];
  for (const c of cases) {
    const cli = await runFile(CLI, c.args, c.env, c.input);
    const helper = await runFile(HELPER, c.args, c.env, c.input);
    assert.equal(cli.code, c.code, `${c.name}: ${cli.stderr}`);
    assert.deepEqual(helper, cli, c.name);
    assert.ok(!`${cli.stdout}${cli.stderr}`.includes(held) || c.name.startsWith('held') || c.name.startsWith('resolve held') || c.name.startsWith('resolve missing'), `${c.name}: no secret where none was asked for`);
  }
  const revealed = await runFile(HELPER, get('held', '--quiet'), bare);
  assert.equal(revealed.stdout, `${held}\n`);
  assert.deepEqual(await runFile(OLLM, get('held', '--quiet'), bare), revealed, 'bin/ollm runs the helper for it');
  for (const version of ['--version', '-v']) {
    assert.deepEqual(await runFile(OLLM, [version], bare), await runFile(CLI, [version], bare), `bin/ollm answers ${version} as the CLI does`);
  }

  // The helper alone (no cli-process.js beside it; @napi-rs/keyring found through NODE_PATH):
  // the held key and OpenClaw's answer come from it, and a missing key fails for want of the CLI.
  const alone = mkdtempSync(join(tmpdir(), 'ollm-key-helper-'));
  t.after(() => rmSync(alone, { recursive: true, force: true }));
  copyFileSync(HELPER, join(alone, 'key-helper.cjs'));
  const aloneEnv = { ...bare, NODE_PATH: join(ROOT, 'node_modules') };
  const own = await runFile(join(alone, 'key-helper.cjs'), get('held', '--quiet'), aloneEnv);
  assert.deepEqual([own.code, own.stdout, own.stderr], [0, `${held}\n`, '']);
  const answered = await runFile(join(alone, 'key-helper.cjs'), ['openclaw', 'resolve'], aloneEnv, resolve(`held/${server.url}`));
  assert.deepEqual([answered.code, JSON.parse(answered.stdout), answered.stderr], [0, { protocolVersion: 1, values: { [`held/${server.url}`]: held } }, '']);
  const typed = await runFile(join(alone, 'key-helper.cjs'), ['key', 'get', '--reveal', '--alias', 'held'], { ...aloneEnv, LITELLM_PROXY_URL: server.url });
  assert.deepEqual([typed.code, typed.stdout, typed.stderr], [0, `${held}\n`, ''], 'ollm key get --reveal as typed');
  const handedOn = await runFile(join(alone, 'key-helper.cjs'), get('nobody'), aloneEnv);
  assert.notEqual(handedOn.code, 0);
  assert.match(handedOn.stderr, /cli-process\.js/, 'a missing key goes to the CLI');
});
