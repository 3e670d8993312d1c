// Reading and safely rewriting OpenCode's config (JSONC): refuse early, back up, write atomically
// (0600, through a symlink to its target), keep every comment and setting; new strings are
// written so OpenCode's substitution cannot touch them (config-string.ts).
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { assertWritableFile } from '../../io/writable.ts';
import { backUpConfig, loadConfigForEdit, type ConfigLabels, type LoadedConfig } from '../../edit/config-for-edit.ts';
import { openCodeLiteralJson } from './config-string.ts';

const OPENCODE_LABELS: ConfigLabels = {
  what: 'OpenCode\'s config', code: 'opencode_config', flag: '--opencode-config',
  pointAt: 'Point --opencode-config (or OPENCODE_CONFIG) at the opencode.json file.',
  elsewhere: 'leave OpenCode out with --write none',
};
/** What OpenCode adds to a config without one (rewriting the file): written by ollm, so OpenCode leaves the file alone. */
const SCHEMA = 'https://opencode.ai/config.json';

export type LoadedOpenCodeConfig = LoadedConfig;

export class OpenCodeConfigFile {
  constructor(readonly file: string) {}

  /** Everything that would make a later write fail (a directory in the way, invalid JSONC, no write permission), before any key exists. */
  async preflight(): Promise<LoadedOpenCodeConfig> {
    const loaded = await this.load();
    await assertWritableFile(loaded.target, 'OpenCode\'s config', 'opencode_config_unwritable');
    return loaded;
  }

  async load(): Promise<LoadedOpenCodeConfig> {
    const loaded = await loadConfigForEdit(this.file, OPENCODE_LABELS, { escapeString: openCodeLiteralJson });
    if (loaded.original === null || loaded.original.trim() === '') loaded.doc.set(['$schema'], SCHEMA);
    return loaded;
  }

  /** Back up the old file, then write the new text atomically (0600, directory 0700). */
  async save(loaded: LoadedOpenCodeConfig): Promise<{ backup: string | null }> {
    const backup = loaded.original === null ? null : await backUpConfig(loaded.target);
    await writeFileAtomic(loaded.target, loaded.doc.toString(), { mode: 0o600, dirMode: 0o700 });
    return { backup };
  }
}
