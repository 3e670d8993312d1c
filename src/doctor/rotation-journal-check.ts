// A rotation that was interrupted and never settled leaves a journal: the next rotation of the
// key settles it first, but until then the key's state is in between, so the doctor says so.
import type { RotationJournal } from '../rotation/journal.ts';
import type { CheckResult } from './report.ts';

/** The stored-key result with the interrupted rotation named, and `--resume` as the fix. */
export function withInterruptedRotation(result: CheckResult, journal: RotationJournal | null, resumeFix: string): CheckResult {
  if (!journal) return result;
  const note = `An interrupted rotation of "${journal.alias}" (old key ${journal.oldMasked}, at step "${journal.step}") was never settled.`;
  return {
    status: result.status === 'fail' ? 'fail' : 'warn',
    message: result.status === 'skip' ? note : `${result.message} ${note}`,
    fix: result.status === 'fail' && result.fix ? result.fix : resumeFix,
  };
}
