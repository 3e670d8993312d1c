// Runs a list of doctor checks: each starts as soon as the checks it needs have settled, so
// independent ones run at the same time (the openclaw CLI takes seconds per call); one whose need
// failed is skipped with its reason, never failed twice. Results come back in list order.
import { UserError } from '../errors.ts';
import type { DoctorCheckSpec } from './check.ts';
import { skip, type CheckResult } from './report.ts';

export interface RunnerOptions {
  /** Called as each check settles (for a spinner). */
  onProgress?: (done: number, total: number) => void;
}

export async function runChecks<C>(checks: readonly DoctorCheckSpec<C>[], context: C, options: RunnerOptions = {}): Promise<Array<CheckResult & { id: string }>> {
  const byId = new Map<string, DoctorCheckSpec<C>>();
  for (const check of checks) {
    if (byId.has(check.id)) throw new Error(`Two doctor checks have the id "${check.id}".`);
    byId.set(check.id, check);
  }
  const started = new Map<string, Promise<CheckResult>>();
  let done = 0;

  const start = (check: DoctorCheckSpec<C>, path: readonly string[]): Promise<CheckResult> => {
    const running = started.get(check.id);
    if (running) return running;
    if (path.includes(check.id)) throw new Error(`Doctor checks need each other in a circle: ${[...path, check.id].join(' → ')}.`);
    const needs = check.needs.map((id) => {
      const need = byId.get(id);
      if (!need) throw new Error(`The doctor check "${check.id}" needs "${id}", which is not in the list.`);
      return start(need, [...path, check.id]);
    });
    const result = (async () => {
      const settled = await Promise.all(needs);
      if (settled.some((r) => r.status === 'fail')) {
        const failed = check.needs.filter((_, i) => settled[i]!.status === 'fail').map((id) => byId.get(id)!.title);
        return skip(check.whenNeedFails ?? `Not checked: ${failed.join(', ')} failed (see above).`);
      }
      return guard(() => check.run(context, new Map(check.needs.map((id, i) => [id, settled[i]!]))));
    })().then((r) => {
      options.onProgress?.(++done, checks.length);
      return r;
    });
    started.set(check.id, result);
    return result;
  };

  const results = await Promise.all(checks.map((check) => start(check, [])));
  return checks.map((check, i) => ({ id: check.id, ...results[i]! }));
}

/** A check that throws a UserError (a file it could not read, say) has failed; the doctor has not. */
export async function guard(run: () => Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { status: 'fail', message: error.message, fix: error.hint ?? null };
  }
}
