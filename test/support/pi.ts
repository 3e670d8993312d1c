// Runs the REAL pi (@mariozechner/pi-coding-agent) in tests: installs the pinned version from the
// npm registry into <repo>/.cache/pi-<version> once (shared by all test processes, under the
// cross-process lock of cached-install.ts), then runs it with a clean environment.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanNpmEnv, installOnce, npmInto } from './cached-install.ts';

export const PI_VERSION = '0.73.1';
const PACKAGE = '@mariozechner/pi-coding-agent';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CACHE = join(ROOT, '.cache');
const DIR = join(CACHE, `pi-${PI_VERSION}`);
const MARKER = join(DIR, 'installed.json'); // written last: its presence means the install is complete
const INSTALL_LOG = join(DIR, 'install.log');
const INSTALL_TIMEOUT_MS = 10 * 60_000;

export interface PiInstall {
  /** The Node that runs it (this test's; pi 0.73.1 asks for >= 20.6). */
  node: string;
  /** Absolute path of pi's JS entry (dist/cli.js); run it as `node cli.js …`. */
  cli: string;
  /** A directory holding an executable `pi` (for PATH), which runs cli.js on the `node` found on PATH. */
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

/** Install (once, under a cross-process lock: cached-install.ts) or reuse pi in <repo>/.cache. */
export function ensurePi(): Promise<PiInstall> {
  installing ??= installOnce({ dir: DIR, readMarker, install, timeoutMs: INSTALL_TIMEOUT_MS }).catch((error: unknown) => {
    failure = `pi ${PI_VERSION} could not be installed: ${error instanceof Error ? error.message : String(error)}`;
    throw new Error(failure, { cause: error });
  });
  return installing;
}

// Paths are worked out from DIR, not read from the marker: .cache is shared between worktrees,
// and the one that installed may be gone.
const CLI = join(DIR, 'node_modules', ...PACKAGE.split('/'), 'dist', 'cli.js');
const BIN_DIR = join(DIR, 'bin');

function readMarker(): PiInstall | undefined {
  try {
    const { version } = JSON.parse(readFileSync(MARKER, 'utf8')) as PiInstall;
    const found = existsSync(CLI) && existsSync(join(BIN_DIR, 'pi'));
    return found ? { node: process.execPath, cli: CLI, binDir: BIN_DIR, version, dir: DIR } : undefined;
  } catch {
    return undefined;
  }
}

async function install(): Promise<PiInstall> {
  const started = Date.now();
  process.stderr.write(`note: installing ${PACKAGE}@${PI_VERSION} into ${DIR} (~200 MB)\n`);
  writeFileSync(join(DIR, 'package.json'), `${JSON.stringify({ name: 'ollm-pi-harness', private: true, description: 'The real pi for ollm tests (test/support/pi.ts)' }, null, 2)}\n`);
  const tmp = join(DIR, '.tmp');
  mkdirSync(tmp);
  // No install scripts: pi itself has none, and what its dependencies build (koffi, protobufjs)
  // is not on the path of a `pi -p` turn against an OpenAI-compatible proxy.
  await npmInto(DIR, ['install', `${PACKAGE}@${PI_VERSION}`, '--ignore-scripts'], { ...cleanNpmEnv(), TMPDIR: tmp }, INSTALL_LOG, INSTALL_TIMEOUT_MS);
  const cli = CLI;
  const version = (JSON.parse(readFileSync(join(DIR, 'node_modules', ...PACKAGE.split('/'), 'package.json'), 'utf8')) as { version: string }).version;
  // `pi` for PATH: the absolute node and the entry, so no `#!/usr/bin/env node` lookup decides which Node runs it.
  const binDir = BIN_DIR;
  mkdirSync(binDir, { recursive: true });
  // `node` on PATH at run time (tests put this Node first): the wrapper outlives the worktree that wrote it.
  writeFileSync(join(binDir, 'pi'), `#!/bin/sh\nexec node "$(dirname "$0")/../node_modules/@mariozechner/pi-coding-agent/dist/cli.js" "$@"\n`, { mode: 0o755 });
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
