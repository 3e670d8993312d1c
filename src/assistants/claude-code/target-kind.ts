// The `claude-code` target kind: Claude Code's settings.json, in one of its styles. Its record, how
// it is built, rewritten (only the file style holds the key) and taken out again on revoke.
import { defineTargetKind, type TargetKind } from '../../targets/kind.ts';
import { ClaudeCodeRecord, describeClaudeCodeRecord, isClaudeCodeRecord } from './record.ts';
import { claudeCodeWrite, type ClaudeCodeWrite } from './write-policy.ts';

export type { ClaudeCodeRecord };

export const claudeCodeKind: TargetKind<ClaudeCodeRecord> = defineTargetKind<ClaudeCodeRecord>({
  name: 'claude-code',
  record: ClaudeCodeRecord,
  fileFlags: ['claude-config'],
  doctorChecks: [], // Claude Code's checks are the assistant's: they look at its settings whoever wrote them.

  describe: describeClaudeCodeRecord,

  async forWrite({ ctx, flags, recorded, policy }) {
    const { style, paths } = (policy.own as ClaudeCodeWrite | undefined) ?? claudeCodeWrite(ctx, flags, recorded);
    const { ClaudeCodeTarget } = await import('./target.ts');
    return new ClaudeCodeTarget(ctx, paths.settingsFile, style, recorded.find(isClaudeCodeRecord));
  },

  // The helper style's settings name ollm's command, which prints whatever key is stored now: nothing to rewrite.
  async fromRecord(ctx, record) {
    if (record.style === 'helper') return null;
    const { ClaudeCodeTarget } = await import('./target.ts');
    return new ClaudeCodeTarget(ctx, record.file, 'file', record);
  },

  keepsKeyOutOfFiles: (record) => record.style === 'helper',

  plaintextFiles: (record) => record.style === 'file' ? [record.file] : [],

  async remove(_ctx, record, _account, isThisKey) {
    const [{ ClaudeSettingsFile }, { removePlacement }] = await Promise.all([import('./settings-file.ts'), import('./settings-edits.ts')]);
    const settings = new ClaudeSettingsFile(record.file);
    const loaded = await settings.load();
    if (loaded.original === null) return null;
    const removed = removePlacement(loaded.doc, record, isThisKey);
    if (removed.length === 0) return null;
    await settings.save(loaded, loaded.doc.toString());
    return `Claude Code settings ${record.file}: ${removed.join(', ')}`;
  },
});
