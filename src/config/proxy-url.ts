// The LiteLLM proxy's base URL: where it comes from, and what counts as a valid one.
import { UsageError } from '../errors.ts';
import { holdsKeyLike } from '../output/mask.ts';

export const DEFAULT_PROXY_URL = 'http://localhost:4000';

export interface ProxyUrl {
  /** Normalised base URL without a trailing slash, e.g. `http://localhost:4000` or `https://gw.example/litellm`. */
  base: string;
  /** Where the value came from, for messages. */
  source: string;
  /** Which rule chose it (set by resolveProxyUrl; `ollm config list` shows it). */
  kind?: 'flag' | 'env' | 'config' | 'default';
  url: URL;
}

/**
 * A proxy URL as messages may show it: `user:password@` and the query or fragment (which can carry
 * a `?token=`) replaced by `…`. Works on text that is not a valid URL too: that is when it is shown.
 */
export function shownProxyUrl(raw: string): string {
  return raw.trim()
    .replace(/^([^/?#]*\/\/|)[^/?#]*@/, '$1…@')
    .replace(/[?#].*$/s, (rest) => `${rest[0]}…`);
}

/**
 * Validate a proxy URL. A path prefix is allowed (LiteLLM can be served under a root path);
 * credentials, query and fragment are not (they would leak into logs, or be silently dropped).
 */
export function parseProxyUrl(raw: string, source: string): ProxyUrl {
  const hint = 'Give the proxy\'s base URL, e.g. --proxy-url http://localhost:4000';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UsageError(`The proxy URL from ${source} is not a URL: ${JSON.stringify(shownProxyUrl(raw))}.`, hint);
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw.trim())) {
    throw new UsageError(`The proxy URL from ${source} has no scheme: ${JSON.stringify(shownProxyUrl(raw))}.`, `Write it with http:// or https://, e.g. http://${shownProxyUrl(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`The proxy URL from ${source} uses ${url.protocol}, but a LiteLLM proxy speaks http: or https:.`, hint);
  }
  if (url.username || url.password) {
    throw new UsageError(`The proxy URL from ${source} contains credentials; ollm never sends secrets in a URL.`,
      'Remove "user:password@" from the URL; the master key comes from LITELLM_MASTER_KEY or `ollm login`.');
  }
  if (url.search || url.hash) {
    throw new UsageError(`The proxy URL from ${source} has a query or fragment (${shownProxyUrl(`${url.search}${url.hash}`)}); ollm never sends one.`, hint);
  }
  const path = url.pathname.replace(/\/+$/, '');
  // A key pasted into the path would be printed with every message naming the proxy, and sent in
  // every request line: refused like credentials (the usage error masks it).
  const readable = decodedPath(path);
  if (holdsKeyLike(readable)) {
    throw new UsageError(`The proxy URL from ${source} has what looks like a key in its path (${url.origin}${readable}); ollm never sends secrets in a URL.`, hint);
  }
  return { base: `${url.origin}${path}`, source, url };
}

/** The path as typed (`%2D` → `-`), so an encoded key is found too; as it is when it does not decode. */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Whether a base URL written elsewhere (OpenClaw's `models.providers.*.baseUrl`) points at the
 * proxy `proxyBase`. The one "same proxy" rule: compared as URLs (scheme and host in any case,
 * the default port written or not), with or without trailing slashes and `/v1`, which OpenClaw
 * accepts alike. Two ProxyUrl bases are already in this form, so `===` compares them.
 */
export function pointsAtProxy(baseUrl: string, proxyBase: string): boolean {
  return comparableBase(baseUrl) === comparableBase(proxyBase);
}

function comparableBase(raw: string): string {
  const trimmed = raw.trim();
  const withoutSuffix = (path: string) => path.replace(/\/+$/, '').replace(/\/v1$/, '').replace(/\/+$/, '');
  try {
    const url = new URL(trimmed);
    return `${url.protocol}//${url.host}${withoutSuffix(url.pathname)}`;
  } catch {
    return withoutSuffix(trimmed);
  }
}

/** `--proxy-url` > `LITELLM_PROXY_URL` > config file `proxyUrl` > the default. */
export function resolveProxyUrl(flag: string | undefined, env: NodeJS.ProcessEnv, configValue: string | undefined): ProxyUrl {
  if (flag !== undefined) return { ...parseProxyUrl(flag, '--proxy-url'), kind: 'flag' };
  if (env.LITELLM_PROXY_URL) return { ...parseProxyUrl(env.LITELLM_PROXY_URL, 'LITELLM_PROXY_URL'), kind: 'env' };
  if (configValue !== undefined) return { ...parseProxyUrl(configValue, 'the config file'), kind: 'config' };
  return { ...parseProxyUrl(DEFAULT_PROXY_URL, 'the default'), kind: 'default' };
}

/**
 * Loopback hosts, where plain http cannot be sniffed by anyone else on the network: `localhost`
 * itself, 127.0.0.0/8, ::1 and 127.0.0.0/8 mapped into IPv6 (`[::ffff:127.0.0.1]`, which the URL
 * parser writes as `[::ffff:7f00:1]`). Not `*.localhost`: such a name goes to a resolver, and DNS
 * may send it anywhere.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)) return true;
  const mapped = /^::ffff:(?:([0-9a-f]{1,4}):[0-9a-f]{1,4}|(\d+)\.\d+\.\d+\.\d+)$/.exec(host);
  if (!mapped) return false;
  return mapped[1] !== undefined ? parseInt(mapped[1], 16) >> 8 === 127 : mapped[2] === '127';
}
