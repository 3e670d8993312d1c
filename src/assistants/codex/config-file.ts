// Reading and safely rewriting Codex's config.toml: refuse early (a directory, too big, invalid
// TOML, not writable), back up, write atomically (0600, through a symlink), as OpenClaw's file.
import { chmod, copyFile, readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parse } from '@decimalturn/toml-patch';
import { UserError } from '../../errors.ts';
import { resolveWriteTarget, writeFileAtomic } from '../../io/atomic-write.ts';
import { assertWritableFile } from '../../io/writable.ts';
import { backUpConfig } from '../../io/config-backups.ts';

/** Real configs are a few KB; anything this big is not one ollm should rewrite. */
const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

export interface LoadedCodexConfig {
  /** The text as read ('' when the file did not exist yet). */
  text: string;
  /** What it says, as plain data. */
  data: Record<string, unknown>;
  existed: boolean;
  /** The file actually written: a symlinked config is written through to its target. */
  target: string;
}

export class CodexConfigFile {
  constructor(readonly file: string) {}

  /** Everything that would make a later write fail, checked before any key exists. */
  async preflight(): Promise<LoadedCodexConfig> {
    const loaded = await this.load();
    await assertWritableFile(loaded.target, 'Codex\'s config', 'codex_config_unwritable');
    return loaded;
  }

  async load(): Promise<LoadedCodexConfig> {
    const target = await resolveWriteTarget(this.file).catch((error: unknown) => {
      if (error instanceof UserError) throw error;
      return this.file;
    });
    let text: string | null = null;
    try {
      const info = await stat(target);
      if (info.isDirectory()) {
        throw new UserError(`Codex's config path ${this.file} is a directory, not a file.`, { code: 'codex_config_invalid', hint: 'Point --codex-config (or CODEX_HOME) at the folder holding config.toml.' });
      }
      if (info.size > MAX_CONFIG_BYTES) {
        throw new UserError(`Codex's config ${this.file} is ${(info.size / 1024 / 1024).toFixed(1)} MB; ollm only edits configs up to ${MAX_CONFIG_BYTES / 1024 / 1024} MB.`, {
          code: 'codex_config_too_large', hint: 'Check that this is the right file (--codex-config), or leave Codex out with --write none.',
        });
      }
      text = await readFile(target, 'utf8');
    } catch (error) {
      if (error instanceof UserError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new UserError(`Cannot read Codex's config ${this.file}: ${(error as Error).message}.`, { code: 'codex_config_unreadable' });
      }
    }
    return { text: text ?? '', data: parseToml(text ?? '', this.file), existed: text !== null, target };
  }

  /** Back up the old file, then write the new text atomically (0600, directory 0700). */
  async save(loaded: LoadedCodexConfig, text: string): Promise<{ backup: string | null }> {
    const backup = loaded.existed ? await backUpConfig(loaded.target) : null;
    await writeFileAtomic(loaded.target, text, { mode: 0o600, dirMode: 0o700 });
    return { backup };
  }
}

/** The TOML as data; a file Codex could not read either is the user's to fix, never rewritten. */
export function parseToml(text: string, file: string): Record<string, unknown> {
  try {
    return parse(text, { integersAsBigInt: false }) as Record<string, unknown>;
  } catch (error) {
    throw new UserError(`Codex's config ${file} is not valid TOML: ${(error as Error).message.split('\n')[0]}`, {
      code: 'codex_config_invalid', hint: 'Fix the file by hand; ollm changes nothing until it parses (Codex would refuse it too).',
    });
  }
}
