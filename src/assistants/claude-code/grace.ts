// How long the old key must keep working after a rotation for Claude Code to move on by itself:
// a running session keeps what apiKeyHelper printed for CLAUDE_CODE_API_KEY_HELPER_TTL_MS (5
// minutes unless set) before it runs the helper again, so the old key stays alive twice that
// (rounded up to whole minutes, at least 10) unless `--grace` says otherwise.
import { DEFAULT_HELPER_TTL_MS, HELPER_TTL_VARIABLE } from './styles.ts';

export function claudeCodeRotationGrace(env: NodeJS.ProcessEnv): { duration: string; why: string } {
  const set = Number(env[HELPER_TTL_VARIABLE]);
  const ttl = Number.isFinite(set) && set > 0 ? set : DEFAULT_HELPER_TTL_MS;
  const minutes = Math.ceil(ttl / 60_000);
  return {
    duration: `${Math.max(10, Math.ceil((2 * ttl) / 60_000))}m`,
    why: `a running Claude Code asks its apiKeyHelper again only every ${minutes} min (${HELPER_TTL_VARIABLE}) or after a 401`,
  };
}
