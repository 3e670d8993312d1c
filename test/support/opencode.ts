// The REAL OpenCode in tests: the pinned `opencode-ai` from the npm registry (its compiled binary
// comes in the platform package it depends on), installed once into <repo>/.cache, shared by all
// test processes, and run with HOME and the XDG folders in a test's own home.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const OPENCODE_VERSION = '1.18.33';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = join(ROOT, '.cache', `opencode-${OPENCODE_VERSION}`);
const LOCK = `${DIR}.lock`;
const MARKER = join(DIR, 'installed.json'); // written last: its presence means the install is complete
const INSTALL_TIMEOUT_MS = 10 * 60_000;

export interface OpenCodeInstall {
  /** The `opencode` program (npm's bin link to the compiled binary). */
  bin: string;
  /** Its folder, to put on PATH. */
  binDir: string;
  version: string;
}

function readMarker(): OpenCodeInstall | undefined {
  try {
    const install = JSON.parse(readFileSync(MARKER, 'utf8')) as OpenCodeInstall;
    return existsSync(install.bin) ? install : undefined;
  } catch {
    return undefined;
  }
}

let installing: Promise<OpenCodeInstall> | undefined;

/** Install (once, under a cross-process lock) or reuse the pinned OpenCode in <repo>/.cache. */
export function ensureOpenCode(): Promise<OpenCodeInstall> {
  installing ??= (async () => {
    const done = readMarker();
    if (done) return done;
    mkdirSync(join(ROOT, '.cache'), { recursive: true });
    const deadline = Date.now() + INSTALL_TIMEOUT_MS;
    for (;;) {
      try {
        mkdirSync(LOCK);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const finished = readMarker();
      if (finished) return finished;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    try {
      return readMarker() ?? install();
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  })();
  return installing;
}

function install(): OpenCodeInstall {
  mkdirSync(DIR, { recursive: true });
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', DIR, `opencode-ai@${OPENCODE_VERSION}`], { encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS });
  if (npm.status !== 0) throw new Error(`npm install opencode-ai@${OPENCODE_VERSION} failed: ${(npm.stderr || npm.stdout).trim().split('\n').slice(-3).join(' ')}`);
  const binDir = join(DIR, 'node_modules', '.bin');
  const bin = join(binDir, 'opencode');
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 60_000 }).stdout.trim();
  if (version !== OPENCODE_VERSION) throw new Error(`the installed opencode says ${JSON.stringify(version)}, not ${OPENCODE_VERSION}`);
  const installed = { bin, binDir, version };
  writeFileSync(MARKER, JSON.stringify(installed));
  return installed;
}

/** Why the real OpenCode cannot be used here (outside CI), or false. */
export async function openCodeSkip(): Promise<string | false> {
  try {
    await ensureOpenCode();
    return false;
  } catch (error) {
    if (process.env.CI) throw error;
    return `OpenCode ${OPENCODE_VERSION} could not be installed: ${(error as Error).message}`;
  }
}

/** The folders OpenCode keeps its config, data, cache and state in, all inside `home`. */
export function openCodeEnv(home: string): NodeJS.ProcessEnv {
  return {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    // Offline: no update check, no model catalogue from models.dev.
    OPENCODE_DISABLE_AUTOUPDATE: '1',
    OPENCODE_DISABLE_MODELS_FETCH: '1',
  };
}

export interface RunResult { code: number | null; stdout: string; stderr: string }

/** Runs a command (opencode itself, or ollm around it) with a deadline; stdin closed. */
export function runWithDeadline(argv: string[], options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, options.timeoutMs ?? 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
