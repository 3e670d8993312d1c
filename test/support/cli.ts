// Runs the built CLI as a user would: a spawned process with its own temporary HOME.
import { spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, mkdirSync, readdirSync, readlinkSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/**
 * The shared private Secret Service started by test/run.ts, or why there is none.
 * OLLM_TEST_KEYCHAIN_UNAVAILABLE (set by test/run.ts when the tools are missing, or by hand to
 * see what a machine without them runs) wins over a bus address.
 */
export function keychainEnv(): { env: NodeJS.ProcessEnv; skip: false } | { env: NodeJS.ProcessEnv; skip: string } {
  const unavailable = process.env.OLLM_TEST_KEYCHAIN_UNAVAILABLE;
  const address = process.env.OLLM_TEST_DBUS_SESSION_BUS_ADDRESS;
  if (address && !unavailable) return { env: { DBUS_SESSION_BUS_ADDRESS: address }, skip: false };
  return { env: {}, skip: `no Secret Service: ${unavailable ?? 'run the suite with npm test'}` };
}

/**
 * The one gate of a test that really uses the OS keychain (the shared Secret Service, or a keyring
 * of its own): `{ skip: reason }` where none can run, so the test is reported skipped with the
 * reason (and no beforeEach opens a world for it). A test that runs in-process on the in-memory
 * keychain, or on `--store file`, needs no gate.
 */
export const needsSecretService: { skip: string | false } = { skip: keychainEnv().skip };

/** Spawn bin/ollm (with this Node, or `node` — e.g. Node 24 from the OpenClaw harness). */
export function runOllm(args: string[], options: { env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; node?: string }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.node ?? process.execPath, [OLLM, ...args], { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
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
