// Where OpenClaw keeps its config and state, resolved exactly as OpenClaw 2026.9 does.
import { expandHome, homeDir } from '../../config/home.ts';
import { join } from 'node:path';

export interface OpenClawPaths {
  configFile: string;
  /** Why this file: the flag or variable that chose it, for messages. */
  configSource: string;
  /** OpenClaw's state directory, which holds `.env` for daemons. */
  stateDir: string;
}

/**
 * `--openclaw-config` > `OPENCLAW_CONFIG_PATH` > `OPENCLAW_STATE_DIR/openclaw.json` >
 * `OPENCLAW_HOME/.openclaw/openclaw.json` > `~/.openclaw/openclaw.json`.
 */
export function resolveOpenClawPaths(flag: string | undefined, env: NodeJS.ProcessEnv): OpenClawPaths {
  const home = homeDir(env);
  const openclawHome = env.OPENCLAW_HOME ? expandHome(env.OPENCLAW_HOME, home) : home;
  const stateDir = env.OPENCLAW_STATE_DIR ? expandHome(env.OPENCLAW_STATE_DIR, home) : join(openclawHome, '.openclaw');
  if (flag) return { configFile: expandHome(flag, home), configSource: '--openclaw-config', stateDir };
  if (env.OPENCLAW_CONFIG_PATH) return { configFile: expandHome(env.OPENCLAW_CONFIG_PATH, home), configSource: 'OPENCLAW_CONFIG_PATH', stateDir };
  if (env.OPENCLAW_STATE_DIR) return { configFile: join(stateDir, 'openclaw.json'), configSource: 'OPENCLAW_STATE_DIR', stateDir };
  if (env.OPENCLAW_HOME) return { configFile: join(stateDir, 'openclaw.json'), configSource: 'OPENCLAW_HOME', stateDir };
  return { configFile: join(stateDir, 'openclaw.json'), configSource: 'the default', stateDir };
}
