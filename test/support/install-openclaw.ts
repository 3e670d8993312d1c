// Installs the pinned OpenClaw (and its Node 24) into .cache/ and exits: .ci/run calls it before
// the suite, so the ~650 MB install does not run beside other tests (it starved a keychain test
// of the machine) and an install failure reads as one line, not as a failed test.
import { ensureOpenClaw } from './openclaw.ts';

const install = await ensureOpenClaw();
console.log(`openclaw: ${install.version} on Node ${install.nodeVersion} ready in ${install.dir}`);
