// Where pi keeps its files, resolved exactly as pi 0.73 does (its config.js getAgentDir):
// PI_CODING_AGENT_DIR (a leading `~` or `~/` is the home directory), else ~/.pi/agent.
import { join } from 'node:path';
import { expandHome, homeDir } from '../../config/home.ts';

export interface PiPaths {
  /** pi's agent directory: models.json, auth.json and settings.json live here. */
  agentDir: string;
  /** Its custom providers and models: what ollm edits. */
  modelsFile: string;
  /** Keys stored by `/login`: one for ollm's provider would win over models.json. */
  authFile: string;
  /** Its settings: `defaultProvider` and `defaultModel`. */
  settingsFile: string;
  /** Why this directory, for messages. */
  source: string;
}

/** `--pi-models` (a models.json file) > PI_CODING_AGENT_DIR > ~/.pi/agent. */
export function resolvePiPaths(modelsFlag: string | undefined, env: NodeJS.ProcessEnv): PiPaths {
  const home = homeDir(env);
  const envDir = env.PI_CODING_AGENT_DIR ? expandHome(env.PI_CODING_AGENT_DIR, home) : undefined;
  const agentDir = envDir ?? join(home, '.pi', 'agent');
  const files = { authFile: join(agentDir, 'auth.json'), settingsFile: join(agentDir, 'settings.json') };
  if (modelsFlag) return { agentDir, modelsFile: expandHome(modelsFlag, home), ...files, source: '--pi-models' };
  return { agentDir, modelsFile: join(agentDir, 'models.json'), ...files, source: envDir ? 'PI_CODING_AGENT_DIR' : 'the default' };
}
