// The `claude-code` target: Claude Code's settings.json, edited in the chosen style. The helper
// style writes ollm's key-helper launcher and an `apiKeyHelper` command; the file style writes the
// key itself into `env.ANTHROPIC_AUTH_TOKEN` (0600).
import type { Ctx } from '../../context.ts';
import { keyToken } from '../../keys/held-key.ts';
import { assertWritableFile } from '../../io/writable.ts';
import type { KeyTarget, KeyToWrite, TargetOutcome } from '../../targets/target.ts';
import { helperCommand, helperLauncherPath, writeHelperLauncher } from './helper-command.ts';
import { describeClaudeCodeRecord, type ClaudeCodeRecord } from './record.ts';
import { placeKey } from './settings-edits.ts';
import { ClaudeSettingsFile } from './settings-file.ts';
import { API_KEY_VARIABLE, TOKEN_VARIABLE, type ClaudeCodeStyle } from './styles.ts';

export class ClaudeCodeTarget implements KeyTarget {
  readonly kind = 'claude-code' as const;
  private readonly settings: ClaudeSettingsFile;

  constructor(private readonly ctx: Ctx, settingsFile: string, private readonly style: ClaudeCodeStyle, private readonly previous?: ClaudeCodeRecord) {
    this.settings = new ClaudeSettingsFile(settingsFile);
  }

  async prepare(): Promise<void> {
    await this.settings.preflight();
    if (this.style === 'helper') await assertWritableFile(helperLauncherPath(this.ctx.paths.stateDir), 'Claude Code\'s key-helper launcher');
  }

  async write(key: KeyToWrite): Promise<TargetOutcome> {
    const helper = this.style === 'helper' ? helperCommand(await writeHelperLauncher(this.ctx.paths.stateDir), key.alias, key.proxyBase) : undefined;
    const loaded = await this.settings.load();
    const ours = (value: string) => value === key.secret;
    const notes = placeKey(loaded.doc, {
      style: this.style, baseUrl: key.proxyBase, helper, secret: key.secret,
      previous: this.previous ? { style: this.previous.style, helper: this.previous.helper, isOurKey: ours } : undefined,
    });
    const { backup } = await this.settings.save(loaded, loaded.doc.toString());
    if (backup) notes.push(`backup: ${backup}`);
    if (this.style === 'helper') {
      const dropped = await this.settings.dropBackupsWithKeys(loaded.target, (text) => /sk-[A-Za-z0-9_-]{16,}/.test(text) && text.includes(TOKEN_VARIABLE));
      if (dropped) notes.push(`removed ${dropped} of ollm's backups that still held a plaintext key`);
    }
    this.warnAboutShadows(key);
    const record: ClaudeCodeRecord = { kind: 'claude-code', file: this.settings.file, style: this.style, baseUrl: key.proxyBase, ...(helper ? { helper } : {}) };
    return { record, description: describeClaudeCodeRecord(record), notes };
  }

  /** Variables of this shell that Claude Code started from here would send instead of ollm's key. */
  private warnAboutShadows(key: KeyToWrite): void {
    for (const name of [TOKEN_VARIABLE, API_KEY_VARIABLE]) {
      const value = this.ctx.env[name];
      if (value && keyToken(value) !== keyToken(key.secret)) {
        this.ctx.warn(`warning: ${name} is set in this shell's environment; Claude Code started from here sends that instead of ollm's key. Unset it (ollm doctor --for claude-code lists every such source).`);
      }
    }
  }
}
