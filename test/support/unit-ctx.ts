// A Ctx for unit tests of handlers and services: a temporary HOME, buffer streams, an in-memory
// keychain and the real HTTP client, pointed at a fake LiteLLM (or at no proxy at all).
import { afterEach, beforeEach } from 'node:test';
import { PassThrough } from 'node:stream';
import type { Ctx, GlobalArgs } from '../../src/context.ts';
import { WiredCtx } from '../../src/composition/ctx.ts';
import { withServices, type Services } from '../../src/services.ts';
import { makeHome, type TempHome } from './cli.ts';
import { memoryKeychain, type MemoryKeychain } from './memory-keychain.ts';
import { instantSleep } from './instant-sleep.ts';
import { startFakeLiteLLM, type FakeLiteLLM } from './litellm-server.ts';

export interface UnitCtx {
  ctx: Ctx;
  keychain: MemoryKeychain;
  home: TempHome;
  /** What was written to stderr so far (warnings, debug). */
  stderr(): string;
  cleanup(): void;
}

export const DEFAULT_GLOBALS: GlobalArgs = {
  json: false, timeout: 30, debug: false, masterKeyStdin: false, allowInsecureHttp: false, quiet: false,
};

export function unitCtx(options: {
  proxyUrl?: string; masterKey?: string | null; env?: NodeJS.ProcessEnv; args?: Partial<GlobalArgs>; services?: Partial<Services>;
  /** stdin and stderr claim to be a terminal (so the command asks; answer through services.prompts). */
  terminal?: boolean;
} = {}): UnitCtx {
  const home = makeHome();
  const keychain = memoryKeychain();
  const stderr = new PassThrough();
  let written = '';
  stderr.on('data', (chunk: Buffer) => { written += chunk.toString(); });
  const terminal = options.terminal ? { isTTY: true } : {};
  const io = { stdout: new PassThrough(), stderr: Object.assign(stderr, terminal), stdin: Object.assign(new PassThrough(), terminal) };
  const env: NodeJS.ProcessEnv = {
    ...home.env,
    LITELLM_PROXY_URL: options.proxyUrl,
    LITELLM_MASTER_KEY: options.masterKey === undefined ? 'sk-master-test' : options.masterKey ?? undefined,
    ...options.env,
  };
  const ctx = new WiredCtx({ ...DEFAULT_GLOBALS, ...options.args }, io, env, withServices({ keychain: keychain.backend, sleep: instantSleep().sleep, ...options.services }));
  return { ctx, keychain, home, stderr: () => written, cleanup: () => home.cleanup() };
}

/** For a test file: before each test a fresh fake LiteLLM and a unitCtx on it with this clock; after it, both gone. */
export function proxyPerTest(now: Date): { readonly server: FakeLiteLLM; readonly unit: UnitCtx } {
  const current = {} as { server: FakeLiteLLM; unit: UnitCtx };
  beforeEach(async () => {
    current.server = await startFakeLiteLLM();
    current.unit = unitCtx({ proxyUrl: current.server.url, services: { now: () => now } });
  });
  afterEach(async () => {
    current.unit.cleanup();
    await current.server.close();
  });
  return current;
}
