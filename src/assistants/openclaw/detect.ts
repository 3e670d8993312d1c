// Whether OpenClaw is on this machine: its config file where OpenClaw itself would read it, or
// `openclaw` on PATH (for `ollm status`, and for setup to offer it).
import { access } from 'node:fs/promises';
import type { Installation } from '../assistant.ts';
import { resolveOpenClawPaths } from './paths.ts';
import { findOpenClawProgram } from './openclaw-cli.ts';

export async function detectOpenClaw(env: NodeJS.ProcessEnv): Promise<Installation | null> {
  const { configFile } = resolveOpenClawPaths(undefined, env);
  const [config, program] = await Promise.all([
    access(configFile).then(() => configFile, () => undefined),
    findOpenClawProgram(env),
  ]);
  if (config === undefined && program === null) return null;
  return { ...(config !== undefined ? { config } : {}), ...(program !== null ? { program } : {}) };
}
