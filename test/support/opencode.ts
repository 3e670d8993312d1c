// The REAL OpenCode in tests: the pinned `opencode-ai` from the npm registry (its compiled binary
// comes in the platform package it depends on), installed once into <repo>/.cache, shared by all
// test processes, and run with HOME and the XDG folders in a test's own home.
import { join } from 'node:path';
import { cacheDir, checkVersion, cleanNpmEnv, finishInstall, npmInto, pinnedProgram, readInstallMarker, writeHarnessPackage } from './cached-install.ts';

export const OPENCODE_VERSION = '1.18.33';

const DIR = cacheDir('opencode', OPENCODE_VERSION);
const INSTALL_LOG = join(DIR, 'install.log');
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const BIN_DIR = join(DIR, 'node_modules', '.bin');
const BIN = join(BIN_DIR, 'opencode');

export interface OpenCodeInstall {
  /** The `opencode` program (npm's bin link to the compiled binary). */
  bin: string;
  /** Its folder, to put on PATH. */
  binDir: string;
  version: string;
}

const openCode = pinnedProgram(`OpenCode ${OPENCODE_VERSION}`, { dir: DIR, readMarker, install, timeoutMs: INSTALL_TIMEOUT_MS });
// ensure / unavailable reason / skip of a test: cached-install.ts's PinnedProgram.
export const { ensure: ensureOpenCode, skip: openCodeSkip } = openCode;

function readMarker(): OpenCodeInstall | undefined {
  const marker = readInstallMarker<{ version: string }>(DIR, [BIN]);
  return marker && { bin: BIN, binDir: BIN_DIR, version: marker.version };
}

async function install(): Promise<OpenCodeInstall> {
  const started = Date.now();
  process.stderr.write(`note: installing opencode-ai@${OPENCODE_VERSION} into ${DIR}\n`);
  writeHarnessPackage(DIR, 'ollm-opencode-harness', 'The real OpenCode for ollm tests (test/support/opencode.ts)');
  await npmInto(DIR, ['install', `opencode-ai@${OPENCODE_VERSION}`], cleanNpmEnv(), INSTALL_LOG, INSTALL_TIMEOUT_MS);
  checkVersion(DIR, BIN, [], OPENCODE_VERSION, { PATH: process.env.PATH });
  return finishInstall(DIR, { bin: BIN, binDir: BIN_DIR, version: OPENCODE_VERSION }, started, `OpenCode ${OPENCODE_VERSION}`);
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
