// Run an apiKeyHelper as Claude Code runs it: `/bin/sh -c <command>`, stdout is the key. Claude
// Code passes its own environment on; the doctor passes only what a login session has (HOME, the
// user, the session bus and XDG folders, the locale) and no PATH, so a helper that only works
// thanks to something of this shell (a PATH lookup, LITELLM_* variables) shows up here.
import { runProcess } from '../../../io/run-process.ts';

const SESSION_VARS = ['HOME', 'USER', 'LOGNAME', 'LANG', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME', 'XDG_DATA_HOME'];
const TIMEOUT_MS = 15_000;

export function helperEnv(from: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(SESSION_VARS.filter((name) => from[name] !== undefined).map((name) => [name, from[name]]));
}

export async function runHelperAsClaudeCode(command: string, from: NodeJS.ProcessEnv): Promise<{ key?: string; error?: string }> {
  const run = await runProcess('/bin/sh', ['-c', command], { env: helperEnv(from), timeoutMs: TIMEOUT_MS });
  if (run.spawnError) return { error: run.spawnError.message };
  if (run.timedOut) return { error: `no answer within ${TIMEOUT_MS / 1000} s` };
  if (run.code !== 0) return { error: `exit ${run.code}${run.stderr.trim() ? `: ${run.stderr.trim().split('\n')[0]}` : ''}` };
  const key = run.stdout.trim();
  if (!key) return { error: 'it printed nothing' };
  return { key };
}
