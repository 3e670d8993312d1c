// `ollm login`: keep the proxy's master key in the keychain, so admin commands need neither an
// environment variable nor a pipe each time.
import { UserError } from '../errors.ts';
import type { Ctx } from '../context.ts';
import { MASTER_SERVICE } from '../secrets/store.ts';
import { storeOptions } from './shared-options.ts';
import { chosenStore } from '../secrets/stores.ts';
import type { Options } from '../parse/options.ts';
import { defineCommand, type CommandResult, type FlagValues } from './command.ts';

export const loginArgs = { ...storeOptions } as const satisfies Record<string, Options>;

export type LoginOptions = FlagValues<typeof loginArgs>;

export default defineCommand({
  command: 'login',
  examples: [
    ['ollm login', 'asks for the key without echoing it'],
    ['pass show litellm/master | ollm login --proxy-url https://litellm.example.com', 'reads it from stdin'],
  ],
  args: loginArgs,
  handler: (args, ctx) => logIn(ctx, args),
});

/** `ollm login` as a service: ask for the master key, verify it with the proxy, keep it; the result it prints. */
export async function logIn(ctx: Ctx, args: LoginOptions): Promise<CommandResult> {
  const proxy = await ctx.proxy();
  ctx.refuseInsecureTransport(proxy);
  const vault = await ctx.vault();
  const storeName = chosenStore(args);
  const store = vault.store(storeName);
  await store.checkWritable(); // fails now, before asking for the key, if it could not be kept
  const secret = await readMasterKey(ctx, proxy.base);
  const client = await ctx.litellm();
  const role = await client.whoAmI({ secret, kind: 'master' });
  if (role !== 'admin') {
    throw new UserError(`That is a virtual key of ${proxy.base}, not its master key.`, {
      code: 'not_admin', hint: 'Use the master_key from the proxy\'s config (or LITELLM_MASTER_KEY on the proxy\'s host).',
    });
  }
  await vault.save(MASTER_SERVICE, proxy.base, secret, storeName);
  return {
    human: ctx.color.green(`✓ Master key for ${proxy.base} verified and saved in the ${store.description}`),
    json: { proxy_url: proxy.base, storage: store.kind },
  };
}

async function readMasterKey(ctx: Ctx, proxy: string): Promise<string> {
  const secret = ctx.io.stdin.isTTY
    // Name the proxy before asking, so a key is never typed for the wrong one.
    ? await ctx.prompts.hidden(`LiteLLM master key for ${proxy}: `, ctx.io.stdin, ctx.io.stderr)
    : await ctx.prompts.firstLine(ctx.io.stdin);
  if (!secret.trim()) {
    throw new UserError('No master key was given.', { code: 'master_key_missing', hint: 'Type it at the prompt, or pipe it in: `pass show litellm/master | ollm login`.' });
  }
  return secret.trim();
}
