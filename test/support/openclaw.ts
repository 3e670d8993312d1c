// Runs the REAL OpenClaw client in tests: installs Node 24 + a pinned openclaw from the npm registry
// into <repo>/.cache once (shared by all test processes), then runs it in a throwaway HOME.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { startFakeLiteLLM, type FakeLiteLLM } from './litellm-server.ts';

export const OPENCLAW_VERSION = '2026.9.6';
/** node@24 resolves to the newest 24.x; openclaw 2026.9.6 needs >= 24.16. */
const NODE_SPEC = 'node@24';
const MIN_NODE = [24, 16] as const;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CACHE = join(ROOT, '.cache');
const DIR = join(CACHE, `openclaw-${OPENCLAW_VERSION}`);
const LOCK = `${DIR}.lock`;
const MARKER = join(DIR, 'installed.json'); // written last: its presence means the install is complete
const INSTALL_LOG = join(DIR, 'install.log');
const INSTALL_TIMEOUT_MS = 15 * 60_000;
const STALE_LOCK_MS = 20 * 60_000;

export interface OpenClawInstall {
  /** Absolute path of the Node 24 binary. */
  node: string;
  /** Absolute path of openclaw's JS entry (openclaw.mjs); run it as `node openclaw.mjs …`. */
  openclaw: string;
  /** openclaw's version, e.g. "2026.9.6". */
  version: string;
  /** e.g. "v24.21.0". */
  nodeVersion: string;
  /** The install folder, <repo>/.cache/openclaw-<version>. */
  dir: string;
}

export interface RunOpenClawOptions {
  /** Becomes HOME, so OpenClaw's state lives in <home>/.openclaw. */
  home: string;
  /** Added to the clean environment; a value of undefined removes a variable. */
  env?: NodeJS.ProcessEnv;
  /** Default 60 s; then SIGTERM, and 2 s later SIGKILL for every process of the run (timedOut: true). */
  timeoutMs?: number;
  /** Written to stdin, which is then closed (stdin is always closed: OpenClaw must never wait on a TTY). */
  input?: string;
  cwd?: string;
}

export interface RunOpenClawResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

let installing: Promise<OpenClawInstall> | undefined;
let failure: string | null = null;

/**
 * Why the real client cannot be used here, or null. Before ensureOpenClaw() has been awaited this
 * only reports what is known without installing (a finished install, a missing npm); afterwards it
 * reports that install's failure. So: `await ensureOpenClaw().catch(() => {})`, then ask.
 */
export function openClawUnavailableReason(): string | null {
  if (failure) return failure;
  if (readMarker()) return null;
  if (spawnSync('npm', ['--version'], { stdio: 'ignore', timeout: 30_000 }).status !== 0) {
    return 'npm is not on PATH, so OpenClaw cannot be installed';
  }
  return null;
}

/** Install (once, under a cross-process lock) or reuse Node 24 + openclaw in <repo>/.cache. */
export function ensureOpenClaw(): Promise<OpenClawInstall> {
  installing ??= (async () => {
    try {
      return readMarker() ?? (await installUnderLock());
    } catch (error) {
      failure = `OpenClaw ${OPENCLAW_VERSION} could not be installed: ${error instanceof Error ? error.message : String(error)}`;
      throw new Error(failure, { cause: error });
    }
  })();
  return installing;
}

function readMarker(): OpenClawInstall | undefined {
  try {
    const { node, openclaw, version, nodeVersion, dir } = JSON.parse(readFileSync(MARKER, 'utf8')) as OpenClawInstall;
    // The folder may have been moved or partly deleted by hand: trust the marker only if the files are there.
    return existsSync(node) && existsSync(openclaw) ? { node, openclaw, version, nodeVersion, dir } : undefined;
  } catch {
    return undefined;
  }
}

async function installUnderLock(): Promise<OpenClawInstall> {
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
    if (done) return done; // another process finished while we waited
    if (lockIsStale()) {
      rmSync(LOCK, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
    await sleep(1000);
  }
  try {
    writeFileSync(join(LOCK, 'owner.json'), JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now() }));
    return readMarker() ?? (await install());
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** A lock is stale when its owner (on this host) is gone, or it is far older than any install takes. */
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
    // The owner has not written owner.json yet, or the lock predates it: judge by the folder's age.
    try {
      return Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS;
    } catch {
      return false; // gone already; the next mkdir will tell
    }
  }
}

