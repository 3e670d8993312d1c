// What Claude Code will see, worked out once per doctor run: its settings files in the order they
// layer (user < project .claude/settings.json < .claude/settings.local.json, all in the current
// folder), the environment it gets (the shell's, with every settings file's `env` on top), and a
// claude.ai login. Read-only: nothing here writes.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DoctorContext } from '../../../doctor/check.ts';
import { targetRecords } from '../../../doctor/facts.ts';
import { resolveClaudeCodePaths, type ClaudeCodePaths } from '../paths.ts';
import { isClaudeCodeRecord, type ClaudeCodeRecord } from '../record.ts';

export interface SettingsSource {
  /** For people: `user settings ~/.claude/settings.json`. */
  label: string;
  file: string;
  /** The parsed object; null when the file is absent. */
  settings: Record<string, unknown> | null;
  /** Why it could not be read (it exists but is no JSON object). */
  error?: string;
}

/** Where one effective value comes from: a settings file's `env`/`apiKeyHelper`, or the shell. */
export interface Origin {
  value: string;
  from: string;
  /** The settings file it is in (undefined: the shell's environment). */
  file?: string;
}

export interface ClaudeState {
  paths: ClaudeCodePaths;
  recorded: ClaudeCodeRecord | undefined;
  /** Lowest first: user, project, local. */
  sources: SettingsSource[];
  env(name: string): Origin | null;
  apiKeyHelper: Origin | null;
  /** A claude.ai login is stored (used when no key is set at all). */
  loggedIn: boolean;
}

async function readSource(label: string, file: string): Promise<SettingsSource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { label, file, settings: null };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { label, file, settings: parsed as Record<string, unknown> };
    return { label, file, settings: null, error: 'the top level is not an object' };
  } catch (error) {
    return { label, file, settings: null, error: (error as Error).message };
  }
}

export function claudeState(d: DoctorContext): Promise<ClaudeState> {
  return d.fact('claude-code', async () => {
    const recorded = (await targetRecords(d)).find(isClaudeCodeRecord);
    const paths = resolveClaudeCodePaths(undefined, d.ctx.env);
    // The project Claude Code would open here is the folder ollm runs in.
    const project = resolve('.');
    const sources = await Promise.all([
      readSource('user settings', paths.settingsFile),
      readSource('project settings', join(project, '.claude', 'settings.json')),
      readSource('local project settings', join(project, '.claude', 'settings.local.json')),
    ]);
    const shell = d.ctx.env;
    const env = (name: string): Origin | null => {
      for (const source of [...sources].reverse()) {
        const value = (source.settings?.env as Record<string, unknown> | undefined)?.[name];
        if (typeof value === 'string' && value !== '') return { value, from: `env.${name} in ${source.label} ${source.file}`, file: source.file };
      }
      const value = shell[name];
      return value ? { value, from: `${name} in this shell's environment` } : null;
    };
    let apiKeyHelper: Origin | null = null;
    for (const source of [...sources].reverse()) {
      const value = source.settings?.apiKeyHelper;
      if (typeof value === 'string' && value.trim() !== '') {
        apiKeyHelper = { value, from: `apiKeyHelper in ${source.label} ${source.file}`, file: source.file };
        break;
      }
    }
    const loggedIn = await readFile(paths.credentialsFile, 'utf8').then((text) => /"claudeAiOauth"/.test(text), () => false);
    return { paths, recorded, sources, env, apiKeyHelper, loggedIn };
  });
}
