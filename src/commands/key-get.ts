// `ollm key get`: the stored key, masked unless --reveal (then the bare key, for `$(…)`).
import { printableSecret } from '../keys/held-key.ts';
import { requireHeldKey } from '../keys/require-held-key.ts';
import { resolveAlias } from '../keys/alias.ts';
import { maskKey } from '../output/mask.ts';
import { formatSummary } from '../output/format.ts';
import { aliasOption, revealOption } from './shared-options.ts';
import { defineCommand } from './command.ts';

export default defineCommand({
  command: 'get',
  examples: [
    ['ollm key get', 'masked, with where it is stored'],
    ['export LITELLM_API_KEY="$(ollm key get --reveal)"', 'the bare key, for a shell variable'],
  ],
  args: { alias: aliasOption, reveal: revealOption },
  async handler(args, ctx) {
    const alias = await resolveAlias(args, ctx);
    const proxy = await ctx.proxy();
    const held = await requireHeldKey(ctx, alias);
    const key = args.reveal ? printableSecret(held) : maskKey(held.secret);
    return {
      human: args.reveal ? key : formatSummary([['Alias', alias], ['Key', key], ['Stored in', held.store.description]], ctx.color),
      essential: true,
      exact: args.reveal,
      json: { key_alias: alias, key, storage: held.store.kind, proxy_url: proxy.base },
    };
  },
});
