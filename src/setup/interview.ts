// The questions of `ollm setup`, asked on a terminal one after another, each with a default and
// the same validation as the flag it stands for: the proxy once, which assistants get a key
// (when there is a choice), then for each of them its key's alias, budget and where it goes —
// and the assistant's own question (OpenClaw: its style), which the assistant brings.
import type { Assistant } from '../assistants/assistant.ts';
import type { Ctx } from '../context.ts';
import type { LineOptions } from '../io/line-editor.ts';
import { isLoopbackHost, parseProxyUrl } from '../config/proxy-url.ts';
import { validateAlias } from '../keys/alias.ts';
import { assistantAlias } from '../keys/assistant-alias.ts';
import { parseBudget } from '../keys/key-settings.ts';
import { KINDS } from '../targets/kinds-slot.ts';
import type { KindTable } from '../targets/kind-table.ts';
import { probeProxy } from './probe.ts';
import { parseAssistantList } from './chosen-assistants.ts';
import { BUDGET_PERIODS, DEFAULT_BUDGET, EXISTING_KEY_ACTIONS, type BudgetPeriod, type ExistingKeyAction, type SetupAnswers } from './plan.ts';

const PROBE_TIMEOUT_MS = 3000;

export interface InterviewDefaults {
  proxyUrl: string;
  /** `ollm config set targets`: where the default assistant's key goes. */
  targets?: string[];
  /** The budget the last setup created a key with (setup/remembered.ts). */
  budget?: string | null;
  period?: BudgetPeriod;
}

/** Which assistants get a key: asked when `ask`, offering every assistant with `preselected` as the answer. */
export interface AssistantChoice {
  all: readonly Assistant[];
  preselected: readonly Assistant[];
  ask: boolean;
}

export interface InterviewResult extends SetupAnswers {
  /** Set when this machine already holds the alias's key: what to do instead of creating it. */
  existing?: ExistingKeyAction;
}

type Ask = (question: string, options: LineOptions) => Promise<string>;

