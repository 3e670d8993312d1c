// OpenClaw's doctor checks as the doctor lists them: ids and titles here, the work in
// run-checks.ts, loaded only when the doctor runs (this list is loaded with the table of
// target kinds, by every command that reads the manifest).
import { defineCheck, type DoctorCheckSpec } from '../../../doctor/check.ts';

function openClawCheck(id: string, title: string): DoctorCheckSpec {
  return defineCheck({ id, title, needs: [], run: async (d) => (await import('./run-checks.ts')).runOpenClawCheck(id, d) });
}

/** Its config: found, accepted by OpenClaw, pointing at the proxy, sending the stored key. */
export const OPENCLAW_CONFIG_CHECKS: readonly DoctorCheckSpec[] = [
  openClawCheck('openclaw-config', 'OpenClaw config'),
  openClawCheck('openclaw-valid', 'Config valid'),
  openClawCheck('openclaw-provider', 'Provider'),
  openClawCheck('openclaw-default-model', 'Default model'),
  openClawCheck('openclaw-key', 'Key OpenClaw sends'),
  openClawCheck('legacy-env', 'Legacy env keys'),
  openClawCheck('env-refs', '${VAR} references'),
];

/** How it gets the key at run time: the keychain style's exec secret provider. */
export const OPENCLAW_RUNTIME_CHECKS: readonly DoctorCheckSpec[] = [
  openClawCheck('exec-provider', 'Exec provider'),
];
