// `runDoctor`: the doctor as a service — `ollm doctor` and `ollm setup` call it. It builds what
// every check may read and runs the list of checks it is given with the runner (runner.ts).
import type { Ctx } from '../context.ts';
import { DEFAULT_ALIAS, defaultAlias } from '../keys/alias.ts';
import { keyAccount } from '../secrets/store.ts';
import { factCache, type DoctorCheckSpec, type DoctorContext } from './check.ts';
import { Fixes } from './fixes.ts';
import type { DoctorReport } from './report.ts';
import { runChecks } from './runner.ts';

export interface DoctorOptions {
  alias: string;
  /** The checks to run, in report order (src/composition/doctor-checks.ts). */
  checks: readonly DoctorCheckSpec[];
  /** Called as each check finishes (for a spinner). */
  onProgress?: (done: number, total: number) => void;
}

export async function runDoctor(ctx: Ctx, options: DoctorOptions): Promise<DoctorReport> {
  const { alias } = options;
  const proxy = await ctx.proxy();
  // A config file that cannot be read is a check's business, not a reason to stop here.
  const implicitAlias = await defaultAlias(ctx).catch(() => DEFAULT_ALIAS);
  const context: DoctorContext = {
    ctx, alias, implicitAlias, proxy,
    account: keyAccount(alias, proxy.base),
    client: await ctx.litellm(),
    fixes: new Fixes(alias, implicitAlias, proxy.base),
    now: ctx.now(),
    fact: factCache(),
  };
  const checks = await runChecks(options.checks, context, { onProgress: options.onProgress });
  return { ok: checks.every((c) => c.status !== 'fail'), checks, proxyUrl: proxy.base, alias };
}
