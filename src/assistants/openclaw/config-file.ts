// Reading and safely rewriting OpenClaw's config file: refuse early, back up (io/config-backups.ts),
// write atomically, and undo the write if the real OpenClaw says the result is invalid.
import { readFile, stat, unlink } from 'node:fs/promises';
import { UserError } from '../../errors.ts';
import { resolveWriteTarget, writeFileAtomic } from '../../io/atomic-write.ts';
import { backUpConfig, dropBackupsWithKeys } from '../../io/config-backups.ts';
import { assertWritableFile } from '../../io/writable.ts';
import { Json5Document, Json5DocumentError, Json5SyntaxError } from '../../edit/json5-document.ts';
import type { OpenClawCli } from './openclaw-cli.ts';
import type { OpenClawPaths } from './paths.ts';

/** Real configs are a few KB; anything this big is not one ollm should rewrite. */
const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

export interface LoadedConfig {
  doc: Json5Document;
  /** The text as read (null when the file did not exist yet). */
  original: string | null;
  /** The file actually written: a symlinked config is written through to its target. */
  target: string;
}

export class OpenClawConfigFile {
  constructor(readonly paths: OpenClawPaths, private readonly env: NodeJS.ProcessEnv) {}

  get file(): string {
    return this.paths.configFile;
  }

  /**
   * Everything that would make a later write fail, checked before any key exists:
   * OPENCLAW_CONFIG_READONLY, a directory in the way, invalid JSON5, no write permission.
   */
  async preflight(): Promise<LoadedConfig> {
    if (this.env.OPENCLAW_CONFIG_READONLY === '1') {
      throw new UserError(`OpenClaw's config ${this.file} is marked read-only (OPENCLAW_CONFIG_READONLY=1).`, {
        code: 'openclaw_config_readonly', hint: 'Unset OPENCLAW_CONFIG_READONLY, or write the key elsewhere with --write profile|dotenv|none.',
      });
    }
    const loaded = await this.load();
    await assertWritableFile(loaded.target, 'OpenClaw\'s config', 'openclaw_config_unwritable');
    return loaded;
  }

  async load(): Promise<LoadedConfig> {
    const target = await resolveTarget(this.file);
    let original: string | null = null;
    try {
      const info = await stat(target);
      if (info.isDirectory()) {
        throw new UserError(`OpenClaw's config path ${this.file} is a directory, not a file.`, {
          code: 'openclaw_config_invalid', hint: 'Point --openclaw-config (or OPENCLAW_CONFIG_PATH) at the openclaw.json file.',
        });
      }
      if (info.size > MAX_CONFIG_BYTES) {
        throw new UserError(`OpenClaw's config ${this.file} is ${(info.size / 1024 / 1024).toFixed(1)} MB; ollm only edits configs up to ${MAX_CONFIG_BYTES / 1024 / 1024} MB.`, {
          code: 'openclaw_config_too_large', hint: 'Check that this is the right file (--openclaw-config), or write the key elsewhere with --write profile|dotenv|none.',
        });
      }
      original = await readFile(target, 'utf8');
    } catch (error) {
      if (error instanceof UserError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        throw new UserError(`Cannot read OpenClaw's config ${this.file}: ${(error as Error).message}.`, { code: 'openclaw_config_unreadable' });
      }
    }
    try {
      return { doc: Json5Document.parse(original ?? '', this.file), original, target };
    } catch (error) {
      if (error instanceof Json5SyntaxError) {
        throw new UserError(error.message, {
          code: 'openclaw_config_invalid', hint: `Fix the file by hand (line ${error.line}, column ${error.column}); ollm changes nothing until it parses.`,
        });
      }
      if (error instanceof Json5DocumentError) throw new UserError(`${error.message}.`, { code: 'openclaw_config_invalid', hint: 'Check that this is the right file (--openclaw-config), and fix it by hand; ollm changes nothing until it can read it.' });
      throw error;
    }
  }

  /** Back up the old file, then write the new text atomically (0600, directory 0700). */
  async save(loaded: LoadedConfig, text: string): Promise<{ backup: string | null }> {
    const backup = loaded.original === null ? null : await backUpConfig(loaded.target);
    await writeFileAtomic(loaded.target, text, { mode: 0o600, dirMode: 0o700 });
    return { backup };
  }

  /**
   * `save`, then let the real OpenClaw (when installed) validate the file; if it rejects it, put
   * the previous state back and fail. `checked` says whether OpenClaw looked at it.
   */
  async saveValidated(loaded: LoadedConfig, text: string, openclaw: OpenClawCli | null): Promise<{ backup: string | null; checked: boolean }> {
    const { backup } = await this.save(loaded, text);
    if (!openclaw) return { backup, checked: false };
    const problems = await openclaw.validateConfig(this.file);
    if (problems.length) {
      await this.restore(loaded, backup);
      throw new UserError(`OpenClaw rejected the edited config, so ollm put the previous one back: ${problems.slice(0, 3).join('; ')}.`, {
        code: 'openclaw_config_rejected', hint: `Run \`openclaw config validate\` to see every problem in ${this.file}.`,
      });
    }
    return { backup, checked: true };
  }

  /**
   * Delete ollm's backups of this config that hold a plaintext key (after switching to the
   * keychain style, whose point is that no file has one). Returns how many went.
   */
  dropBackupsWithKeys(target: string): Promise<number> {
    return dropBackupsWithKeys(target);
  }

  /** Put the previous state back: the backup, or no file at all when there was none. */
  async restore(loaded: LoadedConfig, backup: string | null): Promise<void> {
    if (backup) await writeFileAtomic(loaded.target, await readFile(backup, 'utf8'), { mode: 0o600 });
    else await unlink(loaded.target).catch(() => {});
  }
}

async function resolveTarget(path: string): Promise<string> {
  // The same file writeFileAtomic writes: through a symlink, also a dangling one.
  try {
    return await resolveWriteTarget(path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    return path; // unreadable: the read that follows says why
  }
}
