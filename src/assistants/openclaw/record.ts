// The manifest record of OpenClaw's config target: the file and the style it was written in.
// Code outside this folder sees only { kind, file }; OpenClaw's own code narrows with isOpenClawRecord.
import * as z from '../../zod.ts';
import type { BaseRecord } from '../../targets/record.ts';

export const OpenClawRecord = z.object({
  kind: z.literal('openclaw'),
  file: z.string(),
  style: z.enum(['litellm', 'anthropic', 'keychain']),
  variable: z.optional(z.string()),
});
export type OpenClawRecord = z.infer<typeof OpenClawRecord>;

export function isOpenClawRecord(record: BaseRecord): record is OpenClawRecord {
  return record.kind === 'openclaw';
}
