// Checks a proxy URL while it is being typed into `ollm setup`: is a LiteLLM proxy answering there?
import { UserError } from '../errors.ts';
import { parseProxyUrl } from '../config/proxy-url.ts';
import type { LiveCheck } from '../io/line-editor.ts';
import { readProxyHealth } from '../litellm/readiness.ts';

const SHORT: Record<string, string> = {
  proxy_unreachable: 'nothing answers there',
  proxy_dns: 'no such host',
  proxy_timeout: 'no answer in time',
  proxy_bad_json: 'answers, but is not a LiteLLM proxy',
  proxy_unexpected_response: 'answers, but is not a LiteLLM proxy',
  proxy_not_litellm: 'answers, but is not a LiteLLM proxy',
  proxy_redirect: 'redirects elsewhere (give the final URL)',
  proxy_connection_reset: 'the connection was reset',
  proxy_database_down: 'answers, but its database is down',
  proxy_shutting_down: 'answers, but is shutting down',
};

/** ✓ with the LiteLLM version when /health/readiness answers; ✗ with a few words otherwise. */
export async function probeProxy(raw: string, timeoutMs: number): Promise<LiveCheck> {
  let base: string;
  try {
    base = parseProxyUrl(raw, 'setup').base;
  } catch (error) {
    return { ok: false, note: '✗ not a proxy URL (e.g. http://localhost:4000)' };
  }
  const { LiteLLMClient } = await import('../litellm/client.ts');
  try {
    const health = readProxyHealth(await new LiteLLMClient({ baseUrl: base, timeoutMs }).readiness());
    if (health.noDatabase) return { ok: false, note: '✗ answers, but has no database (so no virtual keys)' };
    return { ok: true, note: health.version ? `✓ LiteLLM ${health.version}` : '✓ LiteLLM proxy answers' };
  } catch (error) {
    const code = error instanceof UserError ? error.code : '';
    return { ok: false, note: `✗ ${SHORT[code] ?? 'the proxy did not answer as LiteLLM does'}` };
  }
}
