// The `dotenv` target kind: the `.env` the assistant reads (OpenClaw's state-dir `.env`, which
// daemons — systemd, launchd — read). It can only hold the key in plaintext, so when the key
// stays out of files it only ever takes it out.
import { UsageError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { readTextIfExists } from '../io/read-optional.ts';
import * as z from '../zod.ts';
import { removeDotenvVar } from './dotenv-file.ts';
import { DotenvRemoval, DotenvTarget } from './dotenv-target.ts';
import { defineTargetKind, type TargetKind, type WritePolicy } from './kind.ts';

const DotenvRecord = z.object({ kind: z.literal('dotenv'), file: z.string(), variable: z.string() });
export type DotenvRecord = z.infer<typeof DotenvRecord>;

function dotenvRefused(policy: WritePolicy): UsageError {
  return new UsageError(`${policy.keyOutOfFilesBy} keeps the key out of every file, and ${policy.displayName}'s .env can only hold it in plaintext (--write dotenv).`,
    `Drop dotenv from --write (the .env line ollm wrote is removed under ${policy.helperStyle.replace(/^The/, 'the')}), or choose another style.`);
}

function dotenvUnknown(policy: WritePolicy): UsageError {
  return new UsageError(`${policy.displayName} reads no .env file, so there is nowhere to write the key for --write dotenv.`, 'Drop dotenv from --write.');
}

export const dotenvKind: TargetKind<DotenvRecord> = defineTargetKind<DotenvRecord>({
  name: 'dotenv',
  record: DotenvRecord,
  fileFlags: [],
  doctorChecks: [],

  describe: (record) => `OpenClaw .env ${record.file} (${record.variable})`,

  forWrite({ flags, recorded, policy }) {
    const { keyOutOfFiles: keychain, variable, dotenvFile: file } = policy;
    if (keychain && flags.write !== undefined) return Promise.reject(dotenvRefused(policy));
    if (file === undefined) return Promise.reject(dotenvUnknown(policy));
    if (!keychain) return Promise.resolve(new DotenvTarget(file, variable));
    // The keychain style: .env cannot look a key up, so the plaintext line ollm wrote goes.
    const previous = recorded.find((r): r is DotenvRecord => r.kind === 'dotenv');
    return Promise.resolve(new DotenvRemoval(previous?.file ?? file, previous?.variable ?? variable));
  },

  fromRecord: (_ctx, record, { keychainStyle }) => Promise.resolve(keychainStyle ? new DotenvRemoval(record.file, record.variable) : new DotenvTarget(record.file, record.variable)),

  plaintextLeftover: (record) => new DotenvRemoval(record.file, record.variable),

  plaintextFiles: (record) => [record.file],

  async remove(_ctx, record, _account, isThisKey) {
    const text = await readTextIfExists(record.file);
    if (text === null) return null;
    const next = removeDotenvVar(text, record.variable, isThisKey);
    if (next === null) return null;
    await writeFileAtomic(record.file, next);
    return `.env ${record.file}: ${record.variable}`;
  },
});
