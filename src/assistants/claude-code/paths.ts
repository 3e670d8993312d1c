// Where Claude Code keeps its settings, resolved as Claude Code does: `CLAUDE_CONFIG_DIR` moves the
// whole folder (settings.json and the claude.ai login in .credentials.json), else ~/.claude.
import { join, resolve } from 'node:path';
import { expandHome, homeDir } from '../../config/home.ts';

export interface ClaudeCodePaths {
  /** The folder: `--claude-config`, `CLAUDE_CONFIG_DIR` or ~/.claude. */
  configDir: string;
  /** Its user settings, the file ollm edits. */
  settingsFile: string;
  /** Where a claude.ai login is kept (on Linux; macOS keeps it in the keychain). */
  credentialsFile: string;
  /** Why this folder, for messages. */
  configSource: string;
}

/** `--claude-config` > `CLAUDE_CONFIG_DIR` > `~/.claude`. */
export function resolveClaudeCodePaths(flag: string | undefined, env: NodeJS.ProcessEnv): ClaudeCodePaths {
  const home = homeDir(env);
  const [dir, source] = flag ? [resolve(expandHome(flag, home)), '--claude-config']
    : env.CLAUDE_CONFIG_DIR ? [expandHome(env.CLAUDE_CONFIG_DIR, home), 'CLAUDE_CONFIG_DIR']
      : [join(home, '.claude'), 'the default'];
  return { configDir: dir, settingsFile: join(dir, 'settings.json'), credentialsFile: join(dir, '.credentials.json'), configSource: source };
}

/** The folder of a recorded settings file (its record keeps the file). */
export function pathsOfSettingsFile(settingsFile: string): ClaudeCodePaths {
  const dir = resolve(settingsFile, '..');
  return { configDir: dir, settingsFile, credentialsFile: join(dir, '.credentials.json'), configSource: 'ollm\'s target list' };
}
