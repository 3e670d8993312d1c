// Whether OpenCode is on this machine: its global config file where OpenCode itself would read
// it, or `opencode` on PATH (for `ollm status`, and for setup to offer it).
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { Installation } from '../assistant.ts';
import { resolveOpenCodePaths } from './paths.ts';

async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    if (await access(file, 1).then(() => true, () => false)) return file;
  }
  return undefined;
}

export async function detectOpenCode(env: NodeJS.ProcessEnv): Promise<Installation | null> {
  const { configFile } = resolveOpenCodePaths(undefined, env);
  const [config, program] = await Promise.all([access(configFile).then(() => configFile, () => undefined), onPath('opencode', env)]);
  if (config === undefined && program === undefined) return null;
  return { ...(config !== undefined ? { config } : {}), ...(program !== undefined ? { program } : {}) };
}
