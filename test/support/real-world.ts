// One test file's world against the real LiteLLM: the proxy (shared by the file's tests, since
// it takes seconds to start), and per test a temporary HOME and the environment tying them.
// ollm runs in this process on the in-memory keychain, as the CLI tests do: these suites are
// about what the real proxy answers, and run without a Secret Service. A test that SIGKILLs a
// spawned ollm keeps that key in the file store (`--store file`), which both processes see.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome, type RunResult, type TempHome } from './cli.ts';
import { after, afterEach, before, beforeEach } from 'node:test';
import { startRealLiteLLM, type RealLiteLLM } from './real-litellm.ts';
import { realGate } from './real-litellm-gate.ts';
import { runInProcess } from './in-process.ts';
import { memoryKeychain } from './memory-keychain.ts';
import { withServices } from '../../src/services.ts';

export interface RealWorld {
  proxy: RealLiteLLM;
  home: TempHome;
  /** Env for ollm (in-process, or a spawned one): no D-Bus session, so nothing reaches a real keychain. */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  ollm(args: string[], options?: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number }): Promise<RunResult>;
  /** The key held here for an alias: in the in-memory keychain, else in the file store. */
  heldKey(alias: string): string | undefined;
  /**
   * A key made on the real proxy with fields ollm never sends (key_type, …) and then held here,
   * as if an earlier ollm had made it: /key/update cannot set those fields afterwards.
   */
  holdKeyMadeWith(alias: string, fields: Record<string, unknown>): Promise<string>;
  /** The real proxy's records for an alias (full objects, newest first). */
  keysByAlias(alias: string): Promise<Array<Record<string, any>>>;
  close(): void;
}

export function openRealWorld(proxy: RealLiteLLM): RealWorld {
  const home = makeHome();
  const keychain = memoryKeychain();
  const services = withServices({ keychain: keychain.backend });
  const env = (extra: NodeJS.ProcessEnv = {}) => ({
    ...home.env, DBUS_SESSION_BUS_ADDRESS: 'disabled:', LITELLM_PROXY_URL: proxy.url, LITELLM_MASTER_KEY: proxy.masterKey, ...extra,
  });
  const fileStore = join(home.dir, '.local', 'state', 'ollm', 'insecure-secrets.json');
  const inFileStore = (account: string): string | undefined => {
    try {
      return (JSON.parse(readFileSync(fileStore, 'utf8')) as { secrets: Record<string, string> }).secrets[`ollm/${account}`];
    } catch {
      return undefined;
    }
  };
  return {
    proxy,
    home,
    env,
    ollm: (args, opts = {}) => runInProcess(args, { env: opts.env ?? env(), input: opts.input, timeoutMs: opts.timeoutMs ?? 60_000, services }),
    heldKey: (alias) => keychain.get('ollm', `${alias}@${proxy.url}`) ?? inFileStore(`${alias}@${proxy.url}`),
    async holdKeyMadeWith(alias, fields) {
      const { status, body } = await proxy.call('POST', '/key/generate', { body: { key_alias: alias, metadata: { ollm_managed: 'true' }, ...fields } });
      if (status !== 200) throw new Error(`/key/generate answered ${status}: ${JSON.stringify(body)}`);
      keychain.set('ollm', `${alias}@${proxy.url}`, body.key as string);
      return body.key as string;
    },
    async keysByAlias(alias) {
      const { status, body } = await proxy.call('GET', `/key/list?key_alias=${encodeURIComponent(alias)}&return_full_object=true&size=100`);
      if (status !== 200) throw new Error(`/key/list answered ${status}: ${JSON.stringify(body)}`);
      return (body as { keys: Array<Record<string, any>> }).keys;
    },
    close() {
      home.cleanup();
    },
  };
}

export interface RealSuite {
  proxy: RealLiteLLM;
  world: RealWorld;
}

/**
 * The usual shape of a real-proxy test file: one proxy for the file (it takes seconds to start),
 * a fresh world for each test. Read `proxy` and `world` from the returned object inside tests.
 */
export function realSuite(options: Parameters<typeof startRealLiteLLM>[0] = {}): RealSuite {
  const suite = {} as RealSuite;
  // Where the real LiteLLM cannot run, its tests are skipped (realGate): start nothing for them.
  before(async () => { if (!realGate.skip) suite.proxy = await startRealLiteLLM(options); });
  after(async () => { await suite.proxy?.stop(); });
  beforeEach(() => { if (!realGate.skip) suite.world = openRealWorld(suite.proxy); });
  afterEach(() => { suite.world?.close(); });
  return suite;
}
