// The edits ollm makes to OpenCode's config, as pure functions over a Json5Document: the provider
// entry (`provider.litellm`: the openai-compatible SDK, the proxy's /v1, the key or a reference
// to it, the models the key may use), the default model, and taking them out again (revoke).
import type { Json5Document } from '../../edit/json5-document.ts';
import { envReference, type OpenCodeStyle } from './styles.ts';

/** Models declared at most (a proxy may list 100,000; the config must stay small enough to edit). */
export const MAX_MODELS_WRITTEN = 500;

export interface ProviderPlacement {
  provider: string;
  proxyBase: string;
  style: OpenCodeStyle;
  /** The variable of the env style's `{env:VAR}`. */
  variable: string;
  /** The key itself (written only in the file style). */
  secret: string;
  /** Models the key may use, as the proxy lists them. */
  models: readonly string[];
  /** `--default-model`: set OpenCode's top-level `model` even when one is set. */
  defaultModel?: string;
}

export interface PlacementReport {
  /** ollm made the provider entry now (it was not there). */
  created: boolean;
  notes: string[];
  /** The `model` ollm set, if it set one. */
  defaultModel?: string;
}

export function providerPath(provider: string): string[] {
  return ['provider', provider];
}

export function placeProvider(doc: Json5Document, placement: ProviderPlacement): PlacementReport {
  const base = providerPath(placement.provider);
  const notes: string[] = [];
  const existing = doc.get(base);
  const created = existing === undefined;
  doc.set([...base, 'npm'], '@ai-sdk/openai-compatible');
  if (doc.get([...base, 'name']) === undefined) doc.set([...base, 'name'], 'LiteLLM (ollm)');
  doc.set([...base, 'options', 'baseURL'], `${placement.proxyBase}/v1`);
  if (placement.style === 'env') {
    // The one string OpenCode must substitute: written verbatim, on purpose.
    doc.set([...base, 'options', 'apiKey'], envReference(placement.variable), { verbatim: true });
  } else {
    doc.set([...base, 'options', 'apiKey'], placement.secret);
  }

  const listed = doc.get([...base, 'models']);
  const hasModels = isObject(listed) && Object.keys(listed).length > 0;
  const wanted = placement.defaultModel !== undefined && !placement.models.includes(placement.defaultModel)
    ? [...placement.models, placement.defaultModel] : placement.models;
  if (!hasModels) doc.set([...base, 'models'], Object.fromEntries(wanted.slice(0, MAX_MODELS_WRITTEN).map((id) => [id, modelEntry(id)])));
  else if (placement.defaultModel !== undefined && !Object.hasOwn(listed, placement.defaultModel)) doc.set([...base, 'models', placement.defaultModel], modelEntry(placement.defaultModel));
  if (wanted.length > MAX_MODELS_WRITTEN && !hasModels) notes.push(`the proxy lists ${wanted.length} models; only the first ${MAX_MODELS_WRITTEN} were declared (run \`ollm models sync --for opencode\` after trimming the key's models)`);

  // OpenCode's default model: set when asked, or when none is set (the first model the key may use).
  const current = doc.get(['model']);
  const chosen = placement.defaultModel ?? placement.models[0];
  let defaultModel: string | undefined;
  if (chosen !== undefined && (placement.defaultModel !== undefined || typeof current !== 'string' || current === '')) {
    defaultModel = `${placement.provider}/${chosen}`;
    doc.set(['model'], defaultModel);
  }
  return { created, notes, ...(defaultModel ? { defaultModel } : {}) };
}

/** A model entry of a provider's `models` (keyed by the id OpenCode sends): OpenCode shows `name`. */
export function modelEntry(id: string): { name: string } {
  return { name: id };
}

/**
 * Take out what ollm wrote for this key (revoke): the whole provider entry when ollm made it (and
 * OpenCode's default model when it names that provider), else only the key (or the reference to
 * it). Nothing is removed when the entry no longer holds what ollm wrote. Returns what went.
 */
export function removeProvider(doc: Json5Document, options: { provider: string; style: OpenCodeStyle; variable?: string; created: boolean; isThisKey: (value: string) => boolean }): string[] {
  const base = providerPath(options.provider);
  const apiKey = doc.get([...base, 'options', 'apiKey']);
  if (typeof apiKey !== 'string') return [];
  const ours = options.style === 'env' ? apiKey === envReference(options.variable ?? '') : options.isThisKey(apiKey);
  if (!ours) return [];
  if (!options.created) {
    doc.delete([...base, 'options', 'apiKey'], { pruneEmptyParents: true });
    return [`provider.${options.provider}.options.apiKey`];
  }
  doc.delete(base, { pruneEmptyParents: true });
  const removed = [`provider.${options.provider}`];
  const model = doc.get(['model']);
  if (typeof model === 'string' && model.startsWith(`${options.provider}/`)) {
    doc.delete(['model']);
    removed.push('model');
  }
  return removed;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
