// Runs the REAL Claude Code in tests: installs the pinned @anthropic-ai/claude-code from the npm
// registry into <repo>/.cache once (shared by all test processes; its postinstall copies the native
// binary out of @anthropic-ai/claude-code-<os>-<arch>), then runs `claude` with a clean environment.
// The npm wrapper wants Node >= 22: the install runs on the Node 24 that test/support/openclaw.ts
// keeps under .cache when it is there, else on this node (npm only warns about `engines`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureOpenClaw } from './openclaw.ts';

export const CLAUDE_CODE_VERSION = '2.1.332';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = join(ROOT, '.cache', `claude-code-${CLAUDE_CODE_VERSION}`);
const LOCK = `${DIR}.lock`;
const MARKER = join(DIR, 'installed.json'); // written last: its presence means the install is complete
const INSTALL_LOG = join(DIR, 'install.log');
const INSTALL_TIMEOUT_MS = 15 * 60_000;

export interface ClaudeCodeInstall {
  /** Absolute path of the `claude` program (the native binary the package installs). */
  claude: string;
  version: string;
  dir: string;
}

let installing: Promise<ClaudeCodeInstall> | undefined;
let failure: string | null = null;

/** Why the real Claude Code cannot be used here, or null (after `await ensureClaudeCode().catch(() => {})`). */
export function claudeCodeUnavailableReason(): string | null {
  if (failure) return failure;
  if (readMarker()) return null;
  if (spawnSync('npm', ['--version'], { stdio: 'ignore', timeout: 30_000 }).status !== 0) return 'npm is not on PATH, so Claude Code cannot be installed';
  return null;
}

/** The skip reason of a test that runs the real Claude Code: false in CI (a missing install fails there). */
export async function claudeCodeSkip(): Promise<string | false> {
  await ensureClaudeCode().catch(() => {});
  const reason = claudeCodeUnavailableReason();
  return reason && !process.env.CI ? `no Claude Code: ${reason}` : false;
}

/** Install (once, under a cross-process lock) or reuse the pinned Claude Code in <repo>/.cache. */
export function ensureClaudeCode(): Promise<ClaudeCodeInstall> {
  installing ??= (async () => {
    try {
      return readMarker() ?? (await installUnderLock());
    } catch (error) {
      failure = `Claude Code ${CLAUDE_CODE_VERSION} could not be installed: ${error instanceof Error ? error.message : String(error)}`;
      throw new Error(failure, { cause: error });
    }
  })();
  return installing;
}

/** The binary the package's postinstall puts in place. */
const CLAUDE = join(DIR, 'node_modules', '@anthropic-ai', 'claude-code', 'bin', 'claude.exe');

// The paths are this checkout's, not the marker's: .cache may be shared by several checkouts.
function readMarker(): ClaudeCodeInstall | undefined {
  try {
    const { version } = JSON.parse(readFileSync(MARKER, 'utf8')) as ClaudeCodeInstall;
    return existsSync(CLAUDE) && version === CLAUDE_CODE_VERSION ? { claude: CLAUDE, version, dir: DIR } : undefined;
  } catch {
    return undefined;
  }
}

async function installUnderLock(): Promise<ClaudeCodeInstall> {
  mkdirSync(dirname(DIR), { recursive: true });
  const deadline = Date.now() + 2 * INSTALL_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK); // atomic: exactly one process installs
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const done = readMarker();
    if (done) return done;
    // A lock older than any install is left by a killed installer.
    if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > INSTALL_TIMEOUT_MS) rmSync(LOCK, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  try {
    return readMarker() ?? (await install());
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Node >= 22 for npm and the postinstall: OpenClaw's Node 24 when it is installed, else this one. */
async function nodeBinDir(): Promise<string> {
  if (Number(process.versions.node.split('.')[0]) >= 22) return dirname(process.execPath);
  const openclaw = await ensureOpenClaw().catch(() => undefined);
  return openclaw ? dirname(openclaw.node) : dirname(process.execPath);
}

async function install(): Promise<ClaudeCodeInstall> {
  const started = Date.now();
  rmSync(DIR, { recursive: true, force: true }); // a folder without a marker is a failed install
  mkdirSync(DIR, { recursive: true });
  process.stderr.write(`note: installing @anthropic-ai/claude-code@${CLAUDE_CODE_VERSION} into ${DIR} (~400 MB)\n`);
  writeFileSync(join(DIR, 'package.json'), `${JSON.stringify({
    name: 'ollm-claude-code-harness', private: true,
    description: 'The real Claude Code for ollm tests (test/support/claude-code.ts)',
    allowScripts: { '@anthropic-ai/claude-code': true },
  }, null, 2)}\n`);
  const tmp = join(DIR, '.tmp');
  mkdirSync(tmp);
  const keep = /^npm_config_(registry|cafile|ca|strict_ssl|proxy|https_proxy|noproxy|userconfig|cache)$/i;
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || keep.test(name))),
    TMPDIR: tmp, PATH: `${await nodeBinDir()}${delimiter}${process.env.PATH ?? ''}`,
  };
  await run('npm', ['install', `@anthropic-ai/claude-code@${CLAUDE_CODE_VERSION}`, '--prefix', DIR, '--save-exact', '--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=warn'], env);
  const claude = CLAUDE;
  const check = spawnSync(claude, ['--version'], { encoding: 'utf8', timeout: 60_000, env: { PATH: env.PATH, HOME: tmp } });
  if (check.status !== 0 || !check.stdout.includes(CLAUDE_CODE_VERSION)) throw new Error(`claude --version failed (${check.status}): ${check.stdout}${check.stderr}`);
  rmSync(tmp, { recursive: true, force: true });
  const result: ClaudeCodeInstall = { claude, version: CLAUDE_CODE_VERSION, dir: DIR };
  writeFileSync(MARKER, `${JSON.stringify({ ...result, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) }, null, 2)}\n`);
  return result;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(command, args, { cwd: DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), INSTALL_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      writeFileSync(INSTALL_LOG, `$ ${command} ${args.join(' ')}\n${output}\n`, { flag: 'a' });
      const last = output.split('\n').map((l) => l.trim()).filter(Boolean).find((l) => /^npm error code /.test(l)) ?? output.trim().split('\n').at(-1) ?? 'no output';
      if (code === 0) resolve();
      else reject(new Error(`npm ${args.slice(0, 2).join(' ')} exited with ${code ?? signal}: ${last} (full output in ${INSTALL_LOG})`));
    });
  });
}

export interface RunClaudeResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `claude <args>` with only HOME, PATH, TMPDIR, LANG, CLAUDE_CONFIG_DIR and what `env` adds: no
 * ANTHROPIC_* from the developer's shell leaks in. Stdin is closed.
 */
export async function runClaude(args: string[], options: { home: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number }): Promise<RunClaudeResult> {
  const cc = await ensureClaudeCode();
  const env: NodeJS.ProcessEnv = {
    HOME: options.home, PATH: process.env.PATH, TMPDIR: join(options.home, 'tmp'), LANG: 'C.UTF-8', NO_COLOR: '1',
    CLAUDE_CONFIG_DIR: join(options.home, '.claude'),
    // No telemetry, no update check, no error reports: this machine has no network but the proxy.
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_AUTOUPDATER: '1',
    ...options.env,
  };
  mkdirSync(env.TMPDIR!, { recursive: true });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(cc.claude, args, { cwd: options.cwd ?? options.home, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const timer = setTimeout(() => {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
    }, options.timeoutMs ?? 120_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
