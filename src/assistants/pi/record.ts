// The manifest record of pi's target: its models.json, the style the key was written in and the
// provider entry ollm owns there. Code outside this folder sees only { kind, file }.
import * as z from '../../zod.ts';
import type { BaseRecord } from '../../targets/record.ts';

export const PiRecord = z.object({
  kind: z.literal('pi'),
  file: z.string(),
  style: z.enum(['helper', 'file']),
  provider: z.string(),
  /** Set with --default-model: pi's settings.json names litellm/<this> (revoke takes it out again). */
  defaultModel: z.optional(z.string()),
});
export type PiRecord = z.infer<typeof PiRecord>;

export function isPiRecord(record: BaseRecord): record is PiRecord {
  return record.kind === 'pi';
}

/** The record in words, for lists of where keys are written. */
export function describePiRecord(record: Pick<PiRecord, 'file' | 'style' | 'provider'>): string {
  return `pi models.json ${record.file} (providers.${record.provider}, ${record.style === 'helper' ? 'apiKey runs ollm\'s key helper' : 'key in the file'})`;
}
