// The `codex` target kind: Codex's config.toml, in one of its styles. Its record, how it is built,
// rewritten and removed. The TOML editor loads only when a key is really written or removed.
import { splitAccount } from '../../keys/local-keys.ts';
import { defineTargetKind, type TargetKind } from '../../targets/kind.ts';
import { isCodexRecord, CodexRecord } from './record.ts';
import { CODEX_PROVIDER_ID } from './styles.ts';
import { codexWrite, type CodexWrite } from './write-policy.ts';

export type { CodexRecord };

export const codexKind: TargetKind<CodexRecord> = defineTargetKind<CodexRecord>({
  name: 'codex',
  record: CodexRecord,
  fileFlags: ['codex-config'],
  doctorChecks: [], // Codex's checks are the assistant's (index.ts): they look at its config whoever wrote it.

  describe: (record) => `Codex config ${record.file} (${record.style === 'file' ? `model_providers.${record.provider}.experimental_bearer_token` : record.style === 'env' ? `model_providers.${record.provider}.env_key` : `model_providers.${record.provider}.auth runs ollm`})`,

  async forWrite({ ctx, flags, recorded, policy }) {
    // Worked out once by Codex's write policy when Codex is the assistant written for; else here.
    const { style, paths, select } = (policy.own as CodexWrite | undefined) ?? await codexWrite(ctx, flags, recorded);
    const { CodexTarget } = await import('./codex-target.ts');
    return new CodexTarget(ctx, paths, style, select);
  },

  // The helper and env styles name no key: a rotation leaves the file alone (Codex asks again).
  async fromRecord(ctx, record, { keychainStyle }) {
    if (record.style !== 'file') return null;
    const [{ CodexTarget }, { resolveCodexPaths }] = await Promise.all([import('./codex-target.ts'), import('./paths.ts')]);
    return new CodexTarget(ctx, resolveCodexPaths(record.file, ctx.env), keychainStyle ? 'helper' : 'file', false);
  },

  // Only the helper style rules plaintext out everywhere (the env style's variable may come from a literal profile).
  keepsKeyOutOfFiles: (record) => record.style === 'helper',

  plaintextFiles: (record) => (record.style === 'file' ? [record.file] : []),

  async remove(ctx, record, account, isThisKey) {
    if (!isCodexRecord(record)) return null;
    const [{ CodexConfigFile }, { removeProvider, blockPointsAt }] = await Promise.all([import('./config-file.ts'), import('./config-edits.ts')]);
    const config = new CodexConfigFile(record.file);
    const loaded = await config.load();
    if (!loaded.existed) return null;
    // A read-only config is refused, not silently replaced by a writable one.
    await config.preflight();
    const proxy = splitAccount(account)?.proxy ?? '';
    const id = record.provider || CODEX_PROVIDER_ID;
    // Only what is still ollm's: the file style's block while it holds this key, the others while they point at this proxy.
    const result = removeProvider(loaded.text, record.file, id, (block) => (record.style === 'file'
      ? typeof block.experimental_bearer_token === 'string' && isThisKey(block.experimental_bearer_token)
      : blockPointsAt(block, proxy)));
    if (!result) return null;
    await config.save(loaded, result.text);
    return `Codex config ${record.file}: ${result.removed.join(', ')}`;
  },
});
