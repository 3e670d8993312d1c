// OpenClaw's doctor checks wired to the facts they read (loaded only when the doctor runs). Each
// is skipped when OpenClaw's checks do not concern the alias (openclaw-scope.ts).
import type { DoctorContext } from '../../../doctor/check.ts';
import { heldLookup, holdsKey, storedKey } from '../../../doctor/facts.ts';
import { checkDefaultModelAllowed } from './default-model-check.ts';
import type { CheckResult } from '../../../doctor/report.ts';
import { checkEffectiveKey } from './effective-key.ts';
import { checkExecProvider } from './exec-provider.ts';
import { openClawCli, openClawState, scope, storedProfiles } from './facts.ts';
import { checkConfigFound, checkConfigValid, checkEnvRefs, checkLegacyEnv, checkProvider } from './openclaw-checks.ts';
import { scopeCheck } from './openclaw-scope.ts';

type Run = (d: DoctorContext) => Promise<CheckResult>;

const RUNS: Record<string, Run> = {
  'openclaw-config': async (d) => checkConfigFound(await openClawState(d), d.fixes, await holdsKey(d)),
  'openclaw-valid': async (d) => checkConfigValid(...await Promise.all([openClawState(d), openClawCli(d)])),
  'openclaw-provider': async (d) => checkProvider(await openClawState(d), d.proxy, d.fixes),
  'openclaw-default-model': async (d) => checkDefaultModelAllowed(await openClawState(d), (await storedKey(d)).record, d.fixes),
  'openclaw-key': async (d) => {
    const [state, lookup, profiles] = await Promise.all([openClawState(d), heldLookup(d), storedProfiles(d)]);
    return checkEffectiveKey({ state, held: lookup.held, heldError: lookup.error?.message ?? null, profiles, fixes: d.fixes });
  },
  'legacy-env': async (d) => checkLegacyEnv(await openClawState(d), d.fixes, await holdsKey(d)),
  'env-refs': async (d) => checkEnvRefs(await openClawState(d), d.fixes, await holdsKey(d)),
  'exec-provider': async (d) => checkExecProvider(await openClawState(d), (await heldLookup(d)).held, d.fixes),
};

export async function runOpenClawCheck(id: string, d: DoctorContext): Promise<CheckResult> {
  const run = RUNS[id];
  if (!run) throw new Error(`No OpenClaw doctor check "${id}".`);
  // Started before the scope is known, as the checks always were: the openclaw CLI is the slow part.
  const result = run(d);
  result.catch(() => {});
  return scopeCheck(d.ctx, id, () => result, await scope(d), d.proxy.base);
}
