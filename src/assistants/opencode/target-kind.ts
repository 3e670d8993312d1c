// The `opencode` target kind: OpenCode's own config file, in one of its styles. Its record, how
// it is built, rewritten (file style only: the env style's reference never changes) and removed.
// The config editor loads only when a key is really written or removed.
import { defineTargetKind, type TargetKind } from '../../targets/kind.ts';
import type { OpenCodeFlagValues } from './flags.ts';
import { isOpenCodeRecord, OpenCodeRecord } from './record.ts';
import { openCodeWrite, type OpenCodeWrite } from './write-policy.ts';
import { OPENCODE_KEY_VARIABLE } from './styles.ts';

export const openCodeKind: TargetKind<OpenCodeRecord> = defineTargetKind<OpenCodeRecord>({
  name: 'opencode',
  record: OpenCodeRecord,
  fileFlags: ['opencode-config'],
  doctorChecks: [], // OpenCode's checks are the assistant's (index.ts): they look at its config whoever wrote it.

  describe: (record) => `OpenCode config ${record.file} (provider.${record.provider}, ${record.style === 'env' ? `key from {env:${record.variable ?? OPENCODE_KEY_VARIABLE}}` : 'key in the file'})`,

  async forWrite({ ctx, flags, recorded, policy }) {
    const { style, paths } = (policy.own as OpenCodeWrite | undefined) ?? openCodeWrite(ctx, flags, recorded);
    const previous = recorded.find(isOpenCodeRecord);
    const { OpenCodeTarget } = await import('./opencode-target.ts');
    return new OpenCodeTarget(ctx, {
      file: paths.configFile, style, defaultModel: (flags as OpenCodeFlagValues).defaultModel,
      createdBefore: previous?.file === paths.configFile && previous.created === true,
    });
  },

  // The env style's config holds `{env:VAR}`, the same for every key: nothing to rewrite. OpenCode
  // reads the variable when it starts, so a running OpenCode keeps the old key until it restarts.
  async fromRecord(ctx, record) {
    if (record.style === 'env') return null;
    const { OpenCodeTarget } = await import('./opencode-target.ts');
    return new OpenCodeTarget(ctx, { file: record.file, style: record.style, createdBefore: record.created === true });
  },

  plaintextFiles: (record) => (record.style === 'file' ? [record.file] : []),

  async remove(_ctx, record, _account, isThisKey) {
    const [{ OpenCodeConfigFile }, { removeProvider }] = await Promise.all([import('./config-file.ts'), import('./config-edits.ts')]);
    const config = new OpenCodeConfigFile(record.file);
    const loaded = await config.load();
    if (loaded.original === null) return null;
    const removed = removeProvider(loaded.doc, {
      provider: record.provider, style: record.style, variable: record.variable, created: record.created === true, isThisKey,
    });
    if (removed.length === 0) return null;
    await config.save(loaded);
    return `OpenCode config ${record.file}: ${removed.join(', ')}`;
  },
});
