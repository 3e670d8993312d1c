// pi's doctor checks as the doctor lists them: ids and titles here, the work in run-checks.ts,
// loaded only when the doctor runs.
import { defineCheck, type DoctorCheckSpec } from '../../../doctor/check.ts';

function piCheck(id: string, title: string): DoctorCheckSpec {
  return defineCheck({ id, title, needs: [], run: async (d) => (await import('./run-checks.ts')).runPiCheck(id, d) });
}

/** Its models.json: found, readable by pi, ollm's provider pointing at the proxy; no auth.json entry overriding it. */
export const PI_CONFIG_CHECKS: readonly DoctorCheckSpec[] = [
  piCheck('pi-models', 'pi models.json'),
  piCheck('pi-auth', 'pi stored login'),
];

/** How it gets the key at run time: the apiKey value resolved as pi resolves it, and tried on the proxy. */
export const PI_RUNTIME_CHECKS: readonly DoctorCheckSpec[] = [
  piCheck('pi-key', 'Key pi sends'),
  piCheck('pi-program', 'pi program'),
];
