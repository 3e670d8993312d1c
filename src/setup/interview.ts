// The questions of `ollm setup`, asked on a terminal one after another, each with a default and
// the same validation as the flag it stands for.
import type { Ctx } from '../context.ts';
import { askLine, type LineOptions } from '../io/line-editor.ts';
import { isLoopbackHost, parseProxyUrl } from '../config/proxy-url.ts';
import { validateAlias, DEFAULT_ALIAS } from '../keys/alias.ts';
import { parseBudget } from '../keys/key-settings.ts';
import { OPENCLAW_STYLES } from '../openclaw/styles.ts';
import { DEFAULT_STYLE, DEFAULT_TARGETS, parseStyle, parseTargetList } from '../targets/write-flags.ts';
import { probeProxy } from './probe.ts';
import { BUDGET_PERIODS, type BudgetPeriod, type SetupAnswers } from './plan.ts';

const PROBE_TIMEOUT_MS = 3000;

export interface InterviewDefaults {
  proxyUrl: string;
  alias?: string;
  style?: string;
  targets?: string[];
}

export async function interview(ctx: Ctx, defaults: InterviewDefaults): Promise<SetupAnswers> {
  const ask = (question: string, options: LineOptions) => askLine(ctx.stderrColor.bold(question), ctx.io.stdin, ctx.io.stderr, {
    paint: { ok: ctx.stderrColor.green, bad: ctx.stderrColor.red, dim: ctx.stderrColor.dim }, ...options,
  });

  const proxyUrl = parseProxyUrl(await ask('LiteLLM proxy URL: ', {
    initial: defaults.proxyUrl,
    validate: (value) => problemOf(() => {
      const proxy = parseProxyUrl(value, 'setup');
      if (proxy.url.protocol === 'http:' && !isLoopbackHost(proxy.url.hostname) && !ctx.args.allowInsecureHttp) {
        throw new Error('plain http to another host would expose the master key: use https:// (or rerun with --allow-insecure-http)');
      }
    }),
    check: (value) => probeProxy(value, PROBE_TIMEOUT_MS),
    requireCheck: true,
  }), 'setup').base;

  const alias = await ask('Key alias: ', { initial: defaults.alias ?? DEFAULT_ALIAS, validate: (value) => problemOf(() => validateAlias(value)) });
  const budgetText = await ask('Budget in USD ("none" for no limit): ', {
    initial: '50',
    validate: (value) => (value.trim().toLowerCase() === 'none' ? null : problemOf(() => parseBudget(value))),
  });
  const budget = budgetText.trim().toLowerCase() === 'none' ? null : budgetText.trim();
  const period = (await ask(`Budget resets (${BUDGET_PERIODS.join(', ')}): `, {
    initial: budget === null ? 'none' : 'monthly',
    validate: (value) => (BUDGET_PERIODS.includes(value as BudgetPeriod) ? null : `choose one of ${BUDGET_PERIODS.join(', ')}`),
  })) as BudgetPeriod;
  const targetText = await ask('Write the key to (openclaw, profile, dotenv, none; comma-separated): ', {
    initial: (defaults.targets ?? DEFAULT_TARGETS).join(','),
    validate: (value) => problemOf(() => parseTargetList([value], 'targets')),
  });
  const chosen = parseTargetList([targetText]);
  const targets = chosen.length ? chosen : [...DEFAULT_TARGETS];
  const style = targets.includes('openclaw')
    ? await ask(`How OpenClaw gets the key (${OPENCLAW_STYLES.join(', ')}): `, {
      initial: defaults.style ?? DEFAULT_STYLE,
      validate: (value) => problemOf(() => parseStyle(value, 'style')),
    })
    : defaults.style ?? DEFAULT_STYLE;
  return { proxyUrl, alias, budget, period, style, targets };
}

/** The message of what `check` throws, or null when it passes. */
function problemOf(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
