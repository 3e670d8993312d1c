// Runs the REAL Codex CLI in tests: installs a pinned @openai/codex from the npm registry into
// <repo>/.cache/codex-<version> once (shared by all test processes; the package carries its own
// binary), then runs it with a clean environment in a throwaway HOME.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cacheDir, checkVersion, cleanNpmEnv, finishInstall, npmInto, pinnedProgram, readInstallMarker, writeHarnessPackage } from './cached-install.ts';

export const CODEX_VERSION = '0.171.0';

const DIR = cacheDir('codex', CODEX_VERSION);
const INSTALL_LOG = join(DIR, 'install.log');
const INSTALL_TIMEOUT_MS = 15 * 60_000;
const CODEX = join(DIR, 'node_modules', '@openai', 'codex', 'bin', 'codex.js');

export interface CodexInstall {
  /** The npm launcher (`bin/codex.js`), run with node: it picks the platform binary as `npm i -g` would. */
  codex: string;
  version: string;
  dir: string;
}

const codex = pinnedProgram(`Codex ${CODEX_VERSION}`, { dir: DIR, readMarker, install, timeoutMs: INSTALL_TIMEOUT_MS });
/** Install (once, under a cross-process lock: cached-install.ts) or reuse the pinned Codex in <repo>/.cache. */
export const ensureCodex = codex.ensure;
/** Why the real Codex cannot be used here, or null (after `await ensureCodex().catch(() => {})`). */
export const codexUnavailableReason = codex.unavailableReason;
/** A test's skip reason: outside CI why Codex cannot run here, in CI false. */
export const codexSkip = codex.skip;

function readMarker(): CodexInstall | undefined {
  const marker = readInstallMarker<{ version: string }>(DIR, [CODEX]);
  return marker && { codex: CODEX, version: marker.version, dir: DIR };
}

async function install(): Promise<CodexInstall> {
  const started = Date.now();
  process.stderr.write(`note: installing @openai/codex@${CODEX_VERSION} into ${DIR} (~424 MB, the binary is inside the package)\n`);
  // Codex has no install scripts.
  writeHarnessPackage(DIR, 'ollm-codex-harness', 'The real Codex CLI for ollm tests (test/support/codex.ts)');
  await npmInto(DIR, ['install', `@openai/codex@${CODEX_VERSION}`], cleanNpmEnv(), INSTALL_LOG, INSTALL_TIMEOUT_MS);
  checkVersion(DIR, process.execPath, [CODEX], CODEX_VERSION, { PATH: '/usr/bin:/bin' });
  return finishInstall(DIR, { codex: CODEX, version: CODEX_VERSION, dir: DIR }, started, `Codex ${CODEX_VERSION}`);
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
  const { codex: launcher } = await ensureCodex();
  const env: NodeJS.ProcessEnv = { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', NO_COLOR: '1', ...options.env };
  const child = spawn(process.execPath, [launcher, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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
