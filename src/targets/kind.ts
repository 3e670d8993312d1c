// What a target kind is: one module that owns a place a key can be written, through its whole
// life — its manifest record, building it from flags or from that record, writing (via the live
// target's prepare and write), removing, an optional step after a rotation, its doctor checks.
import type { Ctx } from '../context.ts';
import type { DoctorCheckSpec } from '../doctor/check.ts';
import type * as z from '../zod.ts';
import type { BaseRecord, TargetRecord } from './record.ts';
import type { KeyTarget } from './target.ts';

export type { BaseRecord };

/**
 * The flags that choose targets: `--write`, `--store` and the profile's own, plus whatever flags
 * the assistants declare (read by their own kinds and write policies, by camelCase name).
 */
export interface TargetFlags {
  write?: string[];
  profileFile?: string;
  profileMode?: string;
  /** The secret store the key is kept in (`--store`); `file` rules out keeping the key out of files. */
  store?: string;
  readonly [assistantFlag: string]: unknown;
}

/**
 * How the assistant a key is written for wants it (Assistant.writePolicy): which variable holds
 * it, and whether it stays out of every file because the assistant runs a command for it.
 */
export interface WritePolicy {
  /** `OpenClaw`, for messages. */
  displayName: string;
  /** The variable the key goes in wherever a target holds it by name (a profile, a .env, an env block). */
  variable: string;
  /** No target may hold the key itself: the assistant asks ollm for it at run time. */
  keyOutOfFiles: boolean;
  /** That way of working, named for people: `The keychain style`. */
  helperStyle: string;
  /** What decided that, as a message's subject: `--openclaw-style keychain`. */
  keyOutOfFilesBy: string;
  /** The `.env` file the assistant reads (the dotenv kind's file), if it reads one. */
  dotenvFile?: string;
  /** The assistant's own reading of the flags (OpenClaw: its style and paths), for its own kinds only. */
  own?: unknown;
}

/** A write chosen by flags, worked out once by buildTargets and handed to each chosen kind. */
export interface WriteChoice {
  ctx: Ctx;
  flags: TargetFlags;
  /** What ollm wrote for this key before, every kind (it fills in what the flags leave open). */
  recorded: readonly TargetRecord[];
  /** Every target name chosen this time. */
  names: readonly string[];
  policy: WritePolicy;
}

export interface TargetKind<R extends BaseRecord> {
  /** `--write <name>` and the manifest's `kind`. */
  readonly name: R['kind'];
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
