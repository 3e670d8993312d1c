// pi's key helper: the shared launcher (absolute node + ollm's own entry, never a PATH lookup),
// kept in ollm's state directory, which pi's apiKey command runs with `key get --reveal`.
import { join } from 'node:path';
import { writeKeyHelperLauncher } from '../../io/key-helper-launcher.ts';

export function piHelperPath(stateDir: string): string {
  return join(stateDir, 'pi-key-helper');
}

/** Write (or refresh) the launcher; returns its path. */
export function writePiHelper(stateDir: string): Promise<string> {
  return writeKeyHelperLauncher(piHelperPath(stateDir), 'pi\'s apiKey command in models.json (`ollm key get --reveal`)');
}
