// What setup keeps for its next run that is no ollm setting: the budget typed, and its period, so
// the next machine's (or the next alias's) setup offers them. Alias and proxy URL are kept as
// ollm's own defaults instead (`config set`), since every command uses those.
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { readTextIfExists } from '../io/read-optional.ts';
import { parseBudget } from '../keys/key-settings.ts';
import { BUDGET_PERIODS, type BudgetPeriod } from './plan.ts';

export interface RememberedBudget {
  /** USD as typed, or null for no limit. */
  budget: string | null;
  period: BudgetPeriod;
}

export function rememberedFile(stateDir: string): string {
  return join(stateDir, 'setup-answers.json');
}

/** The budget the last setup created a key with; null when there is none (or the file is not ollm's shape). */
export async function readRememberedBudget(stateDir: string): Promise<RememberedBudget | null> {
  const text = await readTextIfExists(rememberedFile(stateDir)).catch(() => null);
  if (text === null) return null;
  try {
    const data = JSON.parse(text) as { budget?: unknown; period?: unknown };
    const budget = data.budget === null ? null : typeof data.budget === 'string' ? data.budget : undefined;
    if (budget === undefined || !BUDGET_PERIODS.includes(data.period as BudgetPeriod)) return null;
    if (budget !== null) parseBudget(budget); // the same rule as the question: a hand-edited file offers nothing odd
    return { budget, period: data.period as BudgetPeriod };
  } catch {
    return null;
  }
}

export async function saveRememberedBudget(stateDir: string, remembered: RememberedBudget): Promise<void> {
  await writeFileAtomic(rememberedFile(stateDir), `${JSON.stringify(remembered, null, 2)}\n`, { mode: 0o600, dirMode: 0o700 });
}
