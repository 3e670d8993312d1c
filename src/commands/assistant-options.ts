// Flags that come from the list of assistants: the target flags with every assistant's own spread
// in. Apart from shared-options.ts because reading them loads the assistants, which `key get` and
// the key helper must never pay for (`--for` needs only their names: for-option.ts).
import type { Options } from '../parse/options.ts';
import { ASSISTANT_FLAGS } from '../composition/assistants.ts';
import { TARGET_NAMES } from '../composition/kinds.ts';

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
