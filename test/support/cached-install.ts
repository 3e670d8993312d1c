// Installing a pinned real program from npm into <repo>/.cache once, shared by every test process:
// a cross-process lock (a directory only one process can make, stale when its owner is gone or far
// too old), a marker file written last (its presence means the install is complete), and npm run
// with the parent's environment minus what `npm test` exported, each step logged to a file.
// test/support/openclaw.ts and pi.ts install through it.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';

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
