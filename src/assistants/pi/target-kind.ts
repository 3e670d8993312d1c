// The `pi` target kind: pi's models.json, in the helper or the file style. Its record, how it is
// built, rewritten (the file style only: the helper style's command fetches the new key itself)
// and removed. The editor loads only when a key is really written or removed.
import { UsageError, UserError } from '../../errors.ts';
import { defineTargetKind, type TargetKind } from '../../targets/kind.ts';
import type { PiFlagValues } from './flags.ts';
import { resolvePiPaths } from './paths.ts';
import { describePiRecord, isPiRecord, PiRecord } from './record.ts';
import { piWrite, type PiWrite } from './write-policy.ts';

export const piKind: TargetKind<PiRecord> = defineTargetKind<PiRecord>({
  name: 'pi',
  record: PiRecord,
  fileFlags: ['pi-models'],
  doctorChecks: [], // pi's checks are the assistant's (index.ts): they look at its files whoever wrote them.

  describe: describePiRecord,

  async forWrite({ ctx, flags, recorded, policy }) {
    // Worked out once, by pi's write policy, when pi is the assistant written for; else here.
    const { style, paths } = policy.displayName === 'pi' ? policy.own as PiWrite : piWrite(ctx, flags, recorded);
    if (style === 'helper' && flags.store !== undefined && flags.store !== 'keychain') {
      const from = (flags as PiFlagValues).piStyle !== undefined ? '--pi-style helper' : 'The helper style this key was written with';
      throw new UsageError(`${from} keeps the key out of every file, which --store ${flags.store} (--insecure-storage) contradicts.`, 'Use the OS keychain (drop --store file / --insecure-storage), or --pi-style file.');
    }
    if (style === 'file' && policy.keyOutOfFiles && policy.displayName !== 'pi') {
      throw new UsageError(`${policy.keyOutOfFilesBy} keeps the key out of every file, but pi's file style would write it into ${paths.modelsFile}.`, 'Add --pi-style helper, so pi runs ollm for the key.');
    }
    const { PiTarget } = await import('./target.ts');
    const previous = recorded.find(isPiRecord);
    const own = flags as PiFlagValues;
    return new PiTarget(ctx, paths, style, { set: own.defaultModel, recorded: previous?.file === paths.modelsFile ? previous.defaultModel : undefined });
  },

  // The helper style's command prints whatever key the keychain holds now: nothing to rewrite. A
  // file-style record under another record that keeps the key out of files becomes the helper style.
  async fromRecord(ctx, record, { keychainStyle }) {
    if (record.style === 'helper') return null;
    const { PiTarget } = await import('./target.ts');
    return new PiTarget(ctx, resolvePiPaths(record.file, ctx.env), keychainStyle ? 'helper' : 'file', { recorded: record.defaultModel });
  },

  keepsKeyOutOfFiles: (record) => record.style === 'helper',
  plaintextFiles: (record) => (record.style === 'file' ? [record.file] : []),

  async remove(ctx, record, account, isThisKey) {
    const [{ PiModelsFile }, { removeProvider }, { isHelperValueFor }, { splitAccount }] = await Promise.all([
      import('./models-file.ts'), import('./edits.ts'), import('./pi-value.ts'), import('../../keys/local-keys.ts'),
    ]);
    const parts = splitAccount(account);
    const models = new PiModelsFile(record.file);
    let loaded;
    try {
      loaded = await models.load();
    } catch (error) {
      if (error instanceof UserError) throw new UserError(`${error.message} The key was left in it.`, { code: error.code, hint: error.hint });
      throw error;
    }
    if (loaded.original === null) return null;
    const ours = (apiKey: unknown) => (typeof apiKey === 'string' && isThisKey(apiKey)) || (parts !== null && isHelperValueFor(apiKey, parts.alias, parts.proxy));
    if (!removeProvider(loaded.doc, ours)) return null;
    await models.save(loaded, loaded.doc.toString());
    const removed = [`pi models.json ${record.file}: providers.${record.provider}`];
    if (record.defaultModel) {
      const { clearPiDefaultModel } = await import('./default-model.ts');
      const settings = resolvePiPaths(record.file, ctx.env).settingsFile;
      if (await clearPiDefaultModel(settings, record.defaultModel).catch(() => false)) removed.push(`pi settings ${settings}: defaultProvider, defaultModel`);
    }
    return removed.join('; ');
  },
});

export { isPiRecord };
