// Installing a pinned real program from npm into <repo>/.cache once, shared by every test process:
// a cross-process lock (a directory only one process can make, stale when its owner is gone or far
// too old), a marker file written last (its presence means the install is complete), and npm run
// with the parent's environment minus what `npm test` exported, each step logged to a file; and
// pinnedProgram(), the one way a test asks for such a program: install it or say why it cannot
// (a skip reason outside CI, a failure in CI). Every test/support/<program>.ts installs through it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * <repo>/.cache/<name>-<version>. .cache is shared by every checkout (it may be a link), so paths
 * inside an install are worked out from this folder, never read back from a marker: the checkout
 * that installed may be gone.
 */
export function cacheDir(name: string, version: string): string {
  return join(ROOT, '.cache', `${name}-${version}`);
}

export interface PinnedProgram<T> {
  /** Install (once, under the lock of installOnce) or reuse the program; rejects with the reason it cannot. */
  ensure(): Promise<T>;
  /**
   * Why it cannot be used here, or null. Before ensure() has been awaited only what is known without
   * installing (a finished install, a missing npm); afterwards that install's failure. So:
   * `await ensure().catch(() => {})`, then ask.
   */
  unavailableReason(): string | null;
  /** A test's skip reason: installs first; outside CI the reason it cannot, in CI false (the test then fails on ensure()). */
  skip(): Promise<string | false>;
}

/** A pinned program from npm, `title` e.g. "Codex 0.171.0", installed by `spec`. */
export function pinnedProgram<T>(title: string, spec: CachedInstall<T>): PinnedProgram<T> {
  let installing: Promise<T> | undefined;
  let failure: string | null = null;
  const ensure = () => (installing ??= installOnce(spec).catch((error: unknown) => {
    failure = `${title} could not be installed: ${error instanceof Error ? error.message : String(error)}`;
    throw new Error(failure, { cause: error });
  }));
  const unavailableReason = () => {
    if (failure) return failure;
    if (spec.readMarker()) return null;
    if (spawnSync('npm', ['--version'], { stdio: 'ignore', timeout: 30_000 }).status !== 0) return `npm is not on PATH, so ${title} cannot be installed`;
    return null;
  };
  const skip = async () => {
    await ensure().catch(() => {});
    const reason = unavailableReason();
    return reason && !process.env.CI ? reason : false;
  };
  return { ensure, unavailableReason, skip };
}

const MARKER = 'installed.json';
const SCRATCH = '.tmp';