async function install(): Promise<OpenClawInstall> {
  const started = Date.now();
  rmSync(DIR, { recursive: true, force: true }); // a folder without a marker is a failed install
  mkdirSync(DIR, { recursive: true });
  process.stderr.write(`note: installing ${NODE_SPEC} + openclaw@${OPENCLAW_VERSION} into ${DIR} (~650 MB, about a minute)\n`);
  // A package.json of our own makes this a project install, so the install-script policy can be
  // stated in it: node@24 places its binary only from a preinstall script (`node
  // installArchSpecificPackage`, which runs `npm install node-<os>-<arch>@<version>` and hard-links
  // its bin/node). npm 11.19 still runs scripts that allowScripts does not name, with an
  // "install-scripts" warning, but refuses them under --strict-allow-scripts and documents them as
  // blocked by default. The other entries are the scripts `npm i -g openclaw` would run.
  writeFileSync(join(DIR, 'package.json'), `${JSON.stringify({
    name: 'ollm-openclaw-harness',
    private: true,
    description: 'The real OpenClaw client for ollm tests (test/support/openclaw.ts)',
    allowScripts: { node: true, openclaw: true, koffi: true, protobufjs: true, '@google/genai': true },
  }, null, 2)}\n`);
  // TMPDIR inside the install folder: npm on Node 24 would otherwise leave /tmp/node-compile-cache.
  const tmp = join(DIR, '.tmp');
  mkdirSync(tmp);
  const npmEnv: NodeJS.ProcessEnv = { ...cleanNpmEnv(), TMPDIR: tmp };

  // Step 1: Node 24 on its own, because openclaw's preinstall refuses to run on an older node.
  await npm(['install', NODE_SPEC], npmEnv);
  const node = join(DIR, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(node)) {
    // Install scripts were skipped (e.g. ignore-scripts=true in someone's npmrc): run the
    // package's preinstall ourselves; it is all the package does.
    await run(process.execPath, ['installArchSpecificPackage'], { cwd: join(DIR, 'node_modules', 'node'), env: npmEnv }, 'node installArchSpecificPackage');
  }
  const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8', timeout: 30_000 }).stdout?.trim() ?? '';
  const [major = 0, minor = 0] = nodeVersion.replace(/^v/, '').split('.').map(Number);
  if (major !== MIN_NODE[0] || minor < MIN_NODE[1]) throw new Error(`${node} is "${nodeVersion}", need v${MIN_NODE.join('.')}+ of 24.x`);

  // Step 2: openclaw, with npm itself (via `#!/usr/bin/env node`) and every install script on Node 24.
  const binDir = dirname(node); // not node_modules/.bin: npm links no bins when it skips scripts
  await npm(['install', `openclaw@${OPENCLAW_VERSION}`], { ...npmEnv, PATH: `${binDir}${delimiter}${npmEnv.PATH ?? ''}` });
  const openclaw = join(DIR, 'node_modules', 'openclaw', 'openclaw.mjs');
  const version = (JSON.parse(readFileSync(join(DIR, 'node_modules', 'openclaw', 'package.json'), 'utf8')) as { version: string }).version;
  const checkHome = join(DIR, 'version-check-home');
  const check = spawnSync(node, [openclaw, '--version'], { encoding: 'utf8', timeout: 60_000, env: { PATH: `${binDir}${delimiter}${npmEnv.PATH ?? ''}`, HOME: checkHome } });
  rmSync(checkHome, { recursive: true, force: true });
  if (check.status !== 0 || !check.stdout.includes(version)) {
    throw new Error(`openclaw --version failed (${check.status}): ${check.stdout}${check.stderr}`);
  }
  rmSync(tmp, { recursive: true, force: true });
  const result: OpenClawInstall = { node, openclaw, version, nodeVersion, dir: DIR };
  writeFileSync(MARKER, `${JSON.stringify({ ...result, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) }, null, 2)}\n`);
  process.stderr.write(`note: OpenClaw ${version} on Node ${nodeVersion} installed in ${Math.round((Date.now() - started) / 1000)} s\n`);
  return result;
}

/**
 * The parent's environment minus what `npm test` / `npm run` exported (npm_config_local_prefix,
 * npm_lifecycle_*, …), which would point the nested npm at this repo; network settings stay.
 */
function cleanNpmEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cafile|ca|strict_ssl|proxy|https_proxy|noproxy|userconfig|cache)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || keep.test(name)));
}

function npm(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const flags = ['--prefix', DIR, '--save-exact', '--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=warn'];
  return run('npm', [...args, ...flags], { cwd: DIR, env }, `npm ${args.join(' ')}`);
}

/** Run an install step, appending its output to install.log; fail with a one-line summary. */
function run(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(command, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), INSTALL_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${label}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      writeFileSync(INSTALL_LOG, `$ ${command} ${args.join(' ')}\n${output}\n`, { flag: 'a' });
      if (code === 0) resolve();
      else reject(new Error(`${label} exited with ${code ?? signal}: ${summarize(output)} (full output in ${INSTALL_LOG})`));
    });
  });
}

/** One line for a skip reason: npm's error code line if any, else the last line that says something. */
function summarize(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line && !/complete log of this run/.test(line));
  return lines.find((line) => /^npm error code /.test(line)) ?? lines.at(-1) ?? 'no output';
}

/**
 * Run `openclaw <args>` on Node 24 with a clean environment: nothing from the parent leaks in
 * (no LITELLM_API_KEY, ANTHROPIC_API_KEY, OPENCLAW_*, NODE_OPTIONS, CI), only HOME, PATH, TMPDIR
 * (inside home), LANG, NO_COLOR and a shared compile cache, then opts.env on top. OpenClaw still
 * writes to hard-coded places in /tmp: /tmp/openclaw/openclaw-<date>.log and lock files (see
 * removeOpenClawHome).
 */
export async function runOpenClaw(args: string[], opts: RunOpenClawOptions): Promise<RunOpenClawResult> {
  const oc = await ensureOpenClaw();
  const tmp = join(opts.home, 'tmp');
  mkdirSync(tmp, { recursive: true, mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    HOME: opts.home,
    // Node 24 first, so `node` in anything OpenClaw spawns is the one it runs on; then the usual tools.
    PATH: [dirname(oc.node), process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(delimiter),
    TMPDIR: tmp,
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    // Not OPENCLAW_LOG_LEVEL=silent: it would keep runs out of /tmp/openclaw/openclaw-<date>.log,
    // but it also drops warnings from stderr (e.g. "[config] warnings: … env var "X" …").
    NODE_COMPILE_CACHE: compileCacheDir(oc),
  };
  for (const [name, value] of Object.entries(opts.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const started = Date.now();
  // detached: its own process group, so a timeout also reaches what the launcher spawned there.
  const child = spawn(oc.node, [oc.openclaw, ...args], { cwd: opts.cwd ?? opts.home, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin!.on('error', () => {}); // it may exit before reading stdin
  child.stdin!.end(opts.input ?? '');
  const timers: NodeJS.Timeout[] = [];
  timers.push(setTimeout(() => {
    timedOut = true;
    stopTree(child, timers);
  }, opts.timeoutMs ?? 60_000));
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (c, s) => resolve([c, s]));
    });
    return { code, signal, stdout, stderr, timedOut, durationMs: Date.now() - started };
  } finally {
    for (const timer of timers) clearTimeout(timer);
  }
}

/**
 * openclaw.mjs is only a launcher: the real work runs in a child it starts in a session of its own
 * (so outside our process group), and it forwards SIGTERM to that child. So: SIGTERM first, and
 * after a grace period SIGKILL every descendant seen (listed before anyone dies and gets reparented).
 */
function stopTree(child: ChildProcess, timers: NodeJS.Timeout[]): void {
  const pid = child.pid!;
  const seen = new Set(descendants(pid));
  signal(-pid, 'SIGTERM');
  timers.push(setTimeout(() => {
    for (const p of descendants(pid)) seen.add(p);
    for (const p of seen) signal(p, 'SIGKILL');
    signal(-pid, 'SIGKILL');
    // A survivor we could not see may still hold the pipes open; stop waiting for it.
    timers.push(setTimeout(() => {
      child.stdout?.destroy();
      child.stderr?.destroy();
    }, 2000));
  }, 2000));
}

function descendants(root: number): number[] {
  const ps = spawnSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8', timeout: 5000 });
  const children = new Map<number, number[]>();
  for (const line of (ps.stdout ?? '').split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid && ppid) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const kid of children.get(queue.shift()!) ?? []) {
      found.push(kid);
      queue.push(kid);
    }
  }
  return found;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/**
 * openclaw.mjs re-executes itself unless Node's compile cache already sits in the folder it wants
 * (<base>/openclaw/<version>/<package.json mtime-size>); naming that folder exactly keeps it one
 * process and shares a warm cache across homes (a cold cache costs ~4 s per run).
 */
function compileCacheDir(oc: OpenClawInstall): string {
  const pkg = statSync(join(dirname(oc.openclaw), 'package.json'));
  const segment = (value: string) => value.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'unknown';
  return join(oc.dir, 'compile-cache', 'openclaw', segment(oc.version), segment(`${Math.trunc(pkg.mtimeMs)}-${pkg.size}`));
}

/** A fresh, private HOME for one OpenClaw run (or a few); remove it with removeOpenClawHome. */
export async function createOpenClawHome(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'ollm-openclaw-'));
  mkdirSync(join(home, '.openclaw'), { mode: 0o700 });
  return home;
}

