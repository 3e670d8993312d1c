// One test's world: a fresh LiteLLM-compatible server (its own port, so keychain accounts never
// collide between tests), a temporary HOME, and the environment that ties them together.
// By default `ollm` runs in this process (test/support/in-process.ts) with an in-memory keychain;
// `spawned: true` runs the built binary against its file's own real Secret Service instead, for what
// needs a real process (a terminal, the real keyring, processes racing). `realKeychain: true` is
// in between, for the kill matrices: commands run in-process on the real Secret Service, so the one
// command that is SIGKILLed (killDuring, a process) shares their keychain. Where no Secret Service
// can run, `realKeychain` or `spawned` gives a shared file store world instead: keys are made with
// `world.storeFlags` (`--store file`), so every process, in-process or spawned, shares the one
// plain-text file, and the keychain is absent (any use of it fails, as on such a machine). A test
// that is about the keychain itself keeps its `needsSecretService` gate and never gets this world.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext, TestOptions } from 'node:test';
import { test } from './keyring-test.ts';
import { startFakeLiteLLM, type FakeLiteLLM, type FakeLiteLLMOptions } from './litellm-server.ts';
import { keychainEnv, makeHome, runOllm, secretServiceSkip, type RunResult, type TempHome } from './cli.ts';
import { clearSecrets, lookupSecret, searchSecrets } from './secret-service.ts';
import { runInProcess } from './in-process.ts';
import { memoryKeychain, type MemoryKeychain } from './memory-keychain.ts';
import { instantSleep } from './instant-sleep.ts';
import { withServices, type Services } from '../../src/services.ts';

export interface WorldOptions extends FakeLiteLLMOptions {
  /** Spawn bin/ollm with the real Secret Service instead of running in-process. */
  spawned?: boolean;
  /**
   * Run in-process, but on a store that programs started from the test see too: the file's real
   * Secret Service, or where none can run, the file store (see `store`, `storeFlags`).
   */
  realKeychain?: boolean;
  /** In-process only: services other than the real ones and the in-memory keychain (a fake clock, scripted prompts). */
  services?: Partial<Services>;
}

export interface World {
  server: FakeLiteLLM;
  home: TempHome;
  /** True when `ollm` spawns the binary (and keys live in the real keychain). */
  spawned: boolean;
  /** True when a binary started with `env()` sees the same keys as `ollm` (the real keychain, or the shared file store). */
  sharesKeychain: boolean;
  /**
   * Where this world's keys are kept: the in-memory keychain (in-process), the real Secret
   * Service, or the plain-text file store (a realKeychain world on a machine without a Secret Service).
   */
  store: 'memory' | 'keychain' | 'file';
  /** Flags that make `key create` (and `login`) keep the key in this world's store: `--store file` for the file store, else none. */
  storeFlags: string[];
  /** The in-memory keychain of an in-process world (undefined when spawned). */
  keychain: MemoryKeychain | undefined;
  /** The pauses (services.sleep, in ms) that in-process commands asked for: they return at once. Undefined when spawned. */
  waits: number[] | undefined;
  /** Env for ollm: temp HOME, shared keychain, proxy URL and master key (override with `extra`). */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  ollm(args: string[], options?: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number }): Promise<RunResult>;
  /** Entries of virtual keys for this world's proxy in its store, by alias. */
  heldKeys(): Map<string, string>;
  /** The key the world's store holds for one alias on this world's proxy (an exact lookup). */
  heldKey(alias: string): string | undefined;
  /** Env for a run that finds no keychain at all (no D-Bus session); in-process, the memory keychain fails as the real one does then. */
  noKeychain(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Entries of one service (`ollm-pending`, `ollm-master`…) in the world's store whose account names this world's proxy: account → secret. */
  entries(service: string): Map<string, string>;
  close(): Promise<void>;
}

export async function openWorld(options: WorldOptions = {}): Promise<World> {
  const { spawned = false, realKeychain = false, services: overrides, ...serverOptions } = options;
  const server = await startFakeLiteLLM(serverOptions);
  if ((realKeychain || spawned) && secretServiceSkip()) return sharedFileStoreWorld(server, spawned);
  if (spawned || realKeychain) return realKeychainWorld(server, spawned);
  return inProcessWorld(server, overrides);
}

