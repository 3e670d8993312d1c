// `ollm spend` for people: the daily chart, the per-model table, and a summary that ends in a
// plain-words outlook for the budget.
import type { ChalkInstance } from 'chalk';
import { describePeriod } from '../litellm/duration.ts';
import { budgetUse, formatDay, formatMoney, formatMoneyColumn, formatSummary, formatWhen, usageBar } from '../output/format.ts';
import { renderTable } from '../output/table.ts';
import { renderDailyChart } from './chart.ts';
import { MIN_PROJECTION_HOURS } from './projection.ts';
import { MASTER_KEY_NOTE, type SpendReport } from './report.ts';

export type SpendView = 'day' | 'model' | 'both';

export interface RenderOptions {
  view: SpendView;
  color: ChalkInstance;
  /** Block characters (a terminal) or ASCII (a pipe). */
  unicode: boolean;
  /** Terminal width, when there is a terminal. */
  columns: number | undefined;
  now: Date;
}


/** Room the chart leaves beside the bars: date, amount and the "today, so far" mark. */
const CHART_MARGIN = 40;

export async function renderReport(report: SpendReport, options: RenderOptions): Promise<string> {
  const { color } = options;
  const sections: string[] = [];
  if (report.window) {
    const { window } = report;
    const count = window.days.length;
    const span = window.fromCreation
      ? `since the key was created (${count === 1 ? `today, ${window.last}` : `${window.first} to ${window.last}`}, UTC)`
      : count === 1 ? `today (${window.last}, UTC)` : `last ${count} days (${window.first} to ${window.last}, UTC)`;
    sections.push(color.bold(`Spend of "${report.alias}", ${span}`));
    const nothing = count === 1 ? 'No spend logged today.' : `No spend logged in these ${count} days.`;
    if (report.total === 0 && report.models.length === 0) {
      sections.push(nothing);
    } else {
      if (options.view !== 'model') {
        const width = options.columns ? Math.max(10, Math.min(48, options.columns - CHART_MARGIN)) : 40;
        sections.push(renderDailyChart(report.days, { today: window.last, unicode: options.unicode, color, width }));
      }
      if (options.view !== 'day') sections.push(await modelTable(report, color, options.columns !== undefined));
    }
  } else {
    sections.push(color.bold(`Spend of "${report.alias}" (totals from /key/info)`));
  }
  sections.push(formatSummary(summaryRows(report, options), color));
  if (report.source === 'key_info') {
    sections.push(color.yellow(MASTER_KEY_NOTE));
  }
  return sections.join('\n\n');
}

async function modelTable(report: SpendReport, color: ChalkInstance, terminal: boolean): Promise<string> {
  const total = report.total ?? 0;
  const amounts = formatMoneyColumn(report.models.map((m) => m.spend));
  const rows = report.models.map((m, i) => [
    m.model,
    amounts[i]!,
    total > 0 ? `${((m.spend / total) * 100).toFixed(1).padStart(5)} %` : '—',
  ]);
  return renderTable(['Model', 'Spend', 'Share'], rows, { terminal, color: color.level > 0 });
}

function summaryRows(report: SpendReport, { color, now, unicode }: RenderOptions): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const use = budgetUse(report.periodSpend, report.maxBudget);
  if (report.window && report.total !== null) {
    rows.push(['Total', `${formatMoney(report.total)} in ${report.window.days.length === 1 ? '1 day' : `${report.window.days.length} days`}`]);
  }
  if (report.today !== null) {
    const share = report.maxBudget ? ` (${((report.today / report.maxBudget) * 100).toFixed(1)} % of the budget)` : '';
    rows.push(['Today', `${formatMoney(report.today)} so far${share}`]);
  }
  if (use.usedPercent === null) {
    rows.push(['This period', `${formatMoney(report.periodSpend)} (no budget limit)`]);
  } else {
    const bar = unicode ? `${usageBar(use.usedPercent, color)} ` : '';
    rows.push(['This period', `${bar}${formatMoney(report.periodSpend)} of ${formatMoney(report.maxBudget)} (${use.usedPercent.toFixed(1)} %), ${formatMoney(use.remaining)} left`]);
  }
  rows.push(['Resets', report.budgetDuration
    ? `${describePeriod(report.budgetDuration)}, next ${formatWhen(report.resetAt, now)}`
    : 'never (no budget period)']);
  rows.push(['Daily average', describeRate(report, now)]);
  rows.push(['Outlook', describeOutlook(report, color, now)]);
  return rows;
}

function describeRate(report: SpendReport, now: Date): string {
  const { rate } = report;
  if (!rate) return 'unknown';
  const since = formatWhen(rate.since.toISOString(), now);
  const amount = formatMoney(rate.perDay);
  if (rate.start === 'period_start') return `≈ ${amount}, estimated from this period's spend since it began, ${since}`;
  if (report.source === 'key_info') return `≈ ${amount}, estimated from the spend since the key was created, ${since}`;
  if (rate.start === 'key_created') return `${amount}, averaged since the key was created, ${since}`;
  return `${amount}, averaged since ${since}`;
}

function describeOutlook(report: SpendReport, color: ChalkInstance, now: Date): string {
  const { projection } = report;
  // The reset as the Resets row shows it (an instant, formatWhen): one reset, one day count on the screen.
  const resetDay = report.resetAt ? formatWhen(report.resetAt, now) : null;
  switch (projection.status) {
    case 'no_limit':
      return 'no budget limit, so it cannot run out';
    case 'used_up':
      return color.red(resetDay
        ? `the budget is used up; LiteLLM refuses requests until the reset on ${resetDay}`
        : 'the budget is used up, and it has no period that would reset it');
    case 'no_spend':
      return color.green('nothing spent, so the budget is not being used up');
    case 'lasts_period':
      return color.green(`at this rate the budget lasts the period: about ${formatMoney(projection.spendAtReset)} of ${formatMoney(report.maxBudget)} spent by the reset on ${resetDay}`);
    case 'runs_out': {
      const runsOut = formatDay(projection.runsOutOn!, now);
      return color.yellow(resetDay
        ? `at this rate the budget runs out on ${runsOut}, before the reset on ${resetDay}`
        : `at this rate the budget runs out on ${runsOut} (it never resets)`);
    }
    case 'too_early':
      return `too early to project: the rate rests on less than ${MIN_PROJECTION_HOURS} hours of spend`;
    case 'unknown':
      return 'cannot tell: neither the budget period nor the key\'s creation date is known';
  }
}
