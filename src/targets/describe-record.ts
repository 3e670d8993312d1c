// A target record in words, for lists of where keys are written (each kind says it its way; the
// live targets say the same when they write).
import type { KindTable } from './kind-table.ts';
import type { TargetRecord } from './record.ts';

export function describeTargetRecord(kinds: KindTable, record: TargetRecord): string {
  return kinds.of(record).describe(record);
}

/** The short form for a table cell: "openclaw ~/.openclaw/openclaw.json". */
export function shortTargetRecord(record: TargetRecord): string {
  return `${record.kind} ${record.file}`;
}
