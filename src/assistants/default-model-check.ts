// `--default-model`, for any assistant that has a default model: a model the key may really use,
// checked before anything is created or written (the assistant would otherwise get a default every
// request of which the proxy refuses).
import type { Ctx } from '../context.ts';
import { UsageError, UserError } from '../errors.ts';
import type { Credential } from '../litellm/client.ts';
import { ALL_MODELS, coversModel, keyAllowsModel } from '../litellm/model-access.ts';

export { keyAllowsModel };

/** The text itself, before the proxy is asked: an empty value or a control character is never a model id. */
export function checkDefaultModelText(model: string | undefined): void {
  if (model === undefined) return;
  if (model.trim() === '') throw new UsageError('--default-model is empty.', 'Name a model the key may use, e.g. --default-model gpt-4o; `ollm models sync --dry-run` lists them.');
  if (/[\u0000-\u001f\u007f]/.test(model)) throw new UsageError(`--default-model ${JSON.stringify(model)} contains a newline or another control character.`, 'Give the model id on its own, e.g. --default-model gpt-4o.');
}

/**
 * Refuse a default model the key may not use. `credential` sees the proxy's models (the master
 * key sees all of them; a virtual key only its own); `restrict` is the key's own `--models` list
 * when it is being created, so both must allow the model. A proxy that will not list its models
 * is only warned about: the write itself does not depend on the list.
 */
export async function checkDefaultModel(ctx: Ctx, model: string | undefined, credential: Credential, restrict: string[] = []): Promise<void> {
  if (model === undefined) return;
  let offered: string[];
  try {
    offered = await (await ctx.litellm()).listModels(credential);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    ctx.warn(`warning: could not check --default-model ${model} against the proxy's models (${error.message}).`);
    return;
  }
  const limited = restrict.length > 0 && !restrict.some((m) => ALL_MODELS.has(m));
  const allows = (list: string[]) => list.some((m) => m === model || coversModel(m, model));
  if (allows(offered) && (!limited || allows(restrict))) return;
  const usable = limited ? offered.filter((m) => restrict.includes(m)) : offered;
  const list = usable.length ? usable.join(', ') : 'none';
  throw new UsageError(`--default-model ${model} is not a model this key may use on ${(await ctx.proxy()).base}.`,
    `The key may use: ${list}. Choose one of them with --default-model <model>.`);
}
