// `ollm logout`: forget the credential (master key or user key) saved by `ollm login`.
import { MASTER_SERVICE } from '../secrets/store.ts';
import { defineCommand } from './command.ts';
import { forgetLogin } from '../keys/login-record.ts';

export default defineCommand({
  command: 'logout',
  examples: [['ollm logout --proxy-url https://litellm.example.com', 'forget that proxy\'s master key']],
  args: {},
  async handler(_args, ctx) {
    const proxy = await ctx.proxy();
    const vault = await ctx.vault();
    const removed = await vault.removeEverywhere(MASTER_SERVICE, proxy.base);
    await forgetLogin(ctx.paths.stateDir, proxy.base);
    return {
      human: removed.length ? ctx.color.green(`✓ Removed the saved key for ${proxy.base}`) : `No key was saved for ${proxy.base}.`,
      json: { proxy_url: proxy.base, removed_from: removed },
    };
  },
});
