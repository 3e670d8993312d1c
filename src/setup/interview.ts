// The questions of `ollm setup`, asked on a terminal one after another, each with a default and
// the same validation as the flag it stands for.
import type { Ctx } from '../context.ts';
import type { LineOptions } from '../io/line-editor.ts';
import { isLoopbackHost, parseProxyUrl } from '../config/proxy-url.ts';
import { validateAlias, DEFAULT_ALIAS } from '../keys/alias.ts';
import { parseBudget } from '../keys/key-settings.ts';
import { DEFAULT_STYLE, OPENCLAW_STYLES, parseStyle } from '../assistants/openclaw/styles.ts';
import { OPENCLAW_DEFAULT_TARGETS as DEFAULT_TARGETS } from '../assistants/openclaw/openclaw-owner.ts';
import { parseTargetList } from '../composition/kinds.ts';
import { probeProxy } from './probe.ts';
import { BUDGET_PERIODS, DEFAULT_BUDGET, EXISTING_KEY_ACTIONS, type BudgetPeriod, type ExistingKeyAction, type SetupAnswers } from './plan.ts';

const PROBE_TIMEOUT_MS = 3000;

export interface InterviewDefaults {
  proxyUrl: string;
  alias?: string;
  style?: string;
  targets?: string[];
  /** The budget the last setup created a key with (setup/remembered.ts). */
  budget?: string | null;
  period?: BudgetPeriod;
}

export interface InterviewResult extends SetupAnswers {
  /** Set when this machine already holds the alias's key: what to do instead of creating it. */
  existing?: ExistingKeyAction;
}

/** `isHeld(proxyUrl, alias)`: whether this machine already holds that key (a rerun of setup). */
export async function interview(ctx: Ctx, defaults: InterviewDefaults, isHeld: (proxyUrl: string, alias: string) => Promise<boolean>): Promise<InterviewResult> {
  const ask = (question: string, options: LineOptions) => ctx.prompts.line(ctx.stderrColor.bold(question), ctx.io.stdin, ctx.io.stderr, {
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
  // A rerun: the key exists, so its budget is not asked again; it can be written again or rotated.
  let existing: ExistingKeyAction | undefined;
  if (await isHeld(proxyUrl, alias)) {
    existing = (await ask(`This machine already holds the key "${alias}" for ${proxyUrl}. Write it again where OpenClaw reads it, rotate it, or keep it as it is (${EXISTING_KEY_ACTIONS.join(', ')}): `, {
      initial: 'rewrite',
      validate: (value) => (EXISTING_KEY_ACTIONS.includes(value as ExistingKeyAction) ? null : `choose one of ${EXISTING_KEY_ACTIONS.join(', ')}`),
    })) as ExistingKeyAction;
    if (existing !== 'rewrite') return { proxyUrl, alias, budget: null, period: 'none', style: defaults.style ?? DEFAULT_STYLE, targets: [...(defaults.targets ?? DEFAULT_TARGETS)], existing };
  }
  if (existing) return { proxyUrl, alias, budget: null, period: 'none', ...(await askWhere(ask, defaults)), existing };
  const budgetText = await ask('Budget in USD ("none" for no limit): ', {
    initial: defaults.budget === undefined ? DEFAULT_BUDGET : defaults.budget ?? 'none',
    validate: (value) => (value.trim().toLowerCase() === 'none' ? null : problemOf(() => parseBudget(value))),
  });
  const budget = budgetText.trim().toLowerCase() === 'none' ? null : budgetText.trim();
  const period = (await ask(`Budget resets (${BUDGET_PERIODS.join(', ')}): `, {
    // The period remembered with a budget; after "none" last time, the usual monthly.
    initial: budget === null ? 'none' : (typeof defaults.budget === 'string' ? defaults.period : undefined) ?? 'monthly',
    validate: (value) => (BUDGET_PERIODS.includes(value as BudgetPeriod) ? null : `choose one of ${BUDGET_PERIODS.join(', ')}`),
  })) as BudgetPeriod;
  return { proxyUrl, alias, budget, period, ...(await askWhere(ask, defaults)) };
}

type Ask = (question: string, options: LineOptions) => Promise<string>;

/** Where the key goes and how OpenClaw gets it: asked for a new key and for a rewrite alike. */
async function askWhere(ask: Ask, defaults: InterviewDefaults): Promise<{ targets: string[]; style: string }> {
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
  return { targets, style };
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