/** Write <home>/.openclaw/openclaw.json (JSON, or the given text as is, e.g. JSON5 with comments). */
export function writeOpenClawConfig(home: string, config: unknown): string {
  const path = join(home, '.openclaw', 'openclaw.json');
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, typeof config === 'string' ? config : `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  return path;
}

/**
 * Delete a home and the lock files OpenClaw keeps outside it: /tmp is hard-coded for
 * /tmp/openclaw-state-locks-<uid>/<family>.<sha256(realpath of the state DB)[:8]>.lock.sqlite.
 */
export function removeOpenClawHome(home: string): void {
  const db = join(home, '.openclaw', 'state', 'openclaw.sqlite');
  if (existsSync(db) && typeof process.getuid === 'function') {
    const hash = createHash('sha256').update(realpathSync(db)).digest('hex').slice(0, 8);
    const locks = join('/tmp', `openclaw-state-locks-${process.getuid()}`);
    for (const family of ['state-lifecycle', 'state-handles', 'gateway-lifecycle']) {
      rmSync(join(locks, `${family}.${hash}.lock.sqlite`), { force: true });
    }
  }
  rmSync(home, { recursive: true, force: true });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface OpenClawWorld {
  server: FakeLiteLLM;
  /** The HOME both ollm and OpenClaw use. */
  home: string;
  oc: OpenClawInstall;
  /** ollm's environment: that HOME, the real `openclaw` (on Node 24) first on PATH, the shared keychain. */
  env: NodeJS.ProcessEnv;
}

/**
 * The environment of a machine without a session bus (a nonexistent socket, never the
 * developer's): ollm finds no keychain there and works from the file store (`--store file`).
 */
export const NO_SESSION_BUS: NodeJS.ProcessEnv = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ollm-test-no-bus' };

/** A test server offering `models`, a fresh OpenClaw HOME, and ollm's environment for both; closed after the test. */
export async function openOpenClawWorld(t: TestContext, models: string[], keychain: NodeJS.ProcessEnv): Promise<OpenClawWorld> {
  const oc = await ensureOpenClaw();
  const server = await startFakeLiteLLM({ models });
  const home = await createOpenClawHome();
  t.after(async () => {
    await server.close();
    removeOpenClawHome(home);
  });
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    PATH: [dirname(oc.node), join(oc.dir, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
    TMPDIR: join(home, 'tmp'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    LITELLM_PROXY_URL: server.url,
    LITELLM_MASTER_KEY: server.masterKey!,
    NODE_DISABLE_COMPILE_CACHE: '1',
    ...keychain,
  };
  return { server, home, oc, env };
}

/** The pinned OpenClaw's own config schema (`openclaw config schema`), installing it if needed. */
export async function pinnedOpenClawSchema(): Promise<{ schema: { properties: Record<string, unknown> }; version: string }> {
  const { version } = await ensureOpenClaw();
  const home = await createOpenClawHome();
  try {
    const result = await runOpenClaw(['config', 'schema'], { home });
    if (result.code !== 0) throw new Error(`openclaw config schema exited with ${result.code ?? result.signal}: ${result.stderr.trim()}`);
    return { schema: JSON.parse(result.stdout) as { properties: Record<string, unknown> }, version };
  } finally {
    removeOpenClawHome(home);
  }
}
