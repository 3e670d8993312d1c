// Installs the pinned pi into .cache/ and exits: test/setup calls it before the suite, so the
// install does not run beside other tests and an install failure reads as one line.
import { ensurePi } from './pi.ts';

const install = await ensurePi();
console.log(`pi: ${install.version} ready in ${install.dir}`);
