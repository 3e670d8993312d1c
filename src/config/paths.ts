// Where ollm keeps its own files: config (user settings) and state (insecure store, later journals).
import { homeDir } from './home.ts';
import { join } from 'node:path';

export interface OllmPaths {
  configDir: string;
  configFile: string;
  stateDir: string;
  /** The opt-in plain-text secret store (`--store file`, or `--insecure-storage`). */
  insecureStoreFile: string;
  /** Where each key was written (targets.json). */
  manifestFile: string;
}

/** XDG on Linux and other Unixes; the platform's usual folders on macOS and Windows. */
export function resolvePaths(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): OllmPaths {
  const home = homeDir(env);
  let configBase: string;
  let stateBase: string;
  if (platform === 'darwin') {
    configBase = join(home, 'Library', 'Preferences');
    stateBase = join(home, 'Library', 'Application Support');
  } else if (platform === 'win32') {
    configBase = env.APPDATA || join(home, 'AppData', 'Roaming');
    stateBase = env.LOCALAPPDATA || join(home, 'AppData', 'Local');
  } else {
    configBase = absoluteOr(env.XDG_CONFIG_HOME, join(home, '.config'));
    stateBase = absoluteOr(env.XDG_STATE_HOME, join(home, '.local', 'state'));
  }
  const configDir = join(configBase, 'ollm');
  const stateDir = join(stateBase, 'ollm');
  return {
    configDir,
    configFile: join(configDir, 'config.json'),
    stateDir,
    insecureStoreFile: join(stateDir, 'insecure-secrets.json'),
    manifestFile: join(stateDir, 'targets.json'),
  };
}

// The XDG spec says relative values are invalid and must be ignored.
function absoluteOr(value: string | undefined, fallback: string): string {
  return value && value.startsWith('/') ? value : fallback;
}