function baseEnv(home: TempHome, server: FakeLiteLLM, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...home.env, LITELLM_PROXY_URL: server.url, LITELLM_MASTER_KEY: server.masterKey ?? undefined, ...extra };
}

function inProcessWorld(server: FakeLiteLLM, overrides: Partial<Services> = {}): World {
  const home = makeHome();
  const keychain = memoryKeychain();
  const { sleep, waits } = instantSleep();
  const services = withServices({ keychain: keychain.backend, sleep, ...overrides });
  // The keys live in this process's memory: a program started with this env (the binary on a
  // terminal, a resolver) gets a bus address no client can connect to, so it fails loudly instead
  // of reading the shared real keyring, which holds none of them.
  const env = (extra: NodeJS.ProcessEnv = {}) => baseEnv(home, server, { DBUS_SESSION_BUS_ADDRESS: 'disabled:', ...extra });
  const suffix = `@${server.url}`;
  return {
    server,
    home,
    spawned: false,
    sharesKeychain: false,
    store: 'memory',
    storeFlags: [],
    keychain,
    waits,
    env,
    ollm: (args, opts = {}) => runInProcess(args, { env: opts.env ?? env(), input: opts.input, timeoutMs: opts.timeoutMs, services }),
    heldKey: (alias) => keychain.get('ollm', `${alias}${suffix}`),
    heldKeys: () => byAlias(keychain.entries('ollm'), suffix),
    noKeychain(extra) {
      keychain.failWith(NO_BUS_MESSAGE);
      return env(extra);
    },
    entries: (service) => new Map([...keychain.entries(service)].filter(([account]) => account.endsWith(server.url))),
    async close() {
      try {
        await server.close();
      } finally {
        home.cleanup();
      }
    },
  };
}

/** The keychain services ollm writes: a key, a parked (pending) key, a saved master key. */
const WORLD_SERVICES = ['ollm', 'ollm-pending', 'ollm-master'];

