// What /health/readiness says, in every shape LiteLLM has used: before 1.84 a healthy proxy with a
// database says status "connected" (the database check merged in) with litellm_version; from 1.84
// on the public answer is only {status: "healthy", db}, without a version. No version is no fault.
import type { Readiness } from './schemas.ts';

export interface ProxyHealth {
  healthy: boolean;
  /** null when the proxy does not say (1.84+ without allow_public_health_readiness_details). */
  version: string | null;
  /** The proxy runs without database_url: it answers, but has no virtual keys. */
  noDatabase: boolean;
  /** The words to show, e.g. "LiteLLM 1.83.0, database connected". */
  summary: string;
}

const HEALTHY = new Set(['healthy', 'connected']);

export function readProxyHealth(ready: Readiness): ProxyHealth {
  const version = ready.litellm_version ?? null;
  // "Not connected" is what LiteLLM reports when no database is configured at all.
  const noDatabase = typeof ready.db === 'string' && /^not connected$/i.test(ready.db);
  const parts = [version ? `LiteLLM ${version}` : 'version not reported'];
  if (ready.db) parts.push(noDatabase ? 'no database' : `database ${ready.db}`);
  return { healthy: HEALTHY.has(ready.status), version, noDatabase, summary: parts.join(', ') };
}
