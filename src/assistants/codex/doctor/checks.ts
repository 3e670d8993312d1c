// Codex's doctor checks as the doctor lists them: ids and titles here, the work in run-checks.ts,
// loaded only when the doctor runs.
import { defineCheck, type DoctorCheckSpec } from '../../../doctor/check.ts';

function codexCheck(id: string, title: string): DoctorCheckSpec {
  return defineCheck({ id, title, needs: [], run: async (d) => (await import('./run-checks.ts')).runCodexCheck(id, d) });
}

/** Its config: found and readable, ollm's provider in it and chosen (no other provider, profile or env_key in the way). */
export const CODEX_CONFIG_CHECKS: readonly DoctorCheckSpec[] = [
  codexCheck('codex-config', 'Codex config'),
  codexCheck('codex-provider', 'Codex provider'),
  codexCheck('codex-profiles', 'Codex profiles'),
];

/** How it gets the key at run time: the helper run as Codex runs it, its answer checked against the proxy. */
export const CODEX_RUNTIME_CHECKS: readonly DoctorCheckSpec[] = [
  codexCheck('codex-key', 'Key Codex sends'),
];
