// `ollm key list`: the proxy's keys (master key), and which of them this machine holds.
import { UserError } from '../errors.ts';
import type { Ctx } from '../context.ts';
import type { KeyRecord } from '../litellm/schemas.ts';
import { describePeriod } from '../litellm/duration.ts';
import { keyToken } from '../keys/held-key.ts';
import { KEY_SERVICE, keyAccount } from '../secrets/store.ts';
import { maskFromKeyName } from '../output/mask.ts';
import { formatMoney } from '../output/format.ts';
import { renderTable } from '../output/table.ts';
import { naturalCompare } from '../output/natural-sort.ts';
import { listLocalKeys } from './key-list-local.ts';
import { defineCommand } from './command.ts';
import { keyRecordJson } from '../output/key-record.ts';

type Held = boolean | null;

export default defineCommand({
  command: 'list',
  examples: [
    ['ollm key list', 'a table of every key on the proxy'],
    ['ollm key list --local', 'the keys this machine holds, for which proxy, stored and written where (no master key)'],
    ['ollm key list --json | jq -r \'.keys[] | select(.held_here) | .key_alias\'', 'the aliases held on this machine'],
  ],
  args: {
    local: { type: 'boolean', default: false, describe: 'Only the keys this machine holds (every proxy), from ollm\'s own records: no master key, no request' },
  },
  async handler(args, ctx) {
    if (args.local) return listLocalKeys(ctx);
    const proxy = await ctx.proxy();
    // Without a master key the proxy's list is out of reach; what this machine holds is not.
    const master = await ctx.optionalMasterKey();
    if (!master) return listLocalKeys(ctx, { noMasterKey: true });
    const client = await ctx.litellm();
    const keys = (await client.listAllKeys(master)).sort((a, b) => naturalCompare(a.key_alias ?? '', b.key_alias ?? ''));
    const held = await whichAreHeld(ctx, proxy.base, keys);
    const rows = keys.map((k, i) => ({ record: k, held: held[i] ?? null }));

    const human = rows.length === 0
      ? `No keys on ${proxy.base}. Create one with \`ollm key create --budget 50 --monthly\`.`
      : await renderTable(['Alias', 'Key', 'Spend / budget', 'Period', 'Resets', 'Expires', 'Here'], rows.map(({ record, held: h }) => [
        record.key_alias ?? ctx.color.dim('(none)'),
        maskFromKeyName(record.key_name),
        `${formatMoney(record.spend)} / ${record.max_budget == null ? '∞' : formatMoney(record.max_budget)}`,
        record.budget_duration ? describePeriod(record.budget_duration) : '—',
        record.budget_reset_at ? record.budget_reset_at.slice(0, 10) : '—',
        record.expires ? record.expires.slice(0, 10) : 'never',
        h === null ? '?' : h ? ctx.color.green('✓') : '',
      ]), { terminal: Boolean(ctx.io.stdout.isTTY), color: ctx.color.level > 0 });
    return {
      human,
      json: {
        proxy_url: proxy.base,
        keys: rows.map(({ record, held: h }) => ({ ...keyRecordJson(record), held_here: h })),
      },
    };
  },
});

/**
 * For each key: does this machine hold exactly it (same alias, same secret)? null when the
 * keychain cannot be asked; the list is still useful without that column.
 */
async function whichAreHeld(ctx: Ctx, proxyBase: string, keys: KeyRecord[]): Promise<Held[]> {
  const vault = await ctx.vault();
  try {
    return await Promise.all(keys.map(async (record) => {
      if (!record.key_alias || !record.token) return false;
      const found = await vault.find(KEY_SERVICE, keyAccount(record.key_alias, proxyBase));
      return found !== null && keyToken(found.secret) === record.token;
    }));
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    ctx.warn(`warning: ${error.message} The "Here" column is unknown.`);
    return keys.map(() => null);
  }
}
