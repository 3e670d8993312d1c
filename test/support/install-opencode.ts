// Installs the pinned OpenCode into .cache/ and exits: test/setup calls it before the suite, so an
// install failure reads as one line, not as a failed test.
import { ensureOpenCode } from './opencode.ts';

const install = await ensureOpenCode();
console.log(`opencode: ${install.version} ready in ${install.binDir}`);
