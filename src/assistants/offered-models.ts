// What `models sync` asks the proxy, for every assistant: the models /v1/models offers the held key.
// An empty answer is refused: it is almost always a proxy or key problem, and syncing to nothing
// would empty the assistant's list.
import type { Ctx } from '../context.ts';
import { UserError } from '../errors.ts';
import type { HeldKey } from '../keys/held-key.ts';

export async function offeredModels(ctx: Ctx, alias: string, held: HeldKey, displayName: string): Promise<string[]> {
  const proxy = await ctx.proxy();
  const progress = ctx.progress(`Asking ${proxy.base} which models "${alias}" may use`);
  let offered: string[];
  try {
    offered = await (await ctx.litellm()).listModels({ secret: held.secret, kind: 'virtual' });
  } finally {
    progress.stop();
  }
  if (offered.length === 0) {
    throw new UserError(`${proxy.base} lists no models for the key "${alias}", so ollm left ${displayName}'s model list alone.`, {
      code: 'no_models_offered', hint: `Check the key's models with \`ollm key info --alias ${alias}\` and the proxy's model_list.`,
    });
  }
  return offered;
}
