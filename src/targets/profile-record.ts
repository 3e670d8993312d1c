// The manifest record of a shell-profile block: which file, which shell's syntax, whether it
// holds the key itself or looks it up, and the variable it sets.
import * as z from '../zod.ts';

export const ProfileRecord = z.object({
  kind: z.literal('profile'),
  file: z.string(),
  shell: z.enum(['posix', 'fish']),
  mode: z.enum(['literal', 'lookup']),
  variable: z.string(),
});
export type ProfileRecord = z.infer<typeof ProfileRecord>;
