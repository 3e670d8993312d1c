// The table of target kinds: every place a key can be written — each assistant's own kinds first
// (the default assistant's config is the default target), then the ones any assistant can use.
// Building, removal, the manifest's schema, rotation, completion and the doctor all read it (through
// Ctx's KINDS slot below the composition). A new kind is a module and a line here, or, for an
// assistant's own kind, a line in its index.
import { dotenvKind } from '../targets/dotenv-kind.ts';
import { KindTable } from '../targets/kind-table.ts';
import type { BaseRecord, TargetKind } from '../targets/kind.ts';
import { profileKind } from '../targets/profile-kind.ts';
import { ASSISTANTS } from './assistants.ts';

export const TARGET_KINDS = [...ASSISTANTS.flatMap((a): readonly TargetKind<any>[] => a.targetKinds), profileKind, dotenvKind] as const;

export const KIND_TABLE = new KindTable(TARGET_KINDS);

/** `--write` accepts the kinds' names, and `none` (keychain only). */
export const TARGET_NAMES: readonly string[] = KIND_TABLE.names;

export const TargetRecordSchema = KIND_TABLE.recordSchema;

export function kindOf(record: BaseRecord): TargetKind<BaseRecord> {
  return KIND_TABLE.of(record);
}

export function kindNamed(name: string): TargetKind<BaseRecord> | undefined {
  return KIND_TABLE.named(name);
}

/** See KindTable.parseList. */
export function parseTargetList(values: readonly string[], label = '--write'): string[] {
  return KIND_TABLE.parseList(values, label);
}