function realKeychainWorld(server: FakeLiteLLM, spawned: boolean): World {
  const home = makeHome();
  const keychain = keychainEnv();
  // In-process, @napi-rs/keyring reads the bus address from this process's own environment.
  if (!spawned && !keychain.skip) process.env.DBUS_SESSION_BUS_ADDRESS = keychain.env.DBUS_SESSION_BUS_ADDRESS;
  // Ports are reused, and a cleanup is best effort (a busy keyring, a test cut short): an earlier
  // world on this port may have left entries, which would read as keys held here.
  if (!keychain.skip) clearSecrets(keychain.env, WORLD_SERVICES, server.url);
  const env = (extra: NodeJS.ProcessEnv = {}) => baseEnv(home, server, { ...keychain.env, ...extra });
  const { sleep, waits } = instantSleep();
  const services = withServices({ sleep });
  const entries = (service: string) => {
    const found = new Map<string, string>();
    for (const item of searchSecrets(keychain.env, service)) {
      if (item.username?.endsWith(server.url) && item.secret !== undefined) found.set(item.username, item.secret);
    }
    return found;
  };
  return {
    server,
    home,
    spawned,
    sharesKeychain: true,
    store: 'keychain',
    storeFlags: [],
    keychain: undefined,
    waits: spawned ? undefined : waits,
    env,
    ollm: (args, opts = {}) => spawned
      ? runOllm(args, { env: opts.env ?? env(), input: opts.input, timeoutMs: opts.timeoutMs })
      : runInProcess(args, { env: opts.env ?? env(), input: opts.input, timeoutMs: opts.timeoutMs, services }),
    heldKey: (alias) => lookupSecret(keychain.env, 'ollm', `${alias}@${server.url}`),
    heldKeys: () => byAlias(entries('ollm'), `@${server.url}`),
    noKeychain(extra) {
      // In-process the library reads this process's bus address, which a test must not take away.
      if (!spawned) throw new Error('noKeychain: a realKeychain world cannot hide its keychain; use a spawned or in-memory world');
      return env({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home.dir, 'no-bus')}`, ...extra });
    },
    entries,
    async close() {
      try {
        // Ports are reused: a later test's server may get this URL, so leave no entries for it.
        // Accounts are `<alias>@<url>`, and a saved master key's is the URL itself.
        if (!keychain.skip) clearSecrets(keychain.env, WORLD_SERVICES, server.url);
      } finally {
        // Always: an open server would keep the test process alive forever.
        await server.close();
        home.cleanup();
      }
    },
  };
}

/**
 * The kill matrices and spawned tests where no Secret Service can run: in-process runs and the processes
 * share the plain-text file store (`--store file`, `storeFlags`), which separate processes share
 * as they share a keychain. The keychain is absent for both: in-process the memory keychain fails
 * as an absent one does, and a spawned binary gets a bus address where no socket exists, so a
 * command that wrongly asks the keychain fails the test instead of quietly using another store.
 */
function sharedFileStoreWorld(server: FakeLiteLLM, spawned: boolean): World {
  const home = makeHome();
  const keychain = memoryKeychain();
  keychain.failWith(NO_BUS_MESSAGE);
  const { sleep, waits } = instantSleep();
  const services = withServices({ keychain: keychain.backend, sleep });
  const env = (extra: NodeJS.ProcessEnv = {}) => baseEnv(home, server, { DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home.dir, 'no-bus')}`, ...extra });
  // The file store's format (src/secrets/insecure-file-store.ts): { version: 1, secrets: { "<service>/<account>": secret } }.
  const storeFile = join(home.env.XDG_STATE_HOME!, 'ollm', 'insecure-secrets.json');
  const secrets = (): Record<string, string> => {
    try {
      return (JSON.parse(readFileSync(storeFile, 'utf8')) as { secrets: Record<string, string> }).secrets;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  };
  const entries = (service: string) => {
    const found = new Map<string, string>();
    for (const [name, secret] of Object.entries(secrets())) {
      if (name.startsWith(`${service}/`) && name.endsWith(server.url)) found.set(name.slice(service.length + 1), secret);
    }
    return found;
  };
  return {
    server,
    home,
    spawned,
    sharesKeychain: true,
    store: 'file',
    storeFlags: ['--store', 'file'],
    keychain: undefined,
    waits: spawned ? undefined : waits,
    env,
    ollm: (args, opts = {}) => spawned
      ? runOllm(args, { env: opts.env ?? env(), input: opts.input, timeoutMs: opts.timeoutMs })
      : runInProcess(args, { env: opts.env ?? env(), input: opts.input, timeoutMs: opts.timeoutMs, services }),
    heldKey: (alias) => secrets()[`ollm/${alias}@${server.url}`],
    heldKeys: () => byAlias(entries('ollm'), `@${server.url}`),
    noKeychain: (extra) => env(extra),
    entries,
    async close() {
      try {
        await server.close();
      } finally {
        home.cleanup();
      }
    },
  };
}

/** What @napi-rs/keyring says when the session bus it was given does not exist. */
const NO_BUS_MESSAGE = 'Platform secure storage failure: DBus error: Failed to connect to socket /no-bus: No such file or directory';

const needingProcess = new Set<string>();
const killing = new Set<string>();

/**
 * `test` for a test that needs a real process (a SIGKILL, processes racing for a lock, the real
 * keyring): a file's `beforeEach` opens its world with `openWorld({ spawned: needsProcess(t) })`.
 */
export function spawnedTest(name: string, options: TestOptions, fn: (t: TestContext) => Promise<void>): void {
  needingProcess.add(name);
  void test(name, options, fn);
}

/** Whether the test `t` (a beforeEach's context) was declared with spawnedTest. */
export function needsProcess(t: { name: string }): boolean {
  return needingProcess.has(t.name);
}

/**
 * `test` for a test that SIGKILLs one command (killDuring): its world runs the rest in-process on
 * the real keychain, `openWorld({ realKeychain: killsProcess(t) })`, so only the killed one is a process.
 */
export function killTest(name: string, options: TestOptions, fn: (t: TestContext) => Promise<void>): void {
  killing.add(name);
  void test(name, options, fn);
}

/** Whether the test `t` was declared with killTest. */
export function killsProcess(t: { name: string }): boolean {
  return killing.has(t.name);
}

/** `<alias><suffix>` accounts → alias → secret. */
function byAlias(entries: Map<string, string>, suffix: string): Map<string, string> {
  const held = new Map<string, string>();
  for (const [account, secret] of entries) if (account.endsWith(suffix)) held.set(account.slice(0, -suffix.length), secret);
  return held;
}

/** Parse a command's --json stdout; fails the test with the output when it is not JSON. */
export function json<T = Record<string, any>>(result: RunResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}
