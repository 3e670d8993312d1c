// The target kinds as one table: lookup by name or by record, the names `--write` takes, and the
// schema of the manifest. The composition builds it from its list (src/composition/kinds.ts) and
// hands it down through Ctx (the KINDS slot, kinds-slot.ts); code below reads it there, never the list itself.
import { UsageError } from '../errors.ts';
import * as z from '../zod.ts';
import type { TargetKind } from './kind.ts';
import type { BaseRecord } from './record.ts';

export class KindTable {
  /** `--write` accepts the kinds' names, and `none` (keychain only). */
  readonly names: readonly string[];
  /** A record of any kind in the table (the manifest's schema). */
  readonly recordSchema: z.ZodMiniType<BaseRecord>;

  constructor(readonly kinds: readonly TargetKind<any>[]) {
    this.names = [...kinds.map((k) => k.name), 'none'];
    this.recordSchema = z.discriminatedUnion('kind',
      kinds.map((k) => k.record) as unknown as [z.ZodMiniObject, ...z.ZodMiniObject[]]) as unknown as z.ZodMiniType<BaseRecord>;
  }

  named(name: string): TargetKind<BaseRecord> | undefined {
    return this.kinds.find((k) => k.name === name);
  }

  /** The kind of a record (every record the manifest returns has passed the schema, so it has one). */
  of(record: BaseRecord): TargetKind<BaseRecord> {
    return this.named(record.kind)!;
  }

  /**
   * `openclaw,profile` and `dotenv` → unique target names; `none` stands alone. An empty list means
   * "nothing chosen" and is left to the caller. `label` names where the values came from in messages.
   */
  parseList(values: readonly string[], label = '--write'): string[] {
    const names = values.flatMap((v) => v.split(',')).map((n) => n.trim()).filter(Boolean);
    for (const name of names) {
      if (!this.names.includes(name)) {
        throw new UsageError(`${label} ${JSON.stringify(name)} is not a place ollm can write to.`, `Choose from ${this.names.join(', ')} (comma-separated).`);
      }
    }
    const unique = [...new Set(names)];
    if (unique.includes('none') && unique.length > 1) throw new UsageError(`${label} none cannot be combined with other targets.`, 'Give either none or a list of targets.');
    return unique;
  }
}
