// The `profile` target kind: a marked block in the file the user's login shell reads, holding
// the key itself (literal) or a command that reads it from the keychain at shell start (lookup).
import { resolve } from 'node:path';
import { homeDir } from '../config/home.ts';
import { keyHelperEntry } from '../io/key-helper-launcher.ts';
import { UsageError } from '../errors.ts';
import { readTextIfExists } from '../io/read-optional.ts';
import { defineCheck } from '../doctor/check.ts';
import { ProfileRecord } from './profile-record.ts';
import { defineTargetKind, type TargetFlags, type TargetKind } from './kind.ts';
import type { CheckResult } from '../doctor/report.ts';
import { readBlockKey, removeBlock } from './profile-block.ts';
import { saveProfileEdit } from './profile-file.ts';
import { chooseProfile, ProfileTarget } from './profile-target.ts';

export type { ProfileRecord };

/** `ollm key get --reveal …` by absolute paths of node and ollm's key helper, so a login shell needs no PATH for it. */
function lookupCommand(alias: string, proxyBase: string): string[] {
  return [process.execPath, keyHelperEntry(), 'key', 'get', '--reveal', '--alias', alias, '--proxy-url', proxyBase];
}

function profileTarget(record: Pick<ProfileRecord, 'file' | 'shell' | 'variable'>, mode: ProfileRecord['mode']): ProfileTarget {
  return new ProfileTarget({ file: record.file, shell: record.shell }, record.variable, mode, (key) => lookupCommand(key.alias, key.proxyBase));
}

function keychainProfileMode(flags: TargetFlags, helperStyle: string): 'lookup' {
  if (flags.profileMode === 'literal') {
    throw new UsageError(`${helperStyle} keeps the key out of every file, so the shell profile cannot hold it literally (--profile-mode literal).`, 'Drop --profile-mode literal: the profile then looks the key up from the keychain.');
  }
  return 'lookup';
}

export const profileKind: TargetKind<ProfileRecord> = defineTargetKind<ProfileRecord>({
  name: 'profile',
  record: ProfileRecord,
  fileFlags: ['profile-file'],
  doctorChecks: [defineCheck({
    id: 'profile-block', title: 'Shell profile', needs: [],
    async run(d): Promise<CheckResult> {
      const [{ checkProfileBlocks }, { heldLookup, targetRecords }] = await Promise.all([import('./profile-check.ts'), import('../doctor/facts.ts')]);
      const [records, lookup] = await Promise.all([targetRecords(d), heldLookup(d)]);
      return checkProfileBlocks(records.filter((r) => r.kind === 'profile'), d.account, lookup.held, d.fixes);
    },
  })],

  describe: (record) => `shell profile ${record.file} (${record.mode === 'literal' ? record.variable : `${record.variable} looked up from the keychain`})`,

  async forWrite({ ctx, flags, recorded, policy: { keyOutOfFiles, variable, helperStyle } }) {
    const previous = recorded.find((r): r is ProfileRecord => r.kind === 'profile');
    const mode = keyOutOfFiles ? keychainProfileMode(flags, helperStyle) : (flags.profileMode ?? previous?.mode) === 'lookup' ? 'lookup' : 'literal';
    const choice = chooseProfile(ctx.env, homeDir(ctx.env), flags.profileFile ? resolve(flags.profileFile) : undefined);
    return profileTarget({ ...choice, variable }, mode);
  },

  // A key in the keychain style is never written in plaintext again, whatever older records say.
  fromRecord: (_ctx, record, { keychainStyle }) => Promise.resolve(profileTarget(record, keychainStyle ? 'lookup' : record.mode)),

  plaintextLeftover: (record) => (record.mode === 'literal' ? profileTarget(record, 'lookup') : null),

  plaintextFiles: (record) => (record.mode === 'literal' ? [record.file] : []),

  async remove(_ctx, record, account, isThisKey) {
    const text = await readTextIfExists(record.file);
    if (text === null) return null;
    if (record.mode === 'literal') {
      const inBlock = readBlockKey(text, account);
      if (inBlock !== null && !isThisKey(inBlock)) return null;
    }
    if (!await saveProfileEdit(record.file, text, (t) => removeBlock(t, account))) return null;
    return `shell profile ${record.file}: the ollm block`;
  },
});
