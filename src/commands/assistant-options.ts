// Flags that come from the list of assistants: `--for` (its choices are the assistants' names) and
// the target flags with every assistant's own spread in. Apart from shared-options.ts because
// reading them loads the assistants, which `key get` and the key helper must never pay for.
import type { Options } from '../parse/options.ts';
import { ASSISTANT_FLAGS, ASSISTANT_NAMES } from '../composition/assistants.ts';
import { TARGET_NAMES } from '../composition/kinds.ts';

/** Which assistant a command works for; the choices are the list of assistants (composition/assistants.ts). */
export const forOption = {
  type: 'string',
  choices: ASSISTANT_NAMES,
  describe: `The assistant the key is for: ${ASSISTANT_NAMES.join(', ')} (default: ${ASSISTANT_NAMES[0]}); the alias defaults to its name`,
} as const satisfies Options;

/**
 * Where `key create` and `key write` write the key, and how (issue: "Put the key where OpenClaw
 * reads it"): `--write`, every assistant's own flags (composition/assistants.ts), the profile's.
 */
export const targetOptions = {
  write: { type: 'string', array: true, describe: `Where to write the key: ${TARGET_NAMES.join(', ')}; repeat or comma-separate (default: key write: where it was written before; else \`ollm config set targets\`, else openclaw)` },
  ...ASSISTANT_FLAGS,
  'profile-file': { type: 'string', describe: 'Shell profile to write with --write profile [default: from $SHELL]' },
  'profile-mode': { type: 'string', choices: ['literal', 'lookup'], describe: 'profile: write the key itself (default), or a line that reads it from the keychain at shell start' },
} as const satisfies Record<string, Options>;