/** `isHeld(proxyUrl, alias)`: whether this machine already holds that key (a rerun of setup). One result per chosen assistant. */
export async function interview(ctx: Ctx, defaults: InterviewDefaults, choice: AssistantChoice, isHeld: (proxyUrl: string, alias: string) => Promise<boolean>): Promise<InterviewResult[]> {
  const ask: Ask = (question, options) => ctx.prompts.line(ctx.stderrColor.bold(question), ctx.io.stdin, ctx.io.stderr, {
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

  const chosen = choice.ask ? await askAssistants(ask, choice) : choice.preselected;
  const kinds = await ctx.wired(KINDS);
  const results: InterviewResult[] = [];
  let last: Pick<InterviewDefaults, 'budget' | 'period'> = defaults;
  for (const assistant of chosen) {
    // With several, each one's questions under its name; with one, as they always read.
    if (chosen.length > 1) ctx.io.stderr.write(`\n${ctx.stderrColor.bold(assistant.displayName)}\n`);
    const isDefault = assistant === choice.all[0];
    const where = { ...defaults, ...last, targets: isDefault ? defaults.targets : undefined };
    const result = await askKey(ctx, ask, { assistant, isDefault, kinds, choice, proxyUrl, defaults: where }, isHeld);
    // The next assistant's budget is offered as this one's was typed.
    if (!result.existing) last = { budget: result.budget, period: result.period };
    results.push(result);
  }
  return results;
}

async function askAssistants(ask: Ask, choice: AssistantChoice): Promise<readonly Assistant[]> {
  const names = choice.all.map((a) => a.name);
  const answer = await ask(`Give a key to (${names.join(', ')}; comma-separated): `, {
    initial: choice.preselected.map((a) => a.name).join(','),
    validate: (value) => problemOf(() => {
      if (parseAssistantList([value], choice.all).length === 0) throw new Error('name at least one');
    }),
  });
  return parseAssistantList([answer], choice.all);
}

interface KeyQuestions {
  assistant: Assistant;
  /** The first of the list: no `--for`, and `ollm config`'s targets are its. */
  isDefault: boolean;
  kinds: KindTable;
  choice: AssistantChoice;
  proxyUrl: string;
  defaults: InterviewDefaults;
}

/** One assistant's key: its alias; for a key held here what to do with it, else its budget; then where it goes. */
async function askKey(ctx: Ctx, ask: Ask, q: KeyQuestions, isHeld: (proxyUrl: string, alias: string) => Promise<boolean>): Promise<InterviewResult> {
  const { assistant, proxyUrl, defaults } = q;
  const base = { proxyUrl, ...(q.isDefault ? {} : { for: assistant.name }) };
  const alias = await ask('Key alias: ', { initial: await assistantAlias(ctx, assistant), validate: (value) => problemOf(() => validateAlias(value)) });
  // A rerun: the key exists, so its budget is not asked again; it can be written again or rotated.
  let existing: ExistingKeyAction | undefined;
  if (await isHeld(proxyUrl, alias)) {
    existing = (await ask(`This machine already holds the key "${alias}" for ${proxyUrl}. Write it again where ${assistant.displayName} reads it, rotate it, or keep it as it is (${EXISTING_KEY_ACTIONS.join(', ')}): `, {
      initial: 'rewrite',
      validate: (value) => (EXISTING_KEY_ACTIONS.includes(value as ExistingKeyAction) ? null : `choose one of ${EXISTING_KEY_ACTIONS.join(', ')}`),
    })) as ExistingKeyAction;
    if (existing !== 'rewrite') return { ...base, alias, budget: null, period: 'none', targets: defaultTargets(q), assistantFlags: {}, existing };
  }
  if (existing) return { ...base, alias, budget: null, period: 'none', ...(await askWhere(ctx, ask, q)), existing };
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
  return { ...base, alias, budget, period, ...(await askWhere(ctx, ask, q)) };
}

/** Where the key goes, and the assistant's own question when it goes to one of its own places. */
async function askWhere(ctx: Ctx, ask: Ask, q: KeyQuestions): Promise<{ targets: string[]; assistantFlags: Record<string, string> }> {
  // Its own places and those any assistant can use (in the table's order); not the other assistants' places.
  const own = new Set(q.assistant.targetKinds.map((kind) => kind.name));
  const anyones = new Set(q.choice.all.flatMap((a) => a.targetKinds.map((kind) => kind.name)));
  const offered = q.kinds.names.filter((name) => own.has(name) || !anyones.has(name));
  const targetText = await ask(`Write the key to (${offered.join(', ')}; comma-separated): `, {
    initial: defaultTargets(q).join(','),
    validate: (value) => problemOf(() => q.kinds.parseList([value], 'targets')),
  });
  const chosen = q.kinds.parseList([targetText]);
  const targets = chosen.length ? chosen : defaultTargets(q);
  return { targets, assistantFlags: await askOwnQuestion(ctx, ask, q.assistant, targets) };
}

/** The assistant's own question, asked only when its key goes to one of its own places. */
export async function askOwnQuestion(ctx: Ctx, ask: Ask | null, assistant: Assistant, targets: readonly string[]): Promise<Record<string, string>> {
  const question = assistant.setupQuestion;
  if (!question || !assistant.targetKinds.some((kind) => targets.includes(kind.name))) return {};
  const initial = await question.initial(ctx);
  const answer = ask ? await ask(question.text, { initial, validate: (value) => question.validate(value) }) : initial;
  return question.flags(answer);
}

/** Where its key goes by default: for the default assistant `ollm config set targets`, else its own default. */
export function defaultTargets(q: Pick<KeyQuestions, 'assistant' | 'isDefault' | 'defaults'>): string[] {
  return [...((q.isDefault ? q.defaults.targets : undefined) ?? q.assistant.defaultTargets)];
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
