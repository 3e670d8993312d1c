// One test's world: a fresh LiteLLM-compatible server (its own port, so keychain accounts never
// collide between tests), a temporary HOME, and the environment that ties them together.
import { startFakeLiteLLM, type FakeLiteLLM, type FakeLiteLLMOptions } from './litellm-server.ts';
import { keychainEnv, makeHome, runOllm, type RunResult, type TempHome } from './cli.ts';
import { clearSecrets, lookupSecret, searchSecrets } from './secret-service.ts';

export interface World {
  server: FakeLiteLLM;
  home: TempHome;
  /** Env for ollm: temp HOME, shared keychain, proxy URL and master key (override with `extra`). */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  ollm(args: string[], options?: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number }): Promise<RunResult>;
  /** Keychain entries of virtual keys for this world's proxy, by alias. */
  heldKeys(): Map<string, string>;
  /** The key the keychain holds for one alias on this world's proxy (an exact lookup). */
  heldKey(alias: string): string | undefined;
  close(): Promise<void>;
}

export async function openWorld(options: FakeLiteLLMOptions = {}): Promise<World> {
  const server = await startFakeLiteLLM(options);
  const home = makeHome();
  const keychain = keychainEnv();
  const env = (extra: NodeJS.ProcessEnv = {}) => ({
    ...home.env, ...keychain.env, LITELLM_PROXY_URL: server.url, LITELLM_MASTER_KEY: server.masterKey ?? undefined, ...extra,
  });
  return {
    server,
    home,
    env,
    ollm: (args, opts = {}) => runOllm(args, { env: opts.env ?? env(), input: opts.input, timeoutMs: opts.timeoutMs }),
    heldKey: (alias) => lookupSecret(keychain.env, 'ollm', `${alias}@${server.url}`),
    heldKeys() {
      const suffix = `@${server.url}`;
      const held = new Map<string, string>();
      for (const item of searchSecrets(keychain.env, 'ollm')) {
        if (item.username?.endsWith(suffix) && item.secret !== undefined) held.set(item.username.slice(0, -suffix.length), item.secret);
      }
      return held;
    },
    async close() {
      try {
        // Ports are reused: a later test's server may get this URL, so leave no entries for it.
        // Accounts are `<alias>@<url>`, and a saved master key's is the URL itself.
        if (!keychain.skip) clearSecrets(keychain.env, ['ollm', 'ollm-pending', 'ollm-master'], server.url);
      } finally {
        // Always: an open server would keep the test process alive forever.
        await server.close();
        home.cleanup();
      }
    },
  };
}

/** Parse a command's --json stdout; fails the test with the output when it is not JSON. */
export function json<T = Record<string, any>>(result: RunResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}
