// `ollm key info`: spend, budget, reset date and limits of a key, for people or scripts.
import { ExitCode, UsageError, UserError } from '../errors.ts';
import { isDeletedKey } from '../litellm/schemas.ts';
import { lookUpKey, type LookedUpKey } from '../keys/key-lookup.ts';
import type { Ctx } from '../context.ts';
import { goneOnProxyError } from '../keys/way-out.ts';
import { resolveAlias } from '../keys/alias.ts';
import { maskFromKeyName, maskKey } from '../output/mask.ts';
import { inlineText } from '../output/terminal-text.ts';
import { budgetUse, type BudgetUse, formatBudget, formatMoney, formatSummary, formatWhen, usageBar, formatModels } from '../output/format.ts';
import { aliasOption, revealOption } from './shared-options.ts';
import { forOption } from './for-option.ts';
import { defineCommand } from './command.ts';
import { keyRecordJson } from '../output/key-record.ts';

export default defineCommand({
  command: 'info',
  examples: [
    ['ollm key info', 'the "openclaw" key, read with the key itself (no master key needed)'],
    ['ollm key info --json | jq .spend', 'for scripts'],
    ['ollm key info --fail-above 80 || notify-send "LiteLLM budget 80 % used"', 'in a cron job: exit 3 at 80 % of the budget'],
  ],
  args: {
    alias: aliasOption,
    for: forOption,
    'fail-above': { type: 'number', describe: 'Exit with status 3 when spend is at or above this percent of the budget' },
    reveal: revealOption,
  },
  validate(args) {
    const limit = args.failAbove;
    if (limit !== undefined && (!Number.isFinite(limit) || limit < 0 || limit > 1000)) {
      throw new UsageError(`--fail-above ${String(limit)} is not a percentage.`, 'Give a number from 0 to 1000, e.g. --fail-above 80.');
    }
  },
  async handler(args, ctx) {
    const alias = await resolveAlias(args, ctx);
    const proxy = await ctx.proxy();
    const { record, token, held, use } = await readKeyInfo(ctx, alias);
    const now = ctx.now();
    const key = held ? (args.reveal ? held.secret : maskKey(held.secret)) : maskFromKeyName(record.key_name);
    const overLimit = args.failAbove !== undefined && use.usedPercent !== null && use.usedPercent >= args.failAbove;
    const expired = record.expires ? new Date(record.expires).getTime() <= now.getTime() : false;

    const rows: Array<[string, string]> = [
      ['Alias', inlineText(record.key_alias ?? alias)],
      ['Key', key],
      ['Spend', formatMoney(record.spend)],
      ['Budget', formatBudget(record.max_budget, record.budget_duration)],
    ];
    if (use.usedPercent !== null) {
      rows.push(['Remaining', formatMoney(use.remaining)]);
      const bar = ctx.io.stdout.isTTY ? `${usageBar(use.usedPercent, ctx.color)} ` : '';
      rows.push(['Used', `${bar}${use.usedPercent.toFixed(1)} %`]);
    }
    rows.push(
      // The period is in the Budget row; a budget that never resets has no next reset to show.
      ...(record.budget_duration ? [['Next reset', formatWhen(record.budget_reset_at, now)] as [string, string]] : []),
      ['Expires', record.expires ? `${formatWhen(record.expires, now)}${expired ? ctx.color.red(' — expired') : ''}` : 'never'],
      ['Models', formatModels(record.models)],
      ['Limits', describeLimits(record.rpm_limit, record.tpm_limit, record.max_parallel_requests)],
      ['Blocked', record.blocked ? ctx.color.red('yes') : 'no'],
      ['Stored in', held ? held.store.description : 'not on this machine (looked up with the master key)'],
    );
    let human = formatSummary(rows, ctx.color);
    if (overLimit) human += `\n${ctx.color.red(`✗ Spend is at ${use.usedPercent} % of the budget (limit ${args.failAbove} %).`)}`;

    return {
      human,
      exitCode: overLimit ? ExitCode.overBudget : ExitCode.ok,
      json: {
        ...keyRecordJson({ ...record, token }, alias),
        key,
        remaining_budget: use.remaining,
        budget_used_percent: use.usedPercent,
        storage: held ? held.store.kind : 'none',
        proxy_url: proxy.base,
        ...(args.failAbove !== undefined ? { over_limit: overLimit } : {}),
      },
    };
  },
});

export interface KeyInfo extends LookedUpKey {
  /** What is left of the budget, and how much of it is used (null without a budget). */
  use: BudgetUse;
}

/**
 * `key info` as a service: the proxy's record of an alias's key (read with the held key, else the
 * master key) and its budget use; a key the proxy deleted is the error that names the way out.
 * `ollm status` asks it for every assistant's key.
 */
export async function readKeyInfo(ctx: Ctx, alias: string): Promise<KeyInfo> {
  const found = await lookUpKey(ctx, alias);
  const { record } = found;
  if (isDeletedKey(record)) {
    const when = typeof record['deleted_at'] === 'string' ? ` ${formatWhen(record['deleted_at'], ctx.now())}` : '';
    throw await goneOnProxyError(ctx, alias, when);
  }
  return { ...found, use: budgetUse(record.spend, record.max_budget) };
}

function describeLimits(rpm: number | null | undefined, tpm: number | null | undefined, parallel: number | null | undefined): string {
  const parts = [rpm != null && `${rpm} rpm`, tpm != null && `${tpm} tpm`, parallel != null && `${parallel} parallel`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none';
}
