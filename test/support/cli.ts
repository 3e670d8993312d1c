// Runs the built CLI as a user would: a spawned process with its own temporary HOME.
import { spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, mkdirSync, readdirSync, readlinkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { secretServiceUnavailableReason, startSecretServiceSync, type SecretService } from './secret-service.ts';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const OLLM = join(ROOT, 'bin', 'ollm');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface TempHome {
  dir: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

/** A private HOME (with XDG dirs inside) and a minimal environment: nothing leaks in from the developer's. */
export function makeHome(extra: NodeJS.ProcessEnv = {}): TempHome {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-home-'));
  mkdirSync(join(dir, '.config'), { recursive: true });
  return {
    dir,
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, '.config'),
      XDG_STATE_HOME: join(dir, '.local', 'state'),
      NODE_DISABLE_COMPILE_CACHE: '1',
      ...extra,
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

let ownSecretService: SecretService | undefined;
let cleanupRecord: string | undefined;
let unavailableReason: string | null | undefined;

/**
 * Why this machine has no Secret Service for the tests, as a skip reason, or false; starts
 * nothing. OLLM_TEST_KEYCHAIN_UNAVAILABLE (set by test/run.ts when the tools are missing, or by
 * hand to see what a machine without them runs) wins.
 */
export function secretServiceSkip(): string | false {
  unavailableReason ??= process.env.OLLM_TEST_KEYCHAIN_UNAVAILABLE || secretServiceUnavailableReason();
  return unavailableReason ? `no Secret Service: ${unavailableReason}` : false;
}

/**
 * This test file's own private Secret Service (started on first use, about 60 ms, stopped when the
 * file's process exits), or why there is none. One per file, never one per run: two files that
 * share a keyring can lock, freeze or fill it under each other.
 */
export function keychainEnv(): { env: NodeJS.ProcessEnv; skip: false } | { env: NodeJS.ProcessEnv; skip: string } {
  const skip = secretServiceSkip();
  if (skip) return { env: {}, skip };
  if (!ownSecretService) {
    const service = startSecretServiceSync();
    const record = recordForCleanup(service);
    process.on('exit', () => {
      service.stop();
      if (record) rmSync(record, { force: true });
    });
    ownSecretService = service;
    cleanupRecord = record;
  }
  return { env: { ...ownSecretService.env }, skip: false };
}

// A file killed by the runner's timeout never runs its exit handler: test/run.ts stops every
// daemon recorded here when the run ends.
function recordForCleanup(service: SecretService, record?: string): string | undefined {
  const dir = process.env.OLLM_TEST_DAEMONS_DIR;
  if (!dir) return undefined;
  record ??= join(dir, `${process.pid}-${service.busPid}`);
  writeFileSync(record, `${service.keyringPid} ${service.busPid}\n`);
  return record;
}

/** This file's own Secret Service, once keychainEnv started it. */
export function fileSecretService(): SecretService | undefined {
  return ownSecretService;
}

/**
 * If this file's gnome-keyring-daemon has died, start a new one on the same bus (same entries,
 * unlocked), record the crash for test/run.ts's summary, and return what the daemon last logged;
 * null while it runs (or when this file started none). gnome-keyring 42 dies now and then when a
 * client disconnects in the middle of a request (docs/testing.md, "gnome-keyring crashes").
 */
export function reviveKeyringIfCrashed(during: string): string | null {
  const service = ownSecretService;
  if (!service || service.keyringRuns()) return null;
  const oldPid = service.keyringPid;
  const lastWords = service.restartKeyring();
  recordForCleanup(service, cleanupRecord);
  const dir = process.env.OLLM_TEST_DAEMONS_DIR;
  if (dir) {
    writeFileSync(join(dir, `crash-${process.pid}-${oldPid}`),
      `${relative(ROOT, process.argv[1] ?? '?')}: gnome-keyring-daemon ${oldPid} died during "${during}"${lastWords ? `; it last said: ${lastWords.replace(/\s+/g, ' ')}` : ''}\n`);
  }
  return lastWords;
}

/**
 * The one gate of a test that really uses the OS keychain (its file's own Secret Service, or a keyring
 * of its own): `{ skip: reason }` where none can run, so the test is reported skipped with the
 * reason (and no beforeEach opens a world for it). A test that runs in-process on the in-memory
 * keychain, or on `--store file`, needs no gate.
 */
export const needsSecretService: { skip: string | false } = { skip: secretServiceSkip() };

/**
 * The environment of a machine without a session bus (a nonexistent socket, never the
 * developer's): ollm finds no keychain there and works from the file store (`--store file`).
 */
export const NO_SESSION_BUS: NodeJS.ProcessEnv = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ollm-test-no-bus' };

/** Where a test that spawns ollm, and programs that run it, keeps its keys (see `programStore`). */
export interface ProgramStore {
  kind: 'keychain' | 'file';
  /** The session bus of this file's own Secret Service, or none at all (NO_SESSION_BUS). */
  env: NodeJS.ProcessEnv;
  /** What `key create` needs to keep the key there: none for the keychain, `--store file` else. */
  storeFlags: string[];
}

/**
 * For tests about what a real program does with the key ollm gave it, not about the keychain:
 * this file's own Secret Service, or where none can run, the plain-text file store, which every
 * process started from the test reads the same way. A case that needs the keychain itself (a
 * style that keeps the key out of every file) keeps its `needsSecretService` gate.
 */
export function programStore(): ProgramStore {
  const keychain = keychainEnv();
  return keychain.skip
    ? { kind: 'file', env: { ...NO_SESSION_BUS }, storeFlags: ['--store', 'file'] }
    : { kind: 'keychain', env: keychain.env, storeFlags: [] };
}

/** Spawn bin/ollm (with this Node, or `node` — e.g. Node 24 from the OpenClaw harness). */
export function runOllm(args: string[], options: { env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; node?: string }): Promise<RunResult> {
  return runCollected(options.node ?? process.execPath, [OLLM, ...args], options);
}

/**
 * Spawn a program with stdio on pipes, give it `input` (or an empty, closed stdin), and collect
 * its exit code and output; SIGKILLed after `timeoutMs` (default 30 s).
 */
export function runCollected(command: string, args: string[], options: { env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    // A child that exits before reading stdin (a usage error) closes the pipe: that EPIPE is no
    // failure of the test, whose exit code and output are still asserted.
    child.stdin.on('error', (error: NodeJS.ErrnoException) => { if (error.code !== 'EPIPE') reject(error); });
    child.stdin.end(options.input ?? '');
  });
}

/** Every file below a directory with its content, to prove a command changed nothing. */
export function snapshotTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      // A link is recorded as the link (dangling or looping ones included), not followed.
      const link = lstatSync(full);
      if (link.isSymbolicLink()) out.set(full, `-> ${readlinkSync(full)}`);
      else if (link.isDirectory()) walk(full);
      else out.set(full, readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}
