// `ollm spend`: a key's daily spend as a chart and per model, today's spend against the budget,
// and when the budget runs out at this rate. Daily detail needs the master key (/spend/logs);
// without it the totals /key/info gives are shown, and the report says so.
import { UsageError } from '../errors.ts';
import { resolveAlias } from '../keys/alias.ts';
import { lookUpKey } from '../keys/key-lookup.ts';
import { dailySeries, fromCreationDay, modelTotals, spendLogsRange, spendWindow } from '../spend/days.ts';
import { rateFromLogs, rateFromPeriod } from '../spend/rate.ts';
import { renderReport, type SpendView } from '../spend/render.ts';
import { buildReport, reportJson, type SpendReport } from '../spend/report.ts';
import { aliasOption } from './shared-options.ts';
import { defineCommand } from './command.ts';

const MAX_DAYS = 365;

export default defineCommand({
  command: 'spend',
  examples: [
    ['ollm spend', 'the "openclaw" key over the last 30 days: chart, models, outlook'],
    ['ollm spend --days 7 --by model', 'only the per-model table for the last week'],
    ['ollm spend --json | jq .projection.runs_out_on', 'for scripts: when the budget runs out, or null'],
  ],
  args: {
    alias: aliasOption,
    days: { type: 'number', default: 30, describe: `Days to show, today included (1-${MAX_DAYS}; UTC days, as LiteLLM logs them)` },
    by: { type: 'string', choices: ['day', 'model'], describe: 'Show only the daily chart (day) or only the per-model table (model) [default: both]' },
  },
  validate(args) {
    if (!Number.isInteger(args.days) || args.days < 1 || args.days > MAX_DAYS) {
      throw new UsageError(`--days ${String(args.days)} is not a whole number of days from 1 to ${MAX_DAYS}.`, 'For example --days 7, or --days 90.');
    }
  },
  async handler(args, ctx) {
    const alias = await resolveAlias(args, ctx);
    // Asked before the spinner starts: --master-key-stdin may prompt on the terminal.
    // /spend/logs answers the master key, and (1.108.7, test/real/users.test.ts) a user's key about
    // that user's own key; a service-account key is not proven there, so it reads /key/info.
    const credential = await ctx.optionalMasterKey();
    const master = credential?.kind === 'team' ? null : credential;
    const progress = ctx.progress(`Reading the spend of "${alias}"`);
    let report: SpendReport;
    const now = ctx.now();
    try {
      const { record, token } = await lookUpKey(ctx, alias);
      if (master) {
        const asked = spendWindow(now, args.days);
        // By the key's hash: LiteLLM matches api_key as given within a date range, and it works for keys not held here.
        const answer = await (await ctx.litellm()).spendByDay(master, { apiKey: token, ...spendLogsRange(asked) });
        const window = fromCreationDay(asked, record.created_at, answer);
        const days = dailySeries(window, answer);
        const logs = { window, days, models: modelTotals(window, answer) };
        report = buildReport({ alias, record, now, logs, rate: rateFromLogs(days, window, record.created_at, now) });
      } else {
        report = buildReport({ alias, record, now, logs: null, rate: rateFromPeriod(record, now) });
      }
    } finally {
      progress.stop();
    }
    const stdout = ctx.io.stdout as { isTTY?: boolean; columns?: number };
    const human = await renderReport(report, {
      view: (args.by as SpendView | undefined) ?? 'both',
      color: ctx.color,
      unicode: Boolean(stdout.isTTY) && ctx.env.TERM !== 'dumb',
      columns: stdout.isTTY ? stdout.columns : undefined,
      now,
    });
    return { human, json: reportJson(report) };
  },
});
