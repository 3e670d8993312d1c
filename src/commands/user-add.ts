// `ollm user add <id>` (master key): make a LiteLLM user (internal_user) with its own budget, which
// caps all the keys it makes, and print once the one line that hands its key over:
// `echo '<key>' | ollm login --proxy-url <proxy>`. The person who runs it never needs the master key.
import { UsageError } from '../errors.ts';
import { requireMaster } from '../keys/master-key.ts';
import { parseKeySettings } from '../keys/key-settings.ts';
import { parseUserId } from '../users/user-id.ts';
import { maskKey } from '../output/mask.ts';
import { shellWord } from '../output/shell-quote.ts';
import { formatBudget, formatSummary } from '../output/format.ts';
import { keySettingsOptions, revealOption } from './shared-options.ts';
import type { Options } from '../parse/options.ts';
import { defineCommand } from './command.ts';

const { budget, monthly, weekly, daily, 'budget-duration': budgetDuration } = keySettingsOptions;

export const userAddArgs = {
  budget: { ...budget, describe: 'The user\'s own budget in USD: it caps the spend of all their keys together' },
  monthly, weekly, daily, 'budget-duration': budgetDuration,
  team: { type: 'string', describe: 'Also make the user a member of this team (its team_id)' },
  reveal: { ...revealOption, describe: 'Print the user\'s key in full in the line to hand over (else masked; LiteLLM cannot show it again)' },
} as const satisfies Record<string, Options>;

export default defineCommand({
  command: 'add',
  examples: [
    ['LITELLM_MASTER_KEY=sk-master ollm user add alice --budget 20 --monthly --reveal', 'alice may spend $20 a month over all her keys; prints the line to give her'],
    ['ollm user add bob@example.com --budget 5 --daily --team ml-platform-id', 'a user in a team'],
  ],
  positionals: [{ name: 'id', required: true, describe: 'The user id (a name or an e-mail address)' }],
  args: userAddArgs,
  async handler(args, ctx) {
    const userId = parseUserId(args.id);
    const settings = parseKeySettings({ budget: args.budget, monthly: args.monthly, weekly: args.weekly, daily: args.daily, budgetDuration: args.budgetDuration });
    if (settings.budget_duration !== undefined && settings.max_budget === undefined) throw new UsageError('A budget period was given without a budget.', 'Add --budget <usd>, e.g. --budget 20 --monthly.');
    if (args.team !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(args.team)) throw new UsageError(`--team ${JSON.stringify(args.team)} is not a team id.`, 'Give the team_id LiteLLM shows for the team.');
    const proxy = await ctx.proxy();
    const master = requireMaster(await ctx.masterKey(), 'ollm user add');
    const client = await ctx.litellm();
    const made = await client.newUser(master, {
      user_id: userId, user_role: 'internal_user', auto_create_key: true, key_alias: `${userId}-login`,
      ...(settings.max_budget !== undefined ? { max_budget: settings.max_budget } : {}),
      ...(settings.budget_duration !== undefined ? { budget_duration: settings.budget_duration } : {}),
      ...(args.team !== undefined ? { teams: [args.team] } : {}),
    });
    if (!made.key) throw new UsageError(`The proxy made the user "${userId}" but sent no key for them.`, 'Make one with the master key: POST /key/generate with user_id.');
    const shown = args.reveal ? made.key : maskKey(made.key);
    const line = `echo ${shellWord(shown)} | ollm login --proxy-url ${shellWord(proxy.base)}`;
    const human = [
      ctx.color.green(`✓ Made the user "${userId}" (internal_user) on ${proxy.base}`),
      formatSummary([
        ['Budget', `${formatBudget(made.max_budget ?? settings.max_budget, made.budget_duration ?? settings.budget_duration)}, for all their keys together`],
        ...(args.team !== undefined ? [['Team', args.team] as [string, string]] : []),
      ], ctx.color),
      `Hand this line to ${userId} (it is the only time the key is shown${args.reveal ? '' : '; it is masked: run with --reveal to print it whole'}):`,
      `  ${line}`,
    ].join('\n');
    return {
      human,
      essential: args.reveal,
      json: { proxy_url: proxy.base, user_id: userId, user_role: 'internal_user', max_budget: made.max_budget ?? null, budget_duration: made.budget_duration ?? null, teams: args.team ? [args.team] : [], key: shown, login_line: line },
    };
  },
});
