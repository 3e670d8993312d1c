// The manifest record of OpenCode's config target: the file, how the key gets there (a `{env:VAR}`
// reference or the key itself), the provider id, and whether ollm made that provider entry (revoke
// then takes the whole entry out; otherwise only the key it wrote).
import * as z from '../../zod.ts';
import type { BaseRecord } from '../../targets/record.ts';

export const OpenCodeRecord = z.object({
  kind: z.literal('opencode'),
  file: z.string(),
  style: z.enum(['env', 'file']),
  provider: z.string(),
  variable: z.optional(z.string()),
  created: z.optional(z.boolean()),
});
export type OpenCodeRecord = z.infer<typeof OpenCodeRecord>;

export function isOpenCodeRecord(record: BaseRecord): record is OpenCodeRecord {
  return record.kind === 'opencode';
}
