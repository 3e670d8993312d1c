// The manifest record of Claude Code's settings target: the file, the style, and exactly what ollm
// wrote there (the proxy URL, the helper command), so revoke removes only values that still hold
// them. Code outside this folder sees only { kind, file }.
import * as z from '../../zod.ts';
import type { BaseRecord } from '../../targets/record.ts';

export const ClaudeCodeRecord = z.object({
  kind: z.literal('claude-code'),
  file: z.string(),
  style: z.enum(['helper', 'file']),
  baseUrl: z.string(),
  helper: z.optional(z.string()),
});
export type ClaudeCodeRecord = z.infer<typeof ClaudeCodeRecord>;

export function isClaudeCodeRecord(record: BaseRecord): record is ClaudeCodeRecord {
  return record.kind === 'claude-code';
}

/** The record in words, for lists of where keys are written. */
export function describeClaudeCodeRecord(record: Pick<ClaudeCodeRecord, 'file' | 'style'>): string {
  return `Claude Code settings ${record.file} (${record.style === 'helper' ? 'apiKeyHelper' : 'env.ANTHROPIC_AUTH_TOKEN'})`;
}
