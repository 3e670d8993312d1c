// Where Codex keeps its config, resolved exactly as Codex 0.171 does: `$CODEX_HOME/config.toml`,
// else `~/.codex/config.toml`. Its profiles are files beside it (`<name>.config.toml`, chosen with
// `codex --profile <name>`).
import { dirname, join } from 'node:path';
import { expandHome, homeDir } from '../../config/home.ts';

export interface CodexPaths {
  /** `$CODEX_HOME`, else `~/.codex`. */
  home: string;
  configFile: string;
  /** Why this file, for messages: `--codex-config`, `CODEX_HOME` or `the default`. */
  configSource: string;
}

/** `--codex-config` > `$CODEX_HOME/config.toml` > `~/.codex/config.toml`. */
export function resolveCodexPaths(flag: string | undefined, env: NodeJS.ProcessEnv): CodexPaths {
  const home = homeDir(env);
  const codexHome = env.CODEX_HOME ? expandHome(env.CODEX_HOME, home) : join(home, '.codex');
  if (flag) {
    // Codex reads config.toml from its home, so a config file given names its home too.
    const configFile = expandHome(flag, home);
    return { home: dirname(configFile), configFile, configSource: '--codex-config' };
  }
  return { home: codexHome, configFile: join(codexHome, 'config.toml'), configSource: env.CODEX_HOME ? 'CODEX_HOME' : 'the default' };
}
