// Flags several commands share, defined once so their wording and defaults agree.
import type { Options } from 'yargs';
import { DEFAULT_ALIAS } from '../keys/alias.ts';

export const aliasOption = {
  type: 'string',
  default: DEFAULT_ALIAS,
  describe: 'Name of the key (LiteLLM key_alias)',
} as const satisfies Options;

export const revealOption = {
  type: 'boolean',
  default: false,
  describe: 'Show the key itself instead of a masked form',
} as const satisfies Options;

export const insecureStorageOption = {
  type: 'boolean',
  default: false,
  describe: 'Keep the secret in a plain-text 0600 file instead of the OS keychain (for machines without one)',
} as const satisfies Options;

export const yesOption = {
  type: 'boolean',
  default: false,
  describe: 'Do not ask for confirmation',
} as const satisfies Options;

export const styleOption = {
  type: 'string',
  choices: ['litellm', 'anthropic', 'keychain'],
  describe: 'How OpenClaw uses the key (default: what `key create` wrote, else litellm)',
} as const satisfies Options;
