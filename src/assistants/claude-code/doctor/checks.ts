// Claude Code's doctor checks as the doctor lists them: ids and titles here, the work in
// run-checks.ts, loaded only when the doctor runs.
import { defineCheck, type DoctorCheckSpec } from '../../../doctor/check.ts';

function claudeCodeCheck(id: string, title: string): DoctorCheckSpec {
  return defineCheck({ id, title, needs: [], run: async (d) => (await import('./run-checks.ts')).runClaudeCodeCheck(id, d) });
}

/** Its settings: found, strict JSON, pointing at the proxy; the key it will really send, by its precedence. */
export const CLAUDE_CODE_CONFIG_CHECKS: readonly DoctorCheckSpec[] = [
  claudeCodeCheck('claude-settings', 'Claude settings'),
  claudeCodeCheck('claude-key', 'Key Claude sends'),
];

/** How it gets the key at run time: apiKeyHelper, run as Claude Code runs it. */
export const CLAUDE_CODE_RUNTIME_CHECKS: readonly DoctorCheckSpec[] = [
  claudeCodeCheck('claude-helper', 'apiKeyHelper'),
];
