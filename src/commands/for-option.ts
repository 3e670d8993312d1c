// `--for <assistant>`: its choices are the assistants' names alone (composition/assistant-names.ts),
// so a command that only needs the name (`key info`) does not load every assistant.
import type { Options } from '../parse/options.ts';
import { ASSISTANT_NAMES } from '../composition/assistant-names.ts';

/** Which assistant a command works for; the choices are the list of assistants (composition/assistants.ts). */
export const forOption = {
  type: 'string',
  choices: ASSISTANT_NAMES,
  describe: `The assistant the key is for: ${ASSISTANT_NAMES.join(', ')} (default: ${ASSISTANT_NAMES[0]}); the alias defaults to its name`,
} as const satisfies Options;
