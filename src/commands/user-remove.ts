// `ollm user remove <id>` (master key): delete a LiteLLM user; LiteLLM deletes their keys with them,
// so every assistant that uses one of those keys stops working.
import { UsageError } from '../errors.ts';
import { requireMaster } from '../keys/master-key.ts';
import { parseUserId } from '../users/user-id.ts';
import { yesOption } from './shared-options.ts';
import { defineCommand } from './command.ts';

export default defineCommand({
  command: 'remove',
  examples: [['ollm user remove alice --yes', 'alice and her keys are gone from the proxy']],
  positionals: [{ name: 'id', required: true, describe: 'The user id' }],
  args: { yes: yesOption },
  async handler(args, ctx) {
    const userId = parseUserId(args.id);
    const proxy = await ctx.proxy();
    const master = requireMaster(await ctx.masterKey(), 'ollm user remove');
    const client = await ctx.litellm();
    // Asked first, so a typo is named instead of "deleted" (LiteLLM's /user/delete answers 200 for anyone).
    const known = (await client.listAllUsers(master)).some((u) => u.user_id === userId);
    if (!known) throw new UsageError(`There is no user "${userId}" on ${proxy.base}.`, 'See `ollm user list`.');
    if (!args.yes) {
      if (!ctx.isInteractive) throw new UsageError(`Refusing to remove the user "${userId}" without confirmation.`, 'Add --yes to remove without a question (scripts, CI).');
      if (!(await ctx.prompts.confirm(`Delete the user "${userId}" and all their keys on ${proxy.base}? Their assistants stop working.`, ctx.io.stdin, ctx.io.stderr))) {
        return { human: 'Nothing removed.', json: { proxy_url: proxy.base, user_id: userId, removed: false } };
      }
    }
    await client.deleteUsers(master, [userId]);
    return { human: ctx.color.green(`✓ Removed the user "${userId}" and their keys from ${proxy.base}`), json: { proxy_url: proxy.base, user_id: userId, removed: true } };
  },
});
