// Runs the REAL Codex CLI in tests: installs a pinned @openai/codex from the npm registry into
// <repo>/.cache/codex-<version> once (shared by all test processes; the package carries its own
// binary), then runs it with a clean environment in a throwaway HOME.
import { join } from 'node:path';
import { cacheDir, checkVersion, cleanNpmEnv, finishInstall, npmInto, pinnedProgram, readInstallMarker, writeHarnessPackage } from './cached-install.ts';
import { runWithDeadline, type DeadlineRunResult } from './run-with-deadline.ts';

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
// ensure / unavailable reason / skip of a test: cached-install.ts's PinnedProgram.
export const { ensure: ensureCodex, unavailableReason: codexUnavailableReason, skip: codexSkip } = codex;

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

/**
 * `codex <args>` with a clean environment: HOME (so ~/.codex is the test's), PATH without the
 * developer's tools, no OPENAI_* or proxy variables from outside, then `env` on top. stdin is
 * closed (`codex exec` reads a prompt from it when one is piped).
 */
export async function runCodex(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs?: number }): Promise<DeadlineRunResult> {
  const { codex: launcher } = await ensureCodex();
  const env: NodeJS.ProcessEnv = { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', NO_COLOR: '1', ...options.env };
  return runWithDeadline([process.execPath, launcher, ...args], { env, cwd: options.cwd, timeoutMs: options.timeoutMs });
}
