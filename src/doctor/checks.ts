// The doctor's own checks: the proxy and the key, and file modes. The composition puts them in the
// order people read them with the assistants' and the target kinds' (src/composition/doctor-checks.ts).
// Each entry is { id, title, needs, run }; runner.ts runs the list.
import { defineCheck, type DoctorCheckSpec } from './check.ts';
import { heldLookup, interruptedRotation, masterKey, PROXY_DOWN, proxyResult, storedKey } from './facts.ts';
import { checkFileModesOf } from './file-modes.ts';
import { checkKeychain } from './keychain-check.ts';
import { checkLocks } from './lock-check.ts';
import { checkBudget } from './proxy-checks.ts';
import { skip } from './report.ts';
import { withInterruptedRotation } from './rotation-journal-check.ts';

/** The proxy, the master key, the stored key and its budget, and the keychain that holds it. */
export const KEY_CHECKS: readonly DoctorCheckSpec[] = [
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
  defineCheck({ id: 'locks', title: 'Locks', needs: [], run: checkLocks }),
];

/** Every file that holds keys: the assistants' own, ollm's, and where the key was written in plaintext. */
export const FILE_MODES = defineCheck({ id: 'file-modes', title: 'File modes', needs: [], run: checkFileModesOf });
