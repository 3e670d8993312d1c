// Whether Codex is on this machine: its config file where Codex itself would read it, or `codex`
// on PATH (for `ollm status`, and for setup to offer it).
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { Installation } from '../assistant.ts';
import { resolveCodexPaths } from './paths.ts';

export async function findOnPath(name: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return null;
}

export async function detectCodex(env: NodeJS.ProcessEnv): Promise<Installation | null> {
  const { configFile } = resolveCodexPaths(undefined, env);
  const [config, program] = await Promise.all([
    access(configFile).then(() => configFile, () => undefined),
    findOnPath('codex', env),
  ]);
  if (config === undefined && program === null) return null;
  return { ...(config !== undefined ? { config } : {}), ...(program !== null ? { program } : {}) };
}
