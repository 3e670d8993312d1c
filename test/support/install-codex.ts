// Installs the pinned Codex CLI into .cache/ and exits: test/setup calls it before the suite, so
// the ~424 MB install does not run beside other tests and a failure reads as one line.
import { ensureCodex } from './codex.ts';

const install = await ensureCodex();
console.log(`codex: ${install.version} ready in ${install.dir}`);
