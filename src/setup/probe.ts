// Checks a proxy URL while it is being typed into `ollm setup`: is a LiteLLM proxy answering there?
import { UserError } from '../errors.ts';
import { parseProxyUrl } from '../config/proxy-url.ts';
import type { LiveCheck } from '../io/line-editor.ts';

const SHORT: Record<string, string> = {
  proxy_unreachable: 'nothing answers there',
  proxy_dns: 'no such host',
  proxy_timeout: 'no answer in time',
  proxy_bad_json: 'answers, but is not a LiteLLM proxy',
  proxy_unexpected_response: 'answers, but is not a LiteLLM proxy',
  proxy_not_litellm: 'answers, but is not a LiteLLM proxy',
  proxy_redirect: 'redirects elsewhere (give the final URL)',
  proxy_connection_reset: 'the connection was reset',
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
    const ready = await new LiteLLMClient({ baseUrl: base, timeoutMs }).readiness();
    return { ok: true, note: ready.litellm_version ? `✓ LiteLLM ${ready.litellm_version}` : '✓ LiteLLM proxy answers' };
  } catch (error) {
    const code = error instanceof UserError ? error.code : '';
    return { ok: false, note: `✗ ${SHORT[code] ?? 'the proxy did not answer as LiteLLM does'}` };
  }
}
