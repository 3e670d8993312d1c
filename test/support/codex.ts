// Runs the REAL Codex CLI in tests: installs a pinned @openai/codex from the npm registry into
// <repo>/.cache/codex-<version> once (shared by all test processes; the package carries its own
// binary), then runs it with a clean environment in a throwaway HOME.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODEX_VERSION = '0.171.0';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CACHE = join(ROOT, '.cache');
const DIR = join(CACHE, `codex-${CODEX_VERSION}`);
const LOCK = `${DIR}.lock`;
const MARKER = join(DIR, 'installed.json'); // written last: its presence means the install is complete
const INSTALL_TIMEOUT_MS = 15 * 60_000;
const STALE_LOCK_MS = 20 * 60_000;

export interface CodexInstall {
  /** The npm launcher (`bin/codex.js`), run with node: it picks the platform binary as `npm i -g` would. */
  codex: string;
  version: string;
  dir: string;
}

let installing: Promise<CodexInstall> | undefined;
let failure: string | null = null;

/** Why the real Codex cannot be used here, or null (after `await ensureCodex().catch(() => {})`). */
export function codexUnavailableReason(): string | null {
  if (failure) return failure;
  if (readMarker()) return null;
  if (spawnSync('npm', ['--version'], { stdio: 'ignore', timeout: 30_000 }).status !== 0) return 'npm is not on PATH, so Codex cannot be installed';
  return null;
}

/** Install (once, under a cross-process lock) or reuse the pinned Codex in <repo>/.cache. */
export function ensureCodex(): Promise<CodexInstall> {
  installing ??= (async () => {
    try {
      return readMarker() ?? (await installUnderLock());
    } catch (error) {
      failure = `Codex ${CODEX_VERSION} could not be installed: ${error instanceof Error ? error.message : String(error)}`;
      throw new Error(failure, { cause: error });
    }
  })();
  return installing;
}

function readMarker(): CodexInstall | undefined {
  try {
    const { codex, version, dir } = JSON.parse(readFileSync(MARKER, 'utf8')) as CodexInstall;
    return existsSync(codex) ? { codex, version, dir } : undefined;
  } catch {
    return undefined;
  }
}

async function installUnderLock(): Promise<CodexInstall> {
  mkdirSync(CACHE, { recursive: true });
  const deadline = Date.now() + INSTALL_TIMEOUT_MS + STALE_LOCK_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
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

async function install(): Promise<CodexInstall> {
  const started = Date.now();
  rmSync(DIR, { recursive: true, force: true }); // a folder without a marker is a failed install
  mkdirSync(DIR, { recursive: true });
  process.stderr.write(`note: installing @openai/codex@${CODEX_VERSION} into ${DIR} (~424 MB, the binary is inside the package)\n`);
  // A package.json of our own: a project install, no global prefix touched. Codex has no install scripts.
  writeFileSync(join(DIR, 'package.json'), `${JSON.stringify({ name: 'ollm-codex-harness', private: true, description: 'The real Codex CLI for ollm tests (test/support/codex.ts)' }, null, 2)}\n`);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || /^npm_config_(registry|cafile|ca|strict_ssl|proxy|https_proxy|noproxy|userconfig|cache)$/i.test(name)));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const child = spawn('npm', ['install', `@openai/codex@${CODEX_VERSION}`, '--prefix', DIR, '--save-exact', '--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=warn'], { cwd: DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), INSTALL_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('close', (code) => {
      clearTimeout(timer);
      writeFileSync(join(DIR, 'install.log'), output);
      if (code === 0) resolve();
      else reject(new Error(`npm install @openai/codex@${CODEX_VERSION} exited with ${code}: ${output.trim().split('\n').pop() ?? ''}`));
    });
  });
  const codex = join(DIR, 'node_modules', '@openai', 'codex', 'bin', 'codex.js');
  const check = spawnSync(process.execPath, [codex, '--version'], { encoding: 'utf8', timeout: 60_000, env: { PATH: '/usr/bin:/bin', HOME: DIR } });
  if (check.status !== 0 || !check.stdout.includes(CODEX_VERSION)) throw new Error(`codex --version failed (${check.status}): ${check.stdout}${check.stderr}`);
  const result: CodexInstall = { codex, version: CODEX_VERSION, dir: DIR };
  writeFileSync(MARKER, `${JSON.stringify({ ...result, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) }, null, 2)}\n`);
  return result;
}

export interface RunCodexResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * `codex <args>` with a clean environment: HOME (so ~/.codex is the test's), PATH without the
 * developer's tools, no OPENAI_* or proxy variables from outside, then `env` on top. stdin is
 * closed (`codex exec` reads a prompt from it when one is piped).
 */
export async function runCodex(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs?: number }): Promise<RunCodexResult> {
  const { codex } = await ensureCodex();
  const env: NodeJS.ProcessEnv = { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', NO_COLOR: '1', ...options.env };
  const child = spawn(process.execPath, [codex, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => {
    timedOut = true;
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
  }, options.timeoutMs ?? 120_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  }).finally(() => clearTimeout(timer));
  return { code, stdout, stderr, timedOut };
}
