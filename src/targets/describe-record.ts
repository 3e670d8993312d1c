// A target record in words, for lists of where keys are written (each kind says it its way; the
// live targets say the same when they write).
import { kindOf, type TargetRecord } from './kinds.ts';

export function describeTargetRecord(record: TargetRecord): string {
  return kindOf(record).describe(record);
}

/** The short form for a table cell: "openclaw ~/.openclaw/openclaw.json". */
export function shortTargetRecord(record: TargetRecord): string {
  return `${record.kind} ${record.file}`;
}
