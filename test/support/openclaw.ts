// Runs the REAL OpenClaw client in tests: installs Node 24 + a pinned openclaw from the npm registry
// into <repo>/.cache once (shared by all test processes, through cached-install.ts), then runs it
// in a throwaway HOME.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { startFakeLiteLLM, type FakeLiteLLM } from './litellm-server.ts';
import { cacheDir, checkVersion, finishInstall, installEnv, npmInto, pinnedProgram, readInstallMarker, runLogged, writeHarnessPackage } from './cached-install.ts';

export const OPENCLAW_VERSION = '2026.9.6';
/** node@24 resolves to the newest 24.x; openclaw 2026.9.6 needs >= 24.16. */
const NODE_SPEC = 'node@24';
const MIN_NODE = [24, 16] as const;

const DIR = cacheDir('openclaw', OPENCLAW_VERSION);
const INSTALL_LOG = join(DIR, 'install.log');
const INSTALL_TIMEOUT_MS = 15 * 60_000;
const NODE = join(DIR, 'node_modules', 'node', 'bin', 'node');
const OPENCLAW = join(DIR, 'node_modules', 'openclaw', 'openclaw.mjs');

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

const openClaw = pinnedProgram(`OpenClaw ${OPENCLAW_VERSION}`, { dir: DIR, readMarker, install, timeoutMs: INSTALL_TIMEOUT_MS });
// ensure / unavailable reason / skip of a test: cached-install.ts's PinnedProgram.
export const { ensure: ensureOpenClaw, unavailableReason: openClawUnavailableReason, skip: openClawSkip } = openClaw;

function readMarker(): OpenClawInstall | undefined {
  const marker = readInstallMarker<{ version: string; nodeVersion: string }>(DIR, [NODE, OPENCLAW]);
  return marker && { node: NODE, openclaw: OPENCLAW, version: marker.version, nodeVersion: marker.nodeVersion, dir: DIR };
}

async function install(): Promise<OpenClawInstall> {
  const started = Date.now();
  process.stderr.write(`note: installing ${NODE_SPEC} + openclaw@${OPENCLAW_VERSION} into ${DIR} (~650 MB, about a minute)\n`);
  // A package.json of our own makes this a project install, so the install-script policy can be
  // stated in it: node@24 places its binary only from a preinstall script (`node
  // installArchSpecificPackage`, which runs `npm install node-<os>-<arch>@<version>` and hard-links
  // its bin/node). npm 11.19 still runs scripts that allowScripts does not name, with an
  // "install-scripts" warning, but refuses them under --strict-allow-scripts and documents them as
  // blocked by default. The other entries are the scripts `npm i -g openclaw` would run.
  writeHarnessPackage(DIR, 'ollm-openclaw-harness', 'The real OpenClaw client for ollm tests (test/support/openclaw.ts)',
    { node: true, openclaw: true, koffi: true, protobufjs: true, '@google/genai': true });
  const npmEnv = installEnv(DIR);

  // Step 1: Node 24 on its own, because openclaw's preinstall refuses to run on an older node.
  await npm(['install', NODE_SPEC], npmEnv);
  if (!existsSync(NODE)) {
    // Install scripts were skipped (e.g. ignore-scripts=true in someone's npmrc): run the
    // package's preinstall ourselves; it is all the package does.
    await runLogged(process.execPath, ['installArchSpecificPackage'], { cwd: join(DIR, 'node_modules', 'node'), env: npmEnv, log: INSTALL_LOG, timeoutMs: INSTALL_TIMEOUT_MS }, 'node installArchSpecificPackage');
  }
  const nodeVersion = spawnSync(NODE, ['--version'], { encoding: 'utf8', timeout: 30_000 }).stdout?.trim() ?? '';
  const [major = 0, minor = 0] = nodeVersion.replace(/^v/, '').split('.').map(Number);
  if (major !== MIN_NODE[0] || minor < MIN_NODE[1]) throw new Error(`${NODE} is "${nodeVersion}", need v${MIN_NODE.join('.')}+ of 24.x`);

  // Step 2: openclaw, with npm itself (via `#!/usr/bin/env node`) and every install script on Node 24.
  const binDir = dirname(NODE); // not node_modules/.bin: npm links no bins when it skips scripts
  const path = `${binDir}${delimiter}${npmEnv.PATH ?? ''}`;
  await npm(['install', `openclaw@${OPENCLAW_VERSION}`], { ...npmEnv, PATH: path });
  const version = (JSON.parse(readFileSync(join(DIR, 'node_modules', 'openclaw', 'package.json'), 'utf8')) as { version: string }).version;
  checkVersion(DIR, NODE, [OPENCLAW], version, { PATH: path });
  return finishInstall(DIR, { node: NODE, openclaw: OPENCLAW, version, nodeVersion, dir: DIR }, started, `OpenClaw ${version} on Node ${nodeVersion}`);
}

function npm(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return npmInto(DIR, args, env, INSTALL_LOG, INSTALL_TIMEOUT_MS);
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

export interface OpenClawWorld {
  server: FakeLiteLLM;
  /** The HOME both ollm and OpenClaw use. */
  home: string;
  oc: OpenClawInstall;
  /** ollm's environment: that HOME, the real `openclaw` (on Node 24) first on PATH, the shared keychain. */
  env: NodeJS.ProcessEnv;
}

export { NO_SESSION_BUS } from './cli.ts';

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
