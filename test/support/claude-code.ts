// Runs the REAL Claude Code in tests: installs the pinned @anthropic-ai/claude-code from the npm
// registry into <repo>/.cache once (shared by all test processes; its postinstall copies the native
// binary out of @anthropic-ai/claude-code-<os>-<arch>), then runs `claude` with a clean environment.
// The npm wrapper wants Node >= 22: the install runs on the Node 24 that test/support/openclaw.ts
// keeps under .cache when it is there, else on this node (npm only warns about `engines`).
import { mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { cacheDir, checkVersion, finishInstall, installEnv, npmInto, pinnedProgram, readInstallMarker, writeHarnessPackage } from './cached-install.ts';
import { runWithDeadline, type DeadlineRunResult } from './run-with-deadline.ts';
import { ensureOpenClaw } from './openclaw.ts';

export const CLAUDE_CODE_VERSION = '2.1.332';

const DIR = cacheDir('claude-code', CLAUDE_CODE_VERSION);
const INSTALL_LOG = join(DIR, 'install.log');
const INSTALL_TIMEOUT_MS = 15 * 60_000;
/** The binary the package's postinstall puts in place. */
const CLAUDE = join(DIR, 'node_modules', '@anthropic-ai', 'claude-code', 'bin', 'claude.exe');

export interface ClaudeCodeInstall {
  /** Absolute path of the `claude` program (the native binary the package installs). */
  claude: string;
  version: string;
  dir: string;
}

const claudeCode = pinnedProgram(`Claude Code ${CLAUDE_CODE_VERSION}`, { dir: DIR, readMarker, install, timeoutMs: INSTALL_TIMEOUT_MS });
// ensure / unavailable reason / skip of a test: cached-install.ts's PinnedProgram.
export const { ensure: ensureClaudeCode, unavailableReason: claudeCodeUnavailableReason, skip: claudeCodeSkip } = claudeCode;

function readMarker(): ClaudeCodeInstall | undefined {
  const marker = readInstallMarker<{ version: string }>(DIR, [CLAUDE]);
  return marker && { claude: CLAUDE, version: marker.version, dir: DIR };
}

/** Node >= 22 for npm and the postinstall: OpenClaw's Node 24 when it is installed, else this one. */
async function nodeBinDir(): Promise<string> {
  if (Number(process.versions.node.split('.')[0]) >= 22) return dirname(process.execPath);
  const openclaw = await ensureOpenClaw().catch(() => undefined);
  return openclaw ? dirname(openclaw.node) : dirname(process.execPath);
}

async function install(): Promise<ClaudeCodeInstall> {
  const started = Date.now();
  process.stderr.write(`note: installing @anthropic-ai/claude-code@${CLAUDE_CODE_VERSION} into ${DIR} (~400 MB)\n`);
  writeHarnessPackage(DIR, 'ollm-claude-code-harness', 'The real Claude Code for ollm tests (test/support/claude-code.ts)', { '@anthropic-ai/claude-code': true });
  const env = installEnv(DIR);
  env.PATH = `${await nodeBinDir()}${delimiter}${process.env.PATH ?? ''}`;
  await npmInto(DIR, ['install', `@anthropic-ai/claude-code@${CLAUDE_CODE_VERSION}`], env, INSTALL_LOG, INSTALL_TIMEOUT_MS);
  checkVersion(DIR, CLAUDE, [], CLAUDE_CODE_VERSION, { PATH: env.PATH });
  return finishInstall(DIR, { claude: CLAUDE, version: CLAUDE_CODE_VERSION, dir: DIR }, started, `Claude Code ${CLAUDE_CODE_VERSION}`);
}

/**
 * `claude <args>` with only HOME, PATH, TMPDIR, LANG, CLAUDE_CONFIG_DIR and what `env` adds: no
 * ANTHROPIC_* from the developer's shell leaks in. Stdin is closed.
 */
export async function runClaude(args: string[], options: { home: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number }): Promise<DeadlineRunResult> {
  const cc = await ensureClaudeCode();
  const env: NodeJS.ProcessEnv = {
    HOME: options.home, PATH: process.env.PATH, TMPDIR: join(options.home, 'tmp'), LANG: 'C.UTF-8', NO_COLOR: '1',
    CLAUDE_CONFIG_DIR: join(options.home, '.claude'),
    // No telemetry, no update check, no error reports: this machine has no network but the proxy.
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_AUTOUPDATER: '1',
    ...options.env,
  };
  mkdirSync(env.TMPDIR!, { recursive: true });
  return runWithDeadline([cc.claude, ...args], { env, cwd: options.cwd ?? options.home, timeoutMs: options.timeoutMs });
}
