// Runs the REAL pi (@mariozechner/pi-coding-agent) in tests: installs the pinned version from the
// npm registry into <repo>/.cache/pi-<version> once (shared by all test processes, under a
// cross-process lock), then runs it with a clean environment.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PI_VERSION = '0.73.1';
const PACKAGE = '@mariozechner/pi-coding-agent';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CACHE = join(ROOT, '.cache');
const DIR = join(CACHE, `pi-${PI_VERSION}`);
const LOCK = `${DIR}.lock`;
const MARKER = join(DIR, 'installed.json'); // written last: its presence means the install is complete
const INSTALL_LOG = join(DIR, 'install.log');
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const STALE_LOCK_MS = 15 * 60_000;

export interface PiInstall {
  /** The Node that runs it (this test's; pi 0.73.1 asks for >= 20.6). */
  node: string;
  /** Absolute path of pi's JS entry (dist/cli.js); run it as `node cli.js …`. */
  cli: string;
  /** A directory holding an executable `pi` (for PATH), which runs cli.js on `node`. */
  binDir: string;
  version: string;
  dir: string;
}

let installing: Promise<PiInstall> | undefined;
let failure: string | null = null;

/** Why the real pi cannot be used here, or null (after `await ensurePi().catch(() => {})`). */
export function piUnavailableReason(): string | null {
  if (failure) return failure;
  if (readMarker()) return null;
  if (spawnSync('npm', ['--version'], { stdio: 'ignore', timeout: 30_000 }).status !== 0) return 'npm is not on PATH, so pi cannot be installed';
  return null;
}

/** Install (once, under a cross-process lock) or reuse pi in <repo>/.cache. */
export function ensurePi(): Promise<PiInstall> {
  installing ??= (async () => {
    try {
      return readMarker() ?? (await installUnderLock());
    } catch (error) {
      failure = `pi ${PI_VERSION} could not be installed: ${error instanceof Error ? error.message : String(error)}`;
      throw new Error(failure, { cause: error });
    }
  })();
  return installing;
}

function readMarker(): PiInstall | undefined {
  try {
    const install = JSON.parse(readFileSync(MARKER, 'utf8')) as PiInstall;
    return existsSync(install.cli) && existsSync(join(install.binDir, 'pi')) && existsSync(install.node) ? install : undefined;
  } catch {
    return undefined;
  }
}

async function installUnderLock(): Promise<PiInstall> {
  mkdirSync(CACHE, { recursive: true });
  const deadline = Date.now() + INSTALL_TIMEOUT_MS + STALE_LOCK_MS;
  for (;;) {
    try {
      mkdirSync(LOCK); // atomic: exactly one process gets to install
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const done = readMarker();
    if (done) return done;
    if (lockIsStale()) {
      rmSync(LOCK, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  try {
    writeFileSync(join(LOCK, 'owner.json'), JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now() }));
    return readMarker() ?? (await install());
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function lockIsStale(): boolean {
  try {
    const owner = JSON.parse(readFileSync(join(LOCK, 'owner.json'), 'utf8')) as { pid: number; host: string; since: number };
    if (Date.now() - owner.since > STALE_LOCK_MS) return true;
    if (owner.host !== hostname()) return false;
    try {
      process.kill(owner.pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    try {
      return Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS;
    } catch {
      return false;
    }
  }
}

async function install(): Promise<PiInstall> {
  const started = Date.now();
  rmSync(DIR, { recursive: true, force: true }); // a folder without a marker is a failed install
  mkdirSync(DIR, { recursive: true });
  process.stderr.write(`note: installing ${PACKAGE}@${PI_VERSION} into ${DIR} (~200 MB)\n`);
  writeFileSync(join(DIR, 'package.json'), `${JSON.stringify({ name: 'ollm-pi-harness', private: true, description: 'The real pi for ollm tests (test/support/pi.ts)' }, null, 2)}\n`);
  const tmp = join(DIR, '.tmp');
  mkdirSync(tmp);
  // No install scripts: pi itself has none, and what its dependencies build (koffi, protobufjs)
  // is not on the path of a `pi -p` turn against an OpenAI-compatible proxy.
  await npm(['install', `${PACKAGE}@${PI_VERSION}`, '--ignore-scripts'], { ...cleanNpmEnv(), TMPDIR: tmp });
  const cli = join(DIR, 'node_modules', ...PACKAGE.split('/'), 'dist', 'cli.js');
  const version = (JSON.parse(readFileSync(join(DIR, 'node_modules', ...PACKAGE.split('/'), 'package.json'), 'utf8')) as { version: string }).version;
  // `pi` for PATH: the absolute node and the entry, so no `#!/usr/bin/env node` lookup decides which Node runs it.
  const binDir = join(DIR, 'bin');
  mkdirSync(binDir, { recursive: true });
  writeFileSync(join(binDir, 'pi'), `#!/bin/sh\nexec '${process.execPath}' '${cli}' "$@"\n`, { mode: 0o755 });
  const checkHome = join(DIR, 'version-check-home');
  const check = spawnSync(join(binDir, 'pi'), ['--version'], { encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH, HOME: checkHome } });
  rmSync(checkHome, { recursive: true, force: true });
  if (check.status !== 0 || !`${check.stdout}${check.stderr}`.includes(version)) throw new Error(`pi --version failed (${check.status}): ${check.stdout}${check.stderr}`);
  rmSync(tmp, { recursive: true, force: true });
  const result: PiInstall = { node: process.execPath, cli, binDir, version, dir: DIR };
  writeFileSync(MARKER, `${JSON.stringify({ ...result, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) }, null, 2)}\n`);
  process.stderr.write(`note: pi ${version} installed in ${Math.round((Date.now() - started) / 1000)} s\n`);
  return result;
}

/** The parent's environment minus what `npm test` exported (it would point the nested npm at this repo). */
function cleanNpmEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cafile|ca|strict_ssl|proxy|https_proxy|noproxy|userconfig|cache)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || keep.test(name)));
}

function npm(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const flags = ['--prefix', DIR, '--save-exact', '--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=warn'];
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn('npm', [...args, ...flags], { cwd: DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), INSTALL_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('close', (code) => {
      clearTimeout(timer);
      writeFileSync(INSTALL_LOG, `$ npm ${args.join(' ')}\n${output}\n`, { flag: 'a' });
      if (code === 0) resolve();
      else reject(new Error(`npm ${args.join(' ')} exited with ${code}: ${output.trim().split('\n').find((l) => l.startsWith('npm error code ')) ?? output.trim().split('\n').at(-1)} (full output in ${INSTALL_LOG})`));
    });
  });
}

export interface RunPiResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * `pi <args>` with a clean environment: HOME, PATH (pi's bin first), TMPDIR, LANG, NO_COLOR and
 * PI_OFFLINE (no update check), then `env` on top. stdin is closed: pi must never wait on a TTY.
 */
export async function runPi(args: string[], options: { home: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number }): Promise<RunPiResult> {
  const pi = await ensurePi();
  const env: NodeJS.ProcessEnv = {
    HOME: options.home, PATH: [pi.binDir, process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(':'),
    TMPDIR: process.env.TMPDIR ?? '/tmp', LANG: 'C.UTF-8', NO_COLOR: '1', PI_OFFLINE: '1',
  };
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const child = spawn(pi.node, [pi.cli, ...args], { cwd: options.cwd ?? options.home, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => {
    timedOut = true;
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
  }, options.timeoutMs ?? 90_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (c) => resolve(c));
    });
    return { code, stdout, stderr, timedOut };
  } finally {
    clearTimeout(timer);
  }
}
