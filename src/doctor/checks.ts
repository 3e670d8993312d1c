// The doctor: every check in the order people read them — the proxy and the key, then the
// assistant's config, the places the key was written, file modes, and how the assistant gets the
// key at run time. Each entry is { id, title, needs, run }; runner.ts runs the list.
import { ASSISTANTS } from '../assistants/assistants.ts';
import { TARGET_KINDS } from '../targets/kinds.ts';
import { defineCheck, type DoctorCheckSpec } from './check.ts';
import { heldLookup, interruptedRotation, masterKey, PROXY_DOWN, proxyResult, storedKey } from './facts.ts';
import { checkFileModesOf } from './file-modes.ts';
import { checkKeychain } from './keychain-check.ts';
import { checkBudget } from './proxy-checks.ts';
import { skip } from './report.ts';
import { withInterruptedRotation } from './rotation-journal-check.ts';
import { SCHEDULE_CHECK } from '../schedule/doctor-check.ts';

/** The proxy, the master key, the stored key and its budget, and the keychain that holds it. */
const KEY_CHECKS: readonly DoctorCheckSpec[] = [
  defineCheck({ id: 'proxy', title: 'Proxy', needs: [], run: (d) => proxyResult(d) }),
  defineCheck({ id: 'master-key', title: 'Master key', needs: ['proxy'], whenNeedFails: PROXY_DOWN, run: async (d) => (await masterKey(d)).result }),
  defineCheck({
    id: 'stored-key', title: 'Stored key', needs: [],
    // Not `needs: ['proxy']`: an interrupted rotation is worth naming even when the proxy is down.
    run: async (d) => withInterruptedRotation((await storedKey(d)).result, await interruptedRotation(d), d.fixes.ollm('key rotate', '--resume')),
  }),
  defineCheck({
    id: 'budget', title: 'Budget', needs: [],
    // The stored key's own outcome, not its check's result: a blocked or expired key still has a spend to show.
    run: async (d) => {
      const stored = await storedKey(d);
      return stored.result.status === 'skip' ? skip(stored.result.message) : checkBudget(stored.record, stored.token, d.now, d.fixes);
    },
  }),
  defineCheck({ id: 'keychain', title: 'Keychain', needs: [], run: async (d) => checkKeychain(d.ctx, await heldLookup(d)) }),
];

const FILE_MODES = defineCheck({ id: 'file-modes', title: 'File modes', needs: [], run: checkFileModesOf });

export const DOCTOR_CHECKS: readonly DoctorCheckSpec[] = [
  ...KEY_CHECKS,
  ...ASSISTANTS.flatMap((a) => a.doctorChecks.config),
  ...TARGET_KINDS.flatMap((k) => k.doctorChecks),
  FILE_MODES,
  ...ASSISTANTS.flatMap((a) => a.doctorChecks.runtime),
  SCHEDULE_CHECK,
];

/** A check's title by id (the report carries ids only). */
export function checkTitle(id: string): string {
  return DOCTOR_CHECKS.find((c) => c.id === id)?.title ?? id;
}
