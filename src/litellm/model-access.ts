// Which models a key's `models` list lets it use, as LiteLLM reads the list: empty (or `*`,
// `all-proxy-models`) allows every model; `openai/*` allows every model under that prefix.
// `key update --models` and each assistant's default-model checks ask it.

/** LiteLLM's model entries that grant every model on the proxy. */
export const ALL_MODELS: ReadonlySet<string> = new Set(['*', 'all-proxy-models']);

/** A wildcard route ("openai/*") covers every model under its prefix. */
export function coversModel(entry: string, model: string): boolean {
  return entry.endsWith('/*') && model.startsWith(entry.slice(0, -1));
}

/** Whether a key's `models` list lets it use `model` (an empty list, or all-proxy-models, allows all). */
export function keyAllowsModel(models: readonly string[] | null | undefined, model: string): boolean {
  if (!models || models.length === 0 || models.some((m) => ALL_MODELS.has(m))) return true;
  return models.some((m) => m === model || coversModel(m, model));
}
