// Flags several commands share, defined once so their wording and defaults agree.
import type { Options } from '../parse/options.ts';
import { OPENCLAW_STYLES } from '../assistants/openclaw/styles.ts';
import { STORE_NAMES, STORES } from '../secrets/stores.ts';
import { TARGET_NAMES } from '../targets/kinds.ts';

/** No declared default: read it with `resolveAlias(args, ctx)`, which falls back to `ollm config set alias`, then "openclaw". */
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

export const styleOption = {
  type: 'string',
  choices: OPENCLAW_STYLES,
  describe: 'How OpenClaw uses the key (default: what `key create` wrote, else litellm)',
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

/** Where `key create` writes the key, and how (issue: "Put the key where OpenClaw reads it"). */
export const targetOptions = {
  write: { type: 'string', array: true, describe: `Where to write the key: ${TARGET_NAMES.join(', ')}; repeat or comma-separate (default: key write: where it was written before; else \`ollm config set targets\`, else openclaw)` },
  'openclaw-config': { type: 'string', describe: 'OpenClaw config file [default: OPENCLAW_CONFIG_PATH, OPENCLAW_STATE_DIR, ~/.openclaw/openclaw.json]' },
  'openclaw-style': { type: 'string', choices: OPENCLAW_STYLES, describe: 'How OpenClaw gets the key: env var for the litellm provider, for the anthropic provider, or from the keychain via an exec secret provider (default: key write: the style written before; else `ollm config set style`, else litellm)' },
  'default-model': { type: 'string', describe: 'Make this proxy model OpenClaw\'s default (otherwise only set when none is set)' },
  replace: { type: 'boolean', default: false, describe: 'Write this key for OpenClaw even where another alias\'s key is written (OpenClaw then uses this one)' },
  'openclaw-profile': { type: 'boolean', default: true, describe: 'Update a stored OpenClaw auth profile that would override the config (--no-openclaw-profile: only warn)' },
  'profile-file': { type: 'string', describe: 'Shell profile to write with --write profile [default: from $SHELL]' },
  'profile-mode': { type: 'string', choices: ['literal', 'lookup'], describe: 'profile: write the key itself (default), or a line that reads it from the keychain at shell start' },
} as const satisfies Record<string, Options>;
