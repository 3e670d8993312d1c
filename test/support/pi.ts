// Runs the REAL pi (@mariozechner/pi-coding-agent) in tests: installs the pinned version from the
// npm registry into <repo>/.cache/pi-<version> once (shared by all test processes, under the
// cross-process lock of cached-install.ts), then runs it with a clean environment.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, checkVersion, finishInstall, installEnv, npmInto, pinnedProgram, readInstallMarker, writeHarnessPackage } from './cached-install.ts';
import { runWithDeadline, type DeadlineRunResult } from './run-with-deadline.ts';

export const PI_VERSION = '0.73.1';
const PACKAGE = '@mariozechner/pi-coding-agent';

const DIR = cacheDir('pi', PI_VERSION);
const INSTALL_LOG = join(DIR, 'install.log');
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const CLI = join(DIR, 'node_modules', ...PACKAGE.split('/'), 'dist', 'cli.js');
const BIN_DIR = join(DIR, 'bin');

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

const pi = pinnedProgram(`pi ${PI_VERSION}`, { dir: DIR, readMarker, install, timeoutMs: INSTALL_TIMEOUT_MS });
// ensure / unavailable reason / skip of a test: cached-install.ts's PinnedProgram.
export const { ensure: ensurePi, unavailableReason: piUnavailableReason, skip: piSkip } = pi;

function readMarker(): PiInstall | undefined {
  const marker = readInstallMarker<{ version: string }>(DIR, [CLI, join(BIN_DIR, 'pi')]);
  return marker && { node: process.execPath, cli: CLI, binDir: BIN_DIR, version: marker.version, dir: DIR };
}

async function install(): Promise<PiInstall> {
  const started = Date.now();
  process.stderr.write(`note: installing ${PACKAGE}@${PI_VERSION} into ${DIR} (~200 MB)\n`);
  writeHarnessPackage(DIR, 'ollm-pi-harness', 'The real pi for ollm tests (test/support/pi.ts)');
  // No install scripts: pi itself has none, and what its dependencies build (koffi, protobufjs)
  // is not on the path of a `pi -p` turn against an OpenAI-compatible proxy.
  await npmInto(DIR, ['install', `${PACKAGE}@${PI_VERSION}`, '--ignore-scripts'], installEnv(DIR), INSTALL_LOG, INSTALL_TIMEOUT_MS);
  const version = (JSON.parse(readFileSync(join(DIR, 'node_modules', ...PACKAGE.split('/'), 'package.json'), 'utf8')) as { version: string }).version;
  // `pi` for PATH, running cli.js on the `node` on PATH at run time (tests put this Node first):
  // no absolute path in it, so the wrapper outlives the worktree that wrote it.
  mkdirSync(BIN_DIR, { recursive: true });
  writeFileSync(join(BIN_DIR, 'pi'), `#!/bin/sh\nexec node "$(dirname "$0")/../node_modules/@mariozechner/pi-coding-agent/dist/cli.js" "$@"\n`, { mode: 0o755 });
  checkVersion(DIR, join(BIN_DIR, 'pi'), [], version, { PATH: process.env.PATH });
  return finishInstall(DIR, { node: process.execPath, cli: CLI, binDir: BIN_DIR, version, dir: DIR }, started, `pi ${version}`);
}

/**
 * `pi <args>` with a clean environment: HOME, PATH (pi's bin first), TMPDIR, LANG, NO_COLOR and
 * PI_OFFLINE (no update check), then `env` on top. stdin is closed: pi must never wait on a TTY.
 */
export async function runPi(args: string[], options: { home: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number }): Promise<DeadlineRunResult> {
  const found = await ensurePi();
  const env: NodeJS.ProcessEnv = {
    HOME: options.home, PATH: [found.binDir, process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(':'),
    TMPDIR: process.env.TMPDIR ?? '/tmp', LANG: 'C.UTF-8', NO_COLOR: '1', PI_OFFLINE: '1',
  };
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return runWithDeadline([found.node, found.cli, ...args], { env, cwd: options.cwd ?? options.home, timeoutMs: options.timeoutMs ?? 90_000 });
}
