// ollm's edits of pi's models.json: its provider entry (`providers.litellm`) pointed at the
// proxy with the key's value, its model list filled, and on revoke the entry taken out again.
// Every other provider and setting stays as written.
import { UserError } from '../../errors.ts';
import type { Json5Document } from '../../edit/json5-document.ts';
import { PI_PROVIDER } from './styles.ts';

export const PROVIDER_PATH = ['providers', PI_PROVIDER] as const;
export const MODELS_PATH = [...PROVIDER_PATH, 'models'] as const;
/** pi's API for LiteLLM's OpenAI-compatible /v1/chat/completions. */
export const PI_API = 'openai-completions';

export function providerBaseUrl(proxyBase: string): string {
  return `${proxyBase}/v1`;
}

/** A model entry as ollm adds it: the id alone (pi names it by its id, and takes its defaults for the rest). */
export function modelEntry(id: string): { id: string } {
  return { id };
}

/** The string id of a model entry, if it has one. */
export function entryId(entry: unknown): string | undefined {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
  const id = (entry as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The provider's model entries (empty when it has none yet); a UserError when they cannot be edited. */
export function listedModels(doc: Json5Document, file: string): unknown[] {
  const models = doc.get([...MODELS_PATH]);
  if (models === undefined) return [];
  if (!Array.isArray(models)) throw new UserError(`providers.${PI_PROVIDER}.models in ${file} is not a list, so ollm cannot add to it.`, { code: 'pi_models_invalid', hint: 'Make it a list ([] or [{ "id": … }, …]) by hand, then run ollm again.' });
  return models;
}

/**
 * Point ollm's provider at the proxy with this apiKey value; models the proxy offers that are not
 * listed yet are appended (entries people wrote stay as they are). Returns the ids added.
 */
export function placeProvider(doc: Json5Document, file: string, options: { proxyBase: string; apiKey: string; models: readonly string[] }): string[] {
  const providers = doc.get(['providers']);
  if (providers !== undefined && !isPlainObject(providers)) throw new UserError(`"providers" in ${file} is not an object, so ollm cannot add its provider.`, { code: 'pi_models_invalid', hint: 'Fix the file by hand ("providers": { … }).' });
  const existing = doc.get([...PROVIDER_PATH]);
  if (existing !== undefined && !isPlainObject(existing)) throw new UserError(`providers.${PI_PROVIDER} in ${file} is not an object.`, { code: 'pi_models_invalid', hint: 'Fix or remove it by hand.' });
  const listed = new Set(listedModels(doc, file).map(entryId));
  doc.set([...PROVIDER_PATH, 'baseUrl'], providerBaseUrl(options.proxyBase));
  doc.set([...PROVIDER_PATH, 'api'], PI_API);
  doc.set([...PROVIDER_PATH, 'apiKey'], options.apiKey);
  const added = [...new Set(options.models)].filter((id) => !listed.has(id));
  if (doc.get([...MODELS_PATH]) === undefined) doc.set([...MODELS_PATH], added.map(modelEntry));
  else if (added.length) doc.append([...MODELS_PATH], added.map(modelEntry));
  return added;
}

/**
 * Take ollm's provider out when its apiKey is ollm's (`isOurs`): the whole entry, because pi
 * refuses a custom provider with models but no apiKey, and with it the whole file.
 */
export function removeProvider(doc: Json5Document, isOurs: (apiKey: unknown) => boolean): boolean {
  const provider = doc.get([...PROVIDER_PATH]);
  if (!isPlainObject(provider) || !isOurs(provider.apiKey)) return false;
  return doc.delete([...PROVIDER_PATH]);
}
