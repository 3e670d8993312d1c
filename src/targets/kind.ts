// What a target kind is: one module that owns a place a key can be written, through its whole
// life — its manifest record, building it from flags or from that record, writing (via the live
// target's prepare and write), removing, an optional step after a rotation, its doctor checks.
import type { Ctx } from '../context.ts';
import type { OpenClawPaths } from '../assistants/openclaw/paths.ts';
import type { OpenClawStyle } from '../assistants/openclaw/styles.ts';
import type { DoctorCheckSpec } from '../doctor/check.ts';
import type * as z from '../zod.ts';
import type { KeyTarget } from './target.ts';

/** What every manifest record has; a kind adds its own fields. */
export interface BaseRecord {
  kind: string;
  file: string;
}

/** The flags that choose targets (`--write` and the flags of each kind). */
export interface TargetFlags {
  write?: string[];
  openclawConfig?: string;
  openclawStyle?: string;
  defaultModel?: string;
  profileFile?: string;
  profileMode?: string;
  openclawProfile?: boolean;
  /** The secret store the key is kept in (`--store`); `file` rules out the keychain style. */
  store?: string;
}

/** A write chosen by flags, worked out once by buildTargets and handed to each chosen kind. */
export interface WriteChoice {
  ctx: Ctx;
  flags: TargetFlags;
  /** What ollm wrote for this key before, every kind (it fills in what the flags leave open). */
  recorded: readonly BaseRecord[];
  /** Every target name chosen this time. */
  names: readonly string[];
  /** How OpenClaw gets the key; `keychain` means no target may hold the key itself. */
  style: OpenClawStyle;
  keychain: boolean;
  /** The variable the key goes in for this style. */
  variable: string;
  /** OpenClaw's config and state directory for these flags (its `.env` lives there). */
  openclawPaths: OpenClawPaths;
}

export interface TargetKind<R extends BaseRecord> {
  /** `--write <name>` and the manifest's `kind`. */
  readonly name: R['kind'];
  /** The assistant this kind hands the key to directly (its own config or files), if any. */
  readonly assistant?: string;
  /** The manifest record (a zod/mini object whose `kind` is the literal name). */
  readonly record: z.ZodMiniType<R>;
  /** What completion cannot read from the flags: which of them name files. */
  readonly fileFlags: readonly string[];
  /** The record in words, for lists of where keys are written. */
  describe(record: R): string;
  /** The live target for `--write <name>`; throws a UsageError for a combination that cannot work. */
  forWrite(choice: WriteChoice): Promise<KeyTarget>;
  /**
   * The live target that writes the key again where the record says (rotation). `keychainStyle`:
   * another record keeps the key out of files, so this one must not hold it in plaintext either.
   * Null when there is nothing to rewrite there.
   */
  fromRecord(ctx: Ctx, record: R, options: { keychainStyle: boolean }): Promise<KeyTarget | null>;
  /** Under the keychain style, a record not chosen this time that still holds the key in plaintext: the target that converts it. */
  plaintextLeftover?(record: R): KeyTarget | null;
  /** Take the key out (revoke), only where it is still a revoked key; what was removed, for people, or null. */
  remove(ctx: Ctx, record: R, account: string, isThisKey: (value: string) => boolean): Promise<string | null>;
  /** The record keeps the key out of every file (the keychain style). */
  keepsKeyOutOfFiles?(record: R): boolean;
  /** After a rotation rewrote the targets (e.g. a running program reloads); what was done, for people. */
  afterRotate?(ctx: Ctx, records: R[]): Promise<string[]>;
  /** Files that hold the key itself (the doctor wants them 0600). */
  plaintextFiles?(record: R): string[];
  /** The doctor's checks of this kind, in report order. */
  readonly doctorChecks: readonly DoctorCheckSpec[];
}

/** Typed once here, so a kind module reads `export const profileKind = defineTargetKind({...})`. */
export function defineTargetKind<R extends BaseRecord>(kind: TargetKind<R>): TargetKind<R> {
  return kind;
}
