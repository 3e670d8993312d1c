// OpenCode's doctor checks as the doctor lists them: ids and titles here, the work in
// run-checks.ts, loaded only when the doctor runs.
import { defineCheck, type DoctorCheckSpec } from '../../../doctor/check.ts';

function openCodeCheck(id: string, title: string): DoctorCheckSpec {
  return defineCheck({ id, title, needs: [], run: async (d) => (await import('./run-checks.ts')).runOpenCodeCheck(id, d) });
}

/** Its config: found, its litellm provider pointing at the proxy, no other layer or stored login overriding it. */
export const OPENCODE_CONFIG_CHECKS: readonly DoctorCheckSpec[] = [
  openCodeCheck('opencode-config', 'OpenCode config'),
  openCodeCheck('opencode-provider', 'OpenCode provider'),
  openCodeCheck('opencode-layers', 'OpenCode layers'),
  openCodeCheck('opencode-login', 'OpenCode login'),
];

/** How it gets the key at run time: the variable its `{env:…}` names. */
export const OPENCODE_RUNTIME_CHECKS: readonly DoctorCheckSpec[] = [
  openCodeCheck('opencode-env', 'OpenCode variable'),
];
