// The manifest record of Codex's config target: the file, the style it was written in and the
// provider id ollm wrote there. Code outside this folder sees only { kind, file }.
import * as z from '../../zod.ts';
import type { BaseRecord } from '../../targets/record.ts';

export const CodexRecord = z.object({
  kind: z.literal('codex'),
  file: z.string(),
  style: z.enum(['helper', 'env', 'file']),
  provider: z.string(),
});
export type CodexRecord = z.infer<typeof CodexRecord>;

export function isCodexRecord(record: BaseRecord): record is CodexRecord {
  return record.kind === 'codex';
}
