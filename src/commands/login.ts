// `ollm login`: keep a credential that can manage keys in the keychain — the proxy's master key, a
// user's own key, or a team's service-account key — after the proxy says which it is
// (litellm/identify.ts), so key commands need neither an environment variable nor a pipe each time.
// One that cannot make keys (llm_api, viewer, a bare virtual key) is refused and nothing is saved.
import { UserError } from '../errors.ts';
import type { Ctx } from '../context.ts';
import { MASTER_SERVICE } from '../secrets/store.ts';
import { storeOptions } from './shared-options.ts';
import { chosenStore } from '../secrets/stores.ts';
import type { Options } from '../parse/options.ts';
import { defineCommand, type CommandResult, type FlagValues } from './command.ts';
import { describeIdentity, identify, identityJson } from '../litellm/identify.ts';
import { rememberLogin } from '../keys/login-record.ts';

export const loginArgs = { ...storeOptions } as const satisfies Record<string, Options>;

export type LoginOptions = FlagValues<typeof loginArgs>;

export default defineCommand({
  command: 'login',
  examples: [
    ['ollm login', 'asks for the key (master key, or your user key) without echoing it'],
    ['pass show litellm/master | ollm login --proxy-url https://litellm.example.com', 'reads it from stdin'],
    ['echo "$ALICE_KEY" | ollm login --proxy-url https://litellm.example.com', 'a user key an admin handed out with `ollm user add`'],
  ],
  args: loginArgs,
  handler: (args, ctx) => logIn(ctx, args),
});

/** `ollm login` as a service: ask for the credential, identify it with the proxy, keep it; the result it prints. */
export async function logIn(ctx: Ctx, args: LoginOptions): Promise<CommandResult> {
  const proxy = await ctx.proxy();
  ctx.refuseInsecureTransport(proxy);
  const vault = await ctx.vault();
  const storeName = chosenStore(args);
  const store = vault.store(storeName);
  await store.checkWritable(); // fails now, before asking for the key, if it could not be kept
  const secret = await readCredential(ctx, proxy.base);
  const identity = await identify(await ctx.litellm(), secret); // refuses, with the reason, one that cannot make keys
  const described = describeIdentity(identity);
  ctx.io.stderr.write(`${ctx.stderrColor.green('✓')} ${proxy.base} knows this key: ${described}.\n`);
  await vault.save(MASTER_SERVICE, proxy.base, secret, storeName);
  await rememberLogin(ctx.paths.stateDir, proxy.base, identity, ctx.now());
  return {
    // "Master key for … verified and saved" is what scripts and the docs have always seen for the master key.
    human: ctx.color.green(identity.kind === 'master' && identity.user_id === null
      ? `✓ Master key for ${proxy.base} verified and saved in the ${store.description}`
      : `✓ Key of ${described} for ${proxy.base} verified and saved in the ${store.description}`),
    json: { proxy_url: proxy.base, storage: store.kind, credential: identityJson(identity), described },
  };
}

async function readCredential(ctx: Ctx, proxy: string): Promise<string> {
  const secret = ctx.io.stdin.isTTY
    // Name the proxy before asking, so a key is never typed for the wrong one.
    ? await ctx.prompts.hidden(`LiteLLM key for ${proxy} (the master key, or your user key): `, ctx.io.stdin, ctx.io.stderr)
    : await ctx.prompts.firstLine(ctx.io.stdin);
  if (!secret.trim()) {
    throw new UserError('No key was given.', { code: 'master_key_missing', hint: 'Type it at the prompt, or pipe it in: `pass show litellm/master | ollm login`.' });
  }
  return secret.trim();
}
