// Which of the proxy's models OpenClaw's litellm provider lists: a plan worked out from the
// config's entries and the proxy's /v1/models, and the edit that carries it out. Entries
// already there are never rewritten, so whatever a user set on them (a name, contextWindow,
// cost…) stays exactly as written.
import { defaultModelSlot } from './default-model-slot.ts';
import type { Json5Document } from '../../edit/json5-document.ts';
import { modelEntry, readId } from './config-edits.ts';
import { fromOpenClawLiteral } from './config-string.ts';
import { planChangesConfig, planModelList, type ModelSyncPlan } from '../model-list.ts';

/** Where OpenClaw's litellm provider keeps its model entries. */
export const LITELLM_MODELS = ['models', 'providers', 'litellm', 'models'] as const;

export type { ModelSyncPlan };
export { planChangesConfig };

/**
 * The plan for one sync. `listed` is the config's current `models` value (entries without a
 * string id are ignored and left alone); `offered` the ids /v1/models returned, in its order.
 */
export function planModelSync(listed: readonly unknown[], offered: readonly string[], prune: boolean): ModelSyncPlan {
  return planModelList(listed.map(entryId).filter((id): id is string => id !== undefined), offered, prune);
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
