// Reading and safely rewriting OpenCode's config (JSONC): refuse early, back up, write atomically
// (0600, through a symlink to its target), keep every comment and setting; new strings are
// written so OpenCode's substitution cannot touch them (config-string.ts).
import { chmod, copyFile, readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../errors.ts';
import { resolveWriteTarget, writeFileAtomic } from '../../io/atomic-write.ts';
import { assertWritableFile } from '../../io/writable.ts';
import { Json5Document, Json5DocumentError, Json5SyntaxError } from '../../edit/json5-document.ts';
import { openCodeLiteralJson } from './config-string.ts';

const BACKUPS_KEPT = 5;
/** Real configs are a few KB; anything this big is not one ollm should rewrite. */
const MAX_CONFIG_BYTES = 5 * 1024 * 1024;
/** What OpenCode adds to a config without one (rewriting the file): written by ollm, so OpenCode leaves the file alone. */
const SCHEMA = 'https://opencode.ai/config.json';

export interface LoadedOpenCodeConfig {
  doc: Json5Document;
  /** The text as read (null when the file did not exist yet). */
  original: string | null;
  /** The file actually written: a symlinked config is written through to its target. */
  target: string;
}

export class OpenCodeConfigFile {
  constructor(readonly file: string) {}

  /** Everything that would make a later write fail (a directory in the way, invalid JSONC, no write permission), before any key exists. */
  async preflight(): Promise<LoadedOpenCodeConfig> {
    const loaded = await this.load();
    await assertWritableFile(loaded.target, 'OpenCode\'s config', 'opencode_config_unwritable');
    return loaded;
  }

  async load(): Promise<LoadedOpenCodeConfig> {
    const target = await resolveWriteTarget(this.file).catch((error: unknown) => {
      if (error instanceof UserError) throw error;
      return this.file; // unreadable: the read that follows says why
    });
    let original: string | null = null;
    try {
      const info = await stat(target);
      if (info.isDirectory()) {
        throw new UserError(`OpenCode's config path ${this.file} is a directory, not a file.`, {
          code: 'opencode_config_invalid', hint: 'Point --opencode-config (or OPENCODE_CONFIG) at the opencode.json file.',
        });
      }
      if (info.size > MAX_CONFIG_BYTES) {
        throw new UserError(`OpenCode's config ${this.file} is ${(info.size / 1024 / 1024).toFixed(1)} MB; ollm only edits configs up to ${MAX_CONFIG_BYTES / 1024 / 1024} MB.`, {
          code: 'opencode_config_too_large', hint: 'Check that this is the right file (--opencode-config), or leave OpenCode out with --write none.',
        });
      }
      original = await readFile(target, 'utf8');
    } catch (error) {
      if (error instanceof UserError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new UserError(`Cannot read OpenCode's config ${this.file}: ${(error as Error).message}.`, { code: 'opencode_config_unreadable' });
      }
    }
    try {
      const doc = Json5Document.parse(original ?? '', this.file, { escapeString: openCodeLiteralJson });
      if (original === null || original.trim() === '') doc.set(['$schema'], SCHEMA);
      return { doc, original, target };
    } catch (error) {
      if (error instanceof Json5SyntaxError) {
        throw new UserError(error.message, {
          code: 'opencode_config_invalid', hint: `Fix the file by hand (line ${error.line}, column ${error.column}); ollm changes nothing until it parses.`,
        });
      }
      if (error instanceof Json5DocumentError) {
        throw new UserError(`${error.message}.`, { code: 'opencode_config_invalid', hint: 'Check that this is the right file (--opencode-config), and fix it by hand; ollm changes nothing until it can read it.' });
      }
      throw error;
    }
  }

  /** Back up the old file, then write the new text atomically (0600, directory 0700). */
  async save(loaded: LoadedOpenCodeConfig): Promise<{ backup: string | null }> {
    const backup = loaded.original === null ? null : await backUp(loaded.target);
    await writeFileAtomic(loaded.target, loaded.doc.toString(), { mode: 0o600, dirMode: 0o700 });
    return { backup };
  }
}

// `opencode.json.ollm-<UTC stamp>`, the newest five kept.
async function backUp(target: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.(\d+)Z$/, '$1Z');
  const backup = `${target}.ollm-${stamp}`;
  await copyFile(target, backup);
  await chmod(backup, 0o600);
  const prefix = `${basename(target)}.ollm-`;
  const dir = dirname(target);
  const backups = (await readdir(dir)).filter((name) => name.startsWith(prefix)).sort();
  for (const name of backups.slice(0, Math.max(0, backups.length - BACKUPS_KEPT))) await rm(join(dir, name), { force: true });
  return backup;
}
