// The outside world a command reaches through Ctx, as one injectable bundle: HTTP, the keychain,
// the prompts, the clock and waiting. main.ts passes nothing and gets the real ones; a test passes fakes
// (an in-memory keychain, a scripted prompt) and runs a handler in-process.
import type { Readable, Writable } from 'node:stream';
import type { LineOptions } from './io/line-editor.ts';
import type { TtyInput } from './io/prompt.ts';
import { napiKeychainBackend, type KeychainBackend } from './secrets/keychain-backend.ts';

export type { KeychainBackend, KeychainEntry } from './secrets/keychain-backend.ts';

/** How ollm asks the person at the terminal (or reads a pipe). Same shapes as src/io/prompt.ts and line-editor.ts. */
export interface Prompts {
  /** A secret typed without echo. */
  hidden(question: string, stdin: TtyInput, stderr: Writable): Promise<string>;
  /** The first line of a piped stdin. */
  firstLine(stdin: Readable): Promise<string>;
  /** y/N on a terminal. */
  confirm(question: string, stdin: Readable, stderr: Writable): Promise<boolean>;
  /** One edited line, with a default, validation and a live check. */
  line(question: string, stdin: TtyInput, out: Writable, options?: LineOptions): Promise<string>;
}

export interface Services {
  /** The HTTP client's transport; it must leave redirects alone (see node-fetch.ts). */
  fetch: typeof globalThis.fetch;
  /** Makes keychain entries; KeychainStore keeps its timeouts and error mapping around them. */
  keychain: KeychainBackend;
  prompts: Prompts;
  now: () => Date;
  /** Wait this long (a pause before asking the proxy again; `--wait-cluster` waiting out the proxies' key caches); tests pass one that returns at once and records. */
  sleep: (ms: number) => Promise<void>;
  /**
   * Replace this process with a program (execve(2)), where Node has it (22.15+, not Windows), so
   * `ollm exec` leaves no ollm process behind whose environment the program could read. Absent
   * in tests that run commands in-process: the test runner must not be replaced.
   */
  replaceProcess?: ReplaceProcess;
}

export type ReplaceProcess = (file: string, args: string[], env: NodeJS.ProcessEnv) => never;

/** process.execve, which @types/node 20 does not declare yet. */
function nodeExecve(): ReplaceProcess | undefined {
  const execve = (process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never }).execve;
  return typeof execve === 'function' ? (file, args, env) => execve.call(process, file, args, env) : undefined;
}

// Loaded when first used, as before: a command that never prompts or fetches does not pay for them.
const prompt = () => import('./io/prompt.ts');

export const realPrompts: Prompts = {
  hidden: async (question, stdin, stderr) => (await prompt()).promptHidden(question, stdin, stderr),
  firstLine: async (stdin) => (await prompt()).readFirstLine(stdin),
  confirm: async (question, stdin, stderr) => (await prompt()).confirm(question, stdin, stderr),
  line: async (question, stdin, out, options) => (await import('./io/line-editor.ts')).askLine(question, stdin, out, options),
};

/** node:http(s) (see node-fetch.ts), loaded on the first request. */
const realFetch: typeof globalThis.fetch = async (input, init) => (await import('./litellm/node-fetch.ts')).nodeFetch(input, init);

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The real world: node:http(s), the OS keychain, the terminal, the system clock and timers. */
export function defaultServices(): Services {
  return { fetch: realFetch, keychain: napiKeychainBackend, prompts: realPrompts, now: () => new Date(), sleep: realSleep, replaceProcess: nodeExecve() };
}

/** The real services with some replaced (a test's fakes); never the process replacement, which a test opts into. */
export function withServices(overrides: Partial<Services> = {}): Services {
  return { ...defaultServices(), replaceProcess: undefined, ...overrides };
}
