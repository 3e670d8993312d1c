// Reading and safely rewriting Claude Code's settings.json: strict JSON (Claude Code reads nothing
// else), edited losslessly with the project's JSON5 editor so every other setting stays byte for
// byte; refuse early, back up, write atomically (0600) through a symlink, never half-written.
import { chmod, copyFile, readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../errors.ts';
import { resolveWriteTarget, writeFileAtomic } from '../../io/atomic-write.ts';
import { assertWritableFile } from '../../io/writable.ts';
import { backUpConfig, dropBackupsWithKeys } from '../../io/config-backups.ts';
import { Json5Document, Json5DocumentError, Json5SyntaxError } from '../../edit/json5-document.ts';

/** Real settings are a few KB; anything this big is not one ollm should rewrite. */
const MAX_SETTINGS_BYTES = 5 * 1024 * 1024;

export interface LoadedSettings {
  doc: Json5Document;
  /** The text as read (null when the file did not exist yet). */
  original: string | null;
  /** The file really written: a symlinked settings.json is written through to its target. */
  target: string;
}

export class ClaudeSettingsFile {
  constructor(readonly file: string) {}

  /** Everything that would make the write fail, checked before any key exists. */
  async preflight(): Promise<LoadedSettings> {
    const loaded = await this.load();
    await assertWritableFile(loaded.target, 'Claude Code\'s settings', 'claude_settings_unwritable');
    return loaded;
  }

  async load(): Promise<LoadedSettings> {
    const target = await resolveWriteTarget(this.file);
    let original: string | null = null;
    try {
      const info = await stat(target);
      if (info.isDirectory()) throw invalid(`Claude Code's settings path ${this.file} is a directory, not a file.`, 'Point --claude-config (or CLAUDE_CONFIG_DIR) at the folder that holds settings.json.');
      if (info.size > MAX_SETTINGS_BYTES) throw invalid(`Claude Code's settings ${this.file} is ${(info.size / 1024 / 1024).toFixed(1)} MB; ollm only edits files up to 5 MB.`, 'Check that this is the right folder (--claude-config).');
      original = await readFile(target, 'utf8');
    } catch (error) {
      if (error instanceof UserError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new UserError(`Cannot read Claude Code's settings ${this.file}: ${(error as Error).message}.`, { code: 'claude_settings_unreadable' });
      }
    }
    if (original !== null && original.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(original);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SyntaxError('the top level is not an object');
      } catch (error) {
        throw invalid(`Claude Code's settings ${this.file} is not a JSON object (${(error as Error).message}), so Claude Code cannot read it either.`, 'Fix the file by hand (Claude Code wants strict JSON: no comments, no trailing commas); ollm changes nothing until it parses.');
      }
    }
    try {
      return { doc: Json5Document.parse(original ?? '', this.file), original, target };
    } catch (error) {
      if (error instanceof Json5SyntaxError || error instanceof Json5DocumentError) throw invalid(`${error.message}.`, 'Fix the file by hand; ollm changes nothing until it can read it.');
      throw error;
    }
  }

  /** Back up the old file, then write the new text atomically (0600, folder 0700). The text must stay strict JSON. */
  async save(loaded: LoadedSettings, text: string): Promise<{ backup: string | null }> {
    JSON.parse(text); // a bug here must never reach the file: Claude Code would ignore every setting in it
    const backup = loaded.original === null ? null : await backUpConfig(loaded.target);
    await writeFileAtomic(loaded.target, text, { mode: 0o600, dirMode: 0o700 });
    return { backup };
  }

  /** Delete ollm's backups of this file that still hold a key (after switching to the helper style). */
  async dropBackupsWithKeys(target: string, holdsKey: (text: string) => boolean): Promise<number> {
    return dropBackupsWithKeys(target, holdsKey);
  }

}

function invalid(message: string, hint: string): UserError {
  return new UserError(message, { code: 'claude_settings_invalid', hint });
}
