// Installs the pinned Claude Code into .cache/ and exits: test/setup calls it before the suite, so
// the ~400 MB install never runs beside other tests and a failure reads as one line.
import { ensureClaudeCode } from './claude-code.ts';

const install = await ensureClaudeCode();
console.log(`claude-code: ${install.version} ready in ${install.dir}`);
