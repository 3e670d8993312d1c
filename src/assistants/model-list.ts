// Which of the proxy's models an assistant's model list should hold: the plan every assistant's
// `models sync` carries out on its own file (OpenClaw's array of entries, OpenCode's object keyed
// by id). Pure: the ids listed now and the ids /v1/models offers the key, in its order.
import { globToRegExp } from '../glob.ts';

export interface ModelSyncPlan {
  /** Offered by the proxy and not listed yet: ollm adds an entry for each. */
  added: string[];
  /** Offered and already listed: left as written. */
  kept: string[];
  /** Listed but no longer offered, and left in place (no --prune). */
  stale: string[];
  /** Listed but no longer offered, and taken out (--prune). */
  removed: string[];
  /** Names the proxy lists that are not callable models: wildcard routes such as `xai/*` (entries they match count as offered). */
  skipped: string[];
}

export function planModelList(listedIds: readonly string[], offered: readonly string[], prune: boolean): ModelSyncPlan {
  const listed = unique(listedIds.filter((id) => id !== ''));
  const callable = unique(offered.filter(isCallable));
  const offeredSet = new Set(callable);
  // A listed `xai/grok-3` is still offered when the proxy routes `xai/*`.
  const routes = offered.filter((id) => id.includes('*')).map((route) => globToRegExp(route, { questionMark: false }));
  const isOffered = (id: string) => offeredSet.has(id) || routes.some((route) => route.test(id));
  const listedSet = new Set(listed);
  const gone = listed.filter((id) => !isOffered(id));
  return {
    added: callable.filter((id) => !listedSet.has(id)),
    kept: listed.filter(isOffered),
    stale: prune ? [] : gone,
    removed: prune ? gone : [],
    skipped: unique(offered.filter((id) => !isCallable(id))),
  };
}

export function planChangesConfig(plan: ModelSyncPlan): boolean {
  return plan.added.length > 0 || plan.removed.length > 0;
}

// A wildcard route (`anthropic/*`) is listed when the proxy does not expand it; the assistant
// would send the literal name, which no upstream knows.
function isCallable(id: string): boolean {
  return id.trim() !== '' && !id.includes('*');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
