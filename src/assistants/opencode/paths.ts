// Where OpenCode keeps its config and its stored logins, resolved as OpenCode 1.18 does: its
// global folder is `$XDG_CONFIG_HOME/opencode` (else ~/.config/opencode), where it merges
// config.json, then opencode.json, then opencode.jsonc (the last wins); `OPENCODE_CONFIG` names one
// more file merged over those; `/connect` keeps keys in `$XDG_DATA_HOME/opencode/auth.json`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expandHome, homeDir } from '../../config/home.ts';

export interface OpenCodePaths {
  /** The file ollm writes. */
  configFile: string;
  /** Why this file, for messages: `--opencode-config`, `OPENCODE_CONFIG`, `the default`. */
  configSource: string;
  /** OpenCode's global config folder. */
  configDir: string;
  /** `/connect`'s stored keys. */
  authFile: string;
}

export function openCodeConfigDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(homeDir(env), '.config'), 'opencode');
}

export function openCodeAuthFile(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_DATA_HOME || join(homeDir(env), '.local', 'share'), 'opencode', 'auth.json');
}

/**
 * `--opencode-config` > `OPENCODE_CONFIG` (OpenCode merges it over the global files) > the
 * global `opencode.jsonc` when it exists (it wins over opencode.json) > the global `opencode.json`.
 */
export function resolveOpenCodePaths(flag: string | undefined, env: NodeJS.ProcessEnv): OpenCodePaths {
  const home = homeDir(env);
  const configDir = openCodeConfigDir(env);
  const authFile = openCodeAuthFile(env);
  if (flag) return { configFile: expandHome(flag, home), configSource: '--opencode-config', configDir, authFile };
  if (env.OPENCODE_CONFIG) return { configFile: expandHome(env.OPENCODE_CONFIG, home), configSource: 'OPENCODE_CONFIG', configDir, authFile };
  const jsonc = join(configDir, 'opencode.jsonc');
  return { configFile: existsSync(jsonc) ? jsonc : join(configDir, 'opencode.json'), configSource: 'the default', configDir, authFile };
}
