// `ollm user list` (master key): the proxy's users, their role, their own budget and spend.
import { requireMaster } from '../keys/master-key.ts';
import { describePeriod } from '../litellm/duration.ts';
import { formatMoney } from '../output/format.ts';
import { renderTable } from '../output/table.ts';
import { naturalCompare } from '../output/natural-sort.ts';
import { defineCommand } from './command.ts';

export default defineCommand({
  command: 'list',
  examples: [
    ['ollm user list', 'a table of the proxy\'s users'],
    ['ollm user list --json | jq -r \'.users[] | select(.user_role == "internal_user") | .user_id\'', 'the users who make their own keys'],
  ],
  args: {},
  async handler(_args, ctx) {
    const proxy = await ctx.proxy();
    const master = requireMaster(await ctx.masterKey(), 'ollm user list');
    const users = (await (await ctx.litellm()).listAllUsers(master))
      // LiteLLM's own placeholder for the master key's requests is not a person.
      .filter((u) => u.user_id && u.user_id !== 'default_user_id')
      .sort((a, b) => naturalCompare(a.user_id ?? '', b.user_id ?? ''));
    const rows = users.map((u) => ({
      user_id: u.user_id!, user_role: u.user_role ?? null, max_budget: u.max_budget ?? null, spend: u.spend,
      budget_duration: u.budget_duration ?? null, budget_reset_at: u.budget_reset_at ?? null,
      key_count: typeof u.key_count === 'number' ? u.key_count : null,
    }));
    const human = rows.length === 0
      ? `No users on ${proxy.base}. Add one with \`ollm user add <id> --budget 20 --monthly\`.`
      : await renderTable(['User', 'Role', 'Spend / budget', 'Period', 'Keys'], rows.map((u) => [
        u.user_id, u.user_role ?? '—',
        `${formatMoney(u.spend)} / ${u.max_budget == null ? '∞' : formatMoney(u.max_budget)}`,
        u.budget_duration ? describePeriod(u.budget_duration) : '—',
        u.key_count == null ? '?' : String(u.key_count),
      ]), { terminal: Boolean(ctx.io.stdout.isTTY), color: ctx.color.level > 0 });
    return { human, json: { proxy_url: proxy.base, users: rows } };
  },
});
