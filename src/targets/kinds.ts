// The table of target kinds: every place a key can be written. Building, removal, the manifest's
// schema, rotation, completion and the doctor all read it. A new kind is a module and a line here
// (or, for an assistant's own kind, a line in its index).
import { ASSISTANTS } from '../assistants/assistants.ts';
import * as z from '../zod.ts';
import { dotenvKind } from './dotenv-kind.ts';
import type { BaseRecord, TargetKind } from './kind.ts';
import { profileKind } from './profile-kind.ts';

/** The assistants' kinds first (OpenClaw's config is the default target), then the ones any assistant can use. */
export const TARGET_KINDS = [...ASSISTANTS.flatMap((a) => a.targetKinds), profileKind, dotenvKind] as const;

type AnyKind = (typeof ASSISTANTS)[number]['targetKinds'][number] | typeof profileKind | typeof dotenvKind;
type RecordOf<K> = K extends TargetKind<infer R> ? R : never;

/** One record of ollm's target list (targets.json): which kind, which file, and the kind's own fields. */
export type TargetRecord = RecordOf<AnyKind>;

export const TargetRecordSchema = z.discriminatedUnion('kind',
  TARGET_KINDS.map((k) => k.record) as unknown as [z.ZodMiniObject, ...z.ZodMiniObject[]]) as unknown as z.ZodMiniType<TargetRecord>;

/** `--write` accepts the kinds' names, and `none` (keychain only). */
export const TARGET_NAMES: readonly string[] = [...TARGET_KINDS.map((k) => k.name), 'none'];

/** The kind of a record (every record the manifest returns has passed the schema, so it has one). */
export function kindOf(record: BaseRecord): TargetKind<BaseRecord> {
  return kindNamed(record.kind)!;
}

export function kindNamed(name: string): TargetKind<BaseRecord> | undefined {
  return (TARGET_KINDS as readonly TargetKind<any>[]).find((k) => k.name === name);
}
