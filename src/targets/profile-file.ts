// Saving an edit of a shell profile: refuse what cannot be edited safely, keep a backup of the
// user's file, then write atomically. A profile is the user's own file; ollm owns one block of it.
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { assertBlocksTerminated, maskBlocks, UnterminatedBlockError } from './profile-block.ts';

/** `<profile>.ollm-backup`: the file as it was before ollm's last edit, ollm's own key values masked. */
export const profileBackup = (file: string) => `${file}.ollm-backup`;

/**
 * Apply `edit` to the profile's text and save it. Returns false when there was nothing to change
 * (`edit` returned null or the same text).
 */
export async function saveProfileEdit(file: string, original: string, edit: (text: string) => string | null): Promise<boolean> {
  let next: string | null;
  try {
    next = edit(original);
  } catch (error) {
    throw refusal(file, error);
  }
  if (next === null || next === original) return false;
  // Masked: the backup must not be one more plaintext copy of a key; the block is ollm's to rewrite.
  if (original !== '') await writeFileAtomic(profileBackup(file), maskBlocks(original), { mode: 0o600 });
  await writeFileAtomic(file, next);
  return true;
}

/** For a target's preflight, before any key exists: every ollm block in the profile can be found whole. */
export function assertProfileEditable(file: string, text: string): void {
  try {
    assertBlocksTerminated(text);
  } catch (error) {
    throw refusal(file, error);
  }
}

function refusal(file: string, error: unknown): unknown {
  if (!(error instanceof UnterminatedBlockError)) return error;
  return new UserError(`The ollm block at line ${error.line} of ${file} has lost its end marker; ollm would not know where its block ends and your lines begin.`, {
    code: 'profile_block_unterminated',
    hint: `Put the line "${error.endMarker}" back after the block's lines (or delete the block from "${error.startMarker}"), then run the command again.`,
  });
}