/** The finished install's marker, if it is there and so is every file in `needs` (an install moved or partly deleted by hand is none). */
export function readInstallMarker<M extends object>(dir: string, needs: string[]): M | undefined {
  try {
    const marker = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as M;
    return needs.every((file) => existsSync(file)) ? marker : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A package.json of our own makes the install a project install (no global prefix touched) and
 * states its install-script policy (`allowScripts`: the packages whose scripts may run).
 */
export function writeHarnessPackage(dir: string, name: string, description: string, allowScripts?: Record<string, boolean>): void {
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, private: true, description, ...(allowScripts && { allowScripts }) }, null, 2)}\n`);
}

/** npm's environment for an install: cleanNpmEnv() with TMPDIR in a scratch folder inside `dir` (npm on Node 24 would otherwise leave /tmp/node-compile-cache). */
export function installEnv(dir: string): NodeJS.ProcessEnv {
  const tmp = join(dir, SCRATCH);
  mkdirSync(tmp, { recursive: true });
  return { ...cleanNpmEnv(), TMPDIR: tmp };
}

/** Fail unless `<command> <args> --version` exits 0 and prints `version`; HOME is a throwaway folder inside `dir`. */
export function checkVersion(dir: string, command: string, args: string[], version: string, env: NodeJS.ProcessEnv): void {
  const home = join(dir, 'version-check-home');
  const check = spawnSync(command, [...args, '--version'], { encoding: 'utf8', timeout: 60_000, env: { ...env, HOME: home } });
  rmSync(home, { recursive: true, force: true });
  const output = `${check.stdout ?? ''}${check.stderr ?? ''}`;
  if (check.status !== 0 || !output.includes(version)) throw new Error(`${command} ${[...args, '--version'].join(' ')} failed (${check.status ?? check.error?.message}): ${output.trim()}`);
}

/** The last step of an install: the scratch folder goes, the marker is written (its presence means the install is complete). */
export function finishInstall<T extends object>(dir: string, result: T, started: number, title: string): T {
  rmSync(join(dir, SCRATCH), { recursive: true, force: true });
  const seconds = Math.round((Date.now() - started) / 1000);
  writeFileSync(join(dir, MARKER), `${JSON.stringify({ ...result, installedAt: new Date().toISOString(), seconds }, null, 2)}\n`);
  process.stderr.write(`note: ${title} installed in ${seconds} s\n`);
  return result;
}

export interface CachedInstall<T> {
  /** The install folder, <repo>/.cache/<name>-<version>; `<dir>.lock` is its lock. */
  dir: string;
  /** The finished install, read from its marker, or undefined (none, or its files are gone). */
  readMarker(): T | undefined;
  /** Install into `dir` (emptied first) and write the marker last. */
  install(): Promise<T>;
  /** How long an install may take at most. */
  timeoutMs: number;
}

/** The finished install, else install it under the lock (or wait for the process that holds it). */
export async function installOnce<T>(spec: CachedInstall<T>): Promise<T> {
  const done = spec.readMarker();
  if (done) return done;
  const lock = `${spec.dir}.lock`;
  const staleMs = spec.timeoutMs + 5 * 60_000;
  mkdirSync(dirname(spec.dir), { recursive: true });
  const deadline = Date.now() + spec.timeoutMs + staleMs;
  for (;;) {
    try {
      mkdirSync(lock); // atomic: exactly one process gets to install
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const finished = spec.readMarker();
    if (finished) return finished; // another process finished while we waited
    if (lockIsStale(lock, staleMs)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  try {
    writeFileSync(join(lock, 'owner.json'), JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now() }));
    if (spec.readMarker()) return spec.readMarker()!;
    rmSync(spec.dir, { recursive: true, force: true }); // a folder without a marker is a failed install
    mkdirSync(spec.dir, { recursive: true });
    return await spec.install();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A lock is stale when its owner (on this host) is gone, or it is far older than any install takes. */
function lockIsStale(lock: string, staleMs: number): boolean {
  try {
    const owner = JSON.parse(readFileSync(join(lock, 'owner.json'), 'utf8')) as { pid: number; host: string; since: number };
    if (Date.now() - owner.since > staleMs) return true;
    if (owner.host !== hostname()) return false;
    try {
      process.kill(owner.pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    // The owner has not written owner.json yet, or the lock predates it: judge by the folder's age.
    try {
      return Date.now() - statSync(lock).mtimeMs > staleMs;
    } catch {
      return false; // gone already; the next mkdir will tell
    }
  }
}

/**
 * The parent's environment minus what `npm test` / `npm run` exported (npm_config_local_prefix,
 * npm_lifecycle_*, …), which would point the nested npm at this repo; network settings stay.
 */
export function cleanNpmEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cafile|ca|strict_ssl|proxy|https_proxy|noproxy|userconfig|cache)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || keep.test(name)));
}

/** Run an install step, appending its output to `log`; fail with a one-line summary. */
export function runLogged(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; log: string; timeoutMs: number }, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${label}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      writeFileSync(opts.log, `$ ${command} ${args.join(' ')}\n${output}\n`, { flag: 'a' });
      if (code === 0) resolve();
      else reject(new Error(`${label} exited with ${code ?? signal}: ${summarize(output)} (full output in ${opts.log})`));
    });
  });
}

/** One line for a skip reason: npm's error code line if any, else the last line that says something. */
function summarize(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line && !/complete log of this run/.test(line));
  return lines.find((line) => /^npm error code /.test(line)) ?? lines.at(-1) ?? 'no output';
}

/** `npm <args>` into `dir` as a project install with exact versions, logged. */
export function npmInto(dir: string, args: string[], env: NodeJS.ProcessEnv, log: string, timeoutMs: number): Promise<void> {
  const flags = ['--prefix', dir, '--save-exact', '--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=warn'];
  return runLogged('npm', [...args, ...flags], { cwd: dir, env, log, timeoutMs }, `npm ${args.join(' ')}`);
}
