// Whether Claude Code is on this machine: its settings file where Claude Code itself reads it, or
// `claude` on PATH (for `ollm status`, and for setup to offer it).
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { Installation } from '../assistant.ts';
import { resolveClaudeCodePaths } from './paths.ts';

async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    if (await access(file, constants.X_OK).then(() => true, () => false)) return file;
  }
  return undefined;
}

export async function detectClaudeCode(env: NodeJS.ProcessEnv): Promise<Installation | null> {
  const { settingsFile } = resolveClaudeCodePaths(undefined, env);
  const [config, program] = await Promise.all([access(settingsFile).then(() => settingsFile, () => undefined), onPath('claude', env)]);
  if (config === undefined && program === undefined) return null;
  return { ...(config !== undefined ? { config } : {}), ...(program !== undefined ? { program } : {}) };
}
