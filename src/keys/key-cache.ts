// How long a LiteLLM cluster may still accept a key after ollm deleted, blocked or rotated it away.
// Each LiteLLM process caches the keys it has seen for general_settings.user_api_key_cache_ttl
// (60 s by default), and /key/delete or /key/block evicts only the cache of the process that
// handled it: the others (same database, no Redis) accept the key until their entry expires.
// `--wait-cluster` waits that long; without it, the command says how long the window is.
import type { Ctx, MasterKey } from '../context.ts';
import { UsageError, UserError } from '../errors.ts';
import { durationToMs, parseDuration } from '../litellm/duration.ts';
import type { LiteLLMClient } from '../litellm/client.ts';
import type { Options } from '../parse/options.ts';

/** LiteLLM's own default for user_api_key_cache_ttl (proxy_server.py: in_memory_cache_ttl = 60). */
export const DEFAULT_KEY_CACHE_TTL_S = 60;
/** Added to the wait: a request an instance was serving while the key went may re-cache it just after. */
const MARGIN_MS = 1000;

export const clusterOptions = {
  'wait-cluster': {
    type: 'boolean', default: false,
    describe: 'Wait until no LiteLLM instance sharing the proxy\'s database accepts the key any more (each caches keys for user_api_key_cache_ttl, 60 s by default)',
  },
  'key-cache-ttl': {
    type: 'string',
    describe: 'The proxy\'s general_settings.user_api_key_cache_ttl, e.g. 5s, when it is not LiteLLM\'s default (60 s) and the proxy does not report it',
  },
} as const satisfies Record<string, Options>;

export interface KeyCacheWindow {
  ttl_seconds: number;
  /** Where the TTL came from: the flag, the proxy's own answer, or LiteLLM's default. */
  ttl_from: '--key-cache-ttl' | 'proxy' | 'default';
}

/** --key-cache-ttl as seconds (a usage error when it is no duration), or undefined. */
export function keyCacheTtlFlag(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const duration = /^\d+$/.test(text.trim()) ? parseDuration(`${text.trim()}s`) : parseDuration(text);
  const ms = duration ? durationToMs(duration) : NaN;
  if (!(ms > 0 && ms <= 86_400_000)) throw new UsageError(`--key-cache-ttl ${JSON.stringify(text)} is not a duration from 1 s to 1 day.`, 'Give the proxy\'s general_settings.user_api_key_cache_ttl, e.g. --key-cache-ttl 60s.');
  return Math.ceil(ms / 1000);
}

/**
 * The window: the flag's TTL, else what the proxy says (`/config/field/info`, master key; LiteLLM
 * 1.108.7 answers 400 "Invalid field" for this setting, so in practice its default), else 60 s.
 */
export async function keyCacheWindow(client: LiteLLMClient, master: MasterKey | null, flag: string | undefined): Promise<KeyCacheWindow> {
  const fromFlag = keyCacheTtlFlag(flag);
  if (fromFlag !== undefined) return { ttl_seconds: fromFlag, ttl_from: '--key-cache-ttl' };
  const fromProxy = master ? await client.generalSetting(master, 'user_api_key_cache_ttl').catch((error: unknown) => {
    if (error instanceof UserError) return null;
    throw error;
  }) : null;
  const seconds = typeof fromProxy === 'number' ? fromProxy : typeof fromProxy === 'string' ? Number(fromProxy) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return { ttl_seconds: Math.ceil(seconds), ttl_from: 'proxy' };
  return { ttl_seconds: DEFAULT_KEY_CACHE_TTL_S, ttl_from: 'default' };
}

/** Waits out the window (counted from now, just after the proxy's answer) through ctx.sleep. */
export async function waitOutKeyCache(ctx: Ctx, window: KeyCacheWindow): Promise<void> {
  const spinner = ctx.progress(`waiting ${window.ttl_seconds} s for the proxy's other instances to drop the key from their caches`);
  try {
    await ctx.sleep(window.ttl_seconds * 1000 + MARGIN_MS);
  } finally {
    spinner.stop();
  }
}

function ttlSource(window: KeyCacheWindow): string {
  return window.ttl_from === 'default' ? 'LiteLLM\'s default user_api_key_cache_ttl' : window.ttl_from === 'proxy' ? 'the proxy\'s user_api_key_cache_ttl' : '--key-cache-ttl';
}

/** The line a command prints about the window: that it waited, or how long the window is. */
export function keyCacheLine(ctx: Ctx, window: KeyCacheWindow, waited: boolean, what: string): string {
  if (waited) return ctx.color.green(`✓ Waited ${window.ttl_seconds} s (${ttlSource(window)}): no LiteLLM instance on this database accepts ${what} any more`);
  return `  Note: other LiteLLM instances on its database may accept ${what} for up to ${window.ttl_seconds} s (${ttlSource(window)}); add --wait-cluster to wait until none does.`;
}
