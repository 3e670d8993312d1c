// Flags several commands share, defined once so their wording and defaults agree. Light on
// imports (`key get` reads it): the flags that need the list of assistants are in assistant-options.ts.
import type { Options } from '../parse/options.ts';
import { STORE_NAMES, STORES } from '../secrets/stores.ts';

/** No declared default: read it with `resolveAlias(args, ctx)`, which falls back to `--for`, `ollm config set alias`, then "openclaw". */
export const aliasOption = {
  type: 'string',
  alias: 'a',
  describe: 'Name of the key, its LiteLLM key_alias (default: set by `ollm config set alias`, else openclaw)',
} as const satisfies Options;

export const revealOption = {
  type: 'boolean',
  default: false,
  describe: 'Show the key itself instead of a masked form',
} as const satisfies Options;

/** How long a command that changes a key waits for another holding its lock (read with `lockWaitMs`). */
export const waitOption = {
  type: 'string',
  default: '30s',
  describe: 'How long to wait for another ollm changing the same key (rotate, revoke, write, update)',
} as const satisfies Options;

/** Where the secret is kept: a store by name, and the older spelling of `--store file`. */
export const storeOptions = {
  store: {
    type: 'string',
    choices: STORE_NAMES,
    describe: `Where to keep the secret: ${STORES.map((s) => `${s.name} = ${s.describe}`).join('; ')} (default: keychain)`,
  },
  'insecure-storage': {
    type: 'boolean',
    default: false,
    describe: 'Same as --store file: keep the secret in a plain-text 0600 file instead of the OS keychain',
  },
} as const satisfies Record<string, Options>;

export const yesOption = {
  type: 'boolean',
  alias: 'y',
  default: false,
  describe: 'Do not ask for confirmation',
} as const satisfies Options;

/** A key's settings: `key create` sets them, `key update` changes them (one definition, one wording). */
export const keySettingsOptions = {
  budget: { type: 'string', describe: 'Spend limit in USD (a number ≥ 0)' },
  monthly: { type: 'boolean', describe: 'Reset the budget monthly (sends "1mo")' },
  weekly: { type: 'boolean', describe: 'Reset the budget weekly (sends "7d")' },
  daily: { type: 'boolean', describe: 'Reset the budget daily (sends "1d")' },
  'budget-duration': { type: 'string', describe: 'Budget period as <int><s|m|h|d|w|mo>, e.g. 30d' },
  expires: { type: 'string', describe: 'Key expiry as a duration, e.g. 90d (default: never)' },
  models: { type: 'string', array: true, describe: 'Models the key may use, comma-separated (default: all)' },
  rpm: { type: 'string', describe: 'Requests per minute limit' },
  tpm: { type: 'string', describe: 'Tokens per minute limit' },
  'max-parallel': { type: 'string', describe: 'Maximum parallel requests' },
  metadata: { type: 'string', array: true, describe: 'key=value metadata (repeatable)' },
} as const satisfies Record<string, Options>;
