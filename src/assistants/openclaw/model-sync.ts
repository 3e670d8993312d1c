// Which of the proxy's models OpenClaw's litellm provider lists: a plan worked out from the
// config's entries and the proxy's /v1/models, and the edit that carries it out. Entries
// already there are never rewritten, so whatever a user set on them (a name, contextWindow,
// cost…) stays exactly as written.
import { defaultModelSlot } from './default-model-slot.ts';
import type { Json5Document } from '../../edit/json5-document.ts';
import { modelEntry, readId } from './config-edits.ts';
import { fromOpenClawLiteral } from './config-string.ts';
import { globToRegExp } from '../../glob.ts';

/** Where OpenClaw's litellm provider keeps its model entries. */
export const LITELLM_MODELS = ['models', 'providers', 'litellm', 'models'] as const;

export interface ModelSyncPlan {
  /** Offered by the proxy and not listed yet: ollm adds `{ id, name: id }` for each. */
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

/**
 * The plan for one sync. `listed` is the config's current `models` value (entries without a
 * string id are ignored and left alone); `offered` the ids /v1/models returned, in its order.
 */
export function planModelSync(listed: readonly unknown[], offered: readonly string[], prune: boolean): ModelSyncPlan {
  const listedIds = unique(listed.map(entryId).filter((id): id is string => id !== undefined));
  const callable = unique(offered.filter(isCallable));
  const offeredSet = new Set(callable);
  // A listed `xai/grok-3` is still offered when the proxy routes `xai/*`.
  const routes = offered.filter((id) => id.includes('*')).map((route) => globToRegExp(route, { questionMark: false }));
  const isOffered = (id: string) => offeredSet.has(id) || routes.some((route) => route.test(id));
  const listedSet = new Set(listedIds);
  const gone = listedIds.filter((id) => !isOffered(id));
  return {
    added: callable.filter((id) => !listedSet.has(id)),
    kept: listedIds.filter(isOffered),
    stale: prune ? [] : gone,
    removed: prune ? gone : [],
    skipped: unique(offered.filter((id) => !isCallable(id))),
  };
}

export function planChangesConfig(plan: ModelSyncPlan): boolean {
  return plan.added.length > 0 || plan.removed.length > 0;
}

/** Carry the plan out on the document: removed entries go, new ones are appended after the rest. */
export function applyModelSync(doc: Json5Document, plan: ModelSyncPlan): void {
  const removed = new Set(plan.removed);
  if (removed.size > 0) doc.removeItems(LITELLM_MODELS, (entry) => removed.has(entryId(entry) ?? ''));
  // `name` is required by OpenClaw's schema; /v1/models offers nothing better than the id.
  if (plan.added.length > 0) doc.append(LITELLM_MODELS, plan.added.map(modelEntry));
}

/**
 * OpenClaw's default model (`agents.defaults.model[.primary]`) when it names a litellm model
 * this sync found no longer offered: OpenClaw would then fail on every default turn.
 */
export function staleDefaultModel(doc: Json5Document, plan: ModelSyncPlan): string | undefined {
  const primary = defaultModelSlot((path) => doc.get(path)).value;
  if (!primary?.startsWith('litellm/')) return undefined;
  const id = fromOpenClawLiteral(primary.slice('litellm/'.length));
  return plan.stale.includes(id) || plan.removed.includes(id) ? primary : undefined;
}

function entryId(entry: unknown): string | undefined {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
  const id = readId(entry);
  return id !== undefined && id !== '' ? id : undefined;
}

// A wildcard route (`anthropic/*`) is listed when the proxy does not expand it; OpenClaw would
// send the literal name, which no upstream knows.
function isCallable(id: string): boolean {
  return id.trim() !== '' && !id.includes('*');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
