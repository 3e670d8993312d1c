// What the doctor finds: one result per check, each with the one command that fixes a problem.

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** A check's id in `--json` (`stored-key`); the list of checks is checks.ts. */
export type CheckId = string;

export interface CheckResult {
  status: CheckStatus;
  /** One line; never a secret (keys are masked). */
  message: string;
  /** For warn and fail: the command (or, where no command can do it, the one action) that fixes it. */
  fix: string | null;
}

export interface DoctorCheck extends CheckResult {
  id: CheckId;
}

export interface DoctorReport {
  /** False when any check failed (warnings do not count). */
  ok: boolean;
  checks: DoctorCheck[];
  proxyUrl: string;
  alias: string;
}

export const ok = (message: string): CheckResult => ({ status: 'ok', message, fix: null });
export const warn = (message: string, fix: string | null): CheckResult => ({ status: 'warn', message, fix });
export const fail = (message: string, fix: string | null): CheckResult => ({ status: 'fail', message, fix });
/** A check that could not run, with the reason (usually an earlier check that failed). */
export const skip = (reason: string): CheckResult => ({ status: 'skip', message: reason, fix: null });

/** The document `ollm doctor --json` prints. */
export function doctorJson(report: DoctorReport) {
  return {
    ok: report.ok,
    checks: report.checks.map(({ id, status, message, fix }) => ({ id, status, message, fix })),
    proxy_url: report.proxyUrl,
    alias: report.alias,
  };
}
