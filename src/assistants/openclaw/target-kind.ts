// The `openclaw` target kind: OpenClaw's own config file, in one of its styles. Its record, how
// it is built, rewritten, removed and reloaded after a rotation. The heavy parts (the JSON5
// editor, the openclaw CLI) load only when a key is really written or removed.
import { dirname } from 'node:path';
import { UsageError, UserError } from '../../errors.ts';
import { defineTargetKind, type TargetKind } from '../../targets/kind.ts';
import type { OpenClawFlagValues } from './flags.ts';
import { resolveOpenClawPaths } from './paths.ts';
import { isOpenClawRecord, OpenClawRecord } from './record.ts';
import { openClawWrite, type OpenClawWrite } from './write-policy.ts';

export type { OpenClawRecord };

/** The installed openclaw, pointed at this config file (its profiles and checks are per config). */
async function openClawFor(env: NodeJS.ProcessEnv, configFile: string) {
  const { findOpenClaw } = await import('./openclaw-cli.ts');
  return findOpenClaw({ ...env, OPENCLAW_CONFIG_PATH: configFile });
}

export const openClawKind: TargetKind<OpenClawRecord> = defineTargetKind<OpenClawRecord>({
  name: 'openclaw',
  record: OpenClawRecord,
  fileFlags: ['openclaw-config'],
  doctorChecks: [], // OpenClaw's checks are the assistant's (index.ts): they look at its config whoever wrote it.

  describe: (record) => `OpenClaw config ${record.file} (${record.variable ? `env.vars.${record.variable}` : 'exec secret provider "ollm"'})`,

  async forWrite({ ctx, flags, recorded, policy }) {
    // Worked out once, by OpenClaw's write policy, when OpenClaw is the assistant written for; else here.
    const { style, paths: openclawPaths } = (policy.own as OpenClawWrite | undefined) ?? await openClawWrite(ctx, flags, recorded);
    const own = flags as OpenClawFlagValues;
    if (style === 'keychain' && flags.store !== undefined && flags.store !== 'keychain') {
      const from = own.openclawStyle !== undefined ? '--openclaw-style keychain' : 'The keychain style (from `ollm config set style`)';
      throw new UsageError(`${from} keeps the key out of every file, which --store ${flags.store} (--insecure-storage) contradicts.`, 'Use the OS keychain (drop --store file / --insecure-storage), or another style.');
    }
    const previous = recorded.find(isOpenClawRecord);
    const { OpenClawTarget } = await import('./openclaw-target.ts');
    return new OpenClawTarget(ctx, openclawPaths, {
      style, defaultModel: own.defaultModel, updateAuthProfile: own.openclawProfile !== false, previousStyle: previous?.style,
    }, await openClawFor(ctx.env, openclawPaths.configFile));
  },

  // The keychain style's config points at the keychain entry: nothing to rewrite, only a reload (afterRotate).
  async fromRecord(ctx, record) {
    if (record.style === 'keychain') return null;
    const { OpenClawTarget } = await import('./openclaw-target.ts');
    const paths = { ...resolveOpenClawPaths(record.file, ctx.env), configFile: record.file };
    return new OpenClawTarget(ctx, paths, { style: record.style, updateAuthProfile: true }, await openClawFor(ctx.env, record.file));
  },

  keepsKeyOutOfFiles: (record) => record.style === 'keychain',

  // A running Gateway re-reads env.vars by itself, but resolves exec SecretRefs only on reload.
  async afterRotate(ctx, records) {
    if (!records.some((r) => r.style === 'keychain')) return [];
    const { findOpenClaw } = await import('./openclaw-cli.ts');
    const cli = await findOpenClaw(ctx.env);
    return cli && await cli.reloadSecrets() ? ['running OpenClaw Gateway (openclaw secrets reload)'] : [];
  },

  async remove(ctx, record, account, isThisKey) {
    if (ctx.env.OPENCLAW_CONFIG_READONLY === '1') throw new UserError(`OpenClaw's config ${record.file} is read-only (OPENCLAW_CONFIG_READONLY=1); the key was left in it.`, { code: 'openclaw_config_readonly' });
    const [{ OpenClawConfigFile }, { removeKey }] = await Promise.all([import('./config-file.ts'), import('./config-edits.ts')]);
    const config = new OpenClawConfigFile({ configFile: record.file, configSource: 'ollm\'s target list', stateDir: dirname(record.file) }, ctx.env);
    const loaded = await config.load();
    if (loaded.original === null) return null;
    const removed = removeKey(loaded.doc, record.style, account, isThisKey);
    if (removed.length === 0) return null;
    await config.save(loaded, loaded.doc.toString());
    return `OpenClaw config ${record.file}: ${removed.join(', ')}`;
  },
});
