// The two ways ollm hands a key to Codex, and the provider ollm writes for it.
//  helper: `[model_providers.ollm.auth]` runs ollm (absolute node + ollm's own entry, no shell, no
//          PATH lookup) for the key; no key in any file. The default.
//  env:    `env_key = "LITELLM_API_KEY"`: Codex reads the key from its environment at start
//          (`ollm exec --for codex -- codex`, or a shell profile); no key in Codex's config.
//  file:   `experimental_bearer_token` holds the key itself in config.toml (0600), for machines
//          without a keychain. Codex 0.171 sends it as `Authorization: Bearer`.
import { UsageError } from '../../errors.ts';

export type CodexStyle = 'helper' | 'env' | 'file';
export const CODEX_STYLES: readonly CodexStyle[] = ['helper', 'env', 'file'];

/** The variable the env style names in `env_key` (and `exec`/`env` fill). */
export const CODEX_KEY_VARIABLE = 'LITELLM_API_KEY';
export const DEFAULT_CODEX_STYLE: CodexStyle = 'helper';

/**
 * The provider id ollm writes (`[model_providers.ollm]`, `model_provider = "ollm"`). One fixed id:
 * Codex's config holds one key (the claim), and a fixed name never collides with a provider the
 * user or `lite configure codex` wrote (`litellm`), nor needs escaping as a TOML key.
 */
export const CODEX_PROVIDER_ID = 'ollm';

/**
 * How long Codex waits for the helper (its default is 5 s). ollm's keychain read has a 10 s
 * deadline of its own (OLLM_KEYCHAIN_TIMEOUT_MS) and node starts in ~0.1–0.5 s: 15 s lets ollm
 * report its own error instead of being killed mid-read on a loaded machine.
 */
export const HELPER_TIMEOUT_MS = 15_000;

/**
 * How old a key Codex may keep sending before it asks the helper again (its default is 5 min).
 * Codex refreshes lazily (on the next request after this age) and at once after a 401, so one
 * minute costs one short ollm run per minute of use, and a rotated key reaches a running Codex
 * within a minute. The old key must outlive this: see CODEX_ROTATION_GRACE.
 */
export const HELPER_REFRESH_MS = 60_000;

/**
 * What `key rotate` keeps the old key alive for when no --grace is given: Codex may send the old
 * key for up to HELPER_REFRESH_MS, plus a turn already under way. After a 401 it re-runs the
 * helper and retries, so a shorter grace costs a retry, not a failure; 5 minutes avoids even that.
 */
export const CODEX_ROTATION_GRACE = { duration: '5m', why: 'a running Codex asks ollm for its key again only once a minute (and after a 401)' } as const;

export function parseCodexStyle(value: string, label = '--codex-style'): CodexStyle {
  if ((CODEX_STYLES as readonly string[]).includes(value)) return value as CodexStyle;
  throw new UsageError(`${label} ${JSON.stringify(value)} is not a way ollm can hand the key to Codex.`, `Use ${CODEX_STYLES.join(', ')}.`);
}
