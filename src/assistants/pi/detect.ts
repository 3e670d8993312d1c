// Whether pi is on this machine: its models.json where pi itself would read it, or `pi` on PATH
// (for `ollm status`, and for setup to offer it).
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { Installation } from '../assistant.ts';
import { resolvePiPaths } from './paths.ts';

/** The `pi` program on PATH, or null. */
export async function findPiProgram(env: NodeJS.ProcessEnv): Promise<string | null> {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'pi');
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch { /* next */ }
  }
  return null;
}

export async function detectPi(env: NodeJS.ProcessEnv): Promise<Installation | null> {
  const { modelsFile } = resolvePiPaths(undefined, env);
  const [config, program] = await Promise.all([access(modelsFile).then(() => modelsFile, () => undefined), findPiProgram(env)]);
  if (config === undefined && program === null) return null;
  return { ...(config !== undefined ? { config } : {}), ...(program !== null ? { program } : {}) };
}
