// Reading and safely rewriting OpenClaw's config file: refuse early, back up, write atomically,
// and undo the write if the real OpenClaw says the result is invalid.
import { readdir, readFile, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../errors.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { assertWritableFile } from '../../io/writable.ts';
import { loadConfigForEdit, type ConfigLabels, type LoadedConfig } from '../../edit/config-for-edit.ts';
import { backUpConfig, dropBackupsWithKeys } from '../../io/config-backups.ts';
import type { OpenClawCli } from './openclaw-cli.ts';
import type { OpenClawPaths } from './paths.ts';

export type { LoadedConfig };

const OPENCLAW_LABELS: ConfigLabels = {
  what: 'OpenClaw\'s config', code: 'openclaw_config', flag: '--openclaw-config',
  pointAt: 'Point --openclaw-config (or OPENCLAW_CONFIG_PATH) at the openclaw.json file.',
  elsewhere: 'write the key elsewhere with --write profile|dotenv|none',
};

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

  load(): Promise<LoadedConfig> {
    return loadConfigForEdit(this.file, OPENCLAW_LABELS);
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
  async dropBackupsWithKeys(target: string): Promise<number> {
    return dropBackupsWithKeys(target);
  }


  /** Put the previous state back: the backup, or no file at all when there was none. */
  async restore(loaded: LoadedConfig, backup: string | null): Promise<void> {
    if (backup) await writeFileAtomic(loaded.target, await readFile(backup, 'utf8'), { mode: 0o600 });
    else await unlink(loaded.target).catch(() => {});
  }
}
