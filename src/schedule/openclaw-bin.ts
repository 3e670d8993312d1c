// Where `openclaw` is now, for a job whose PATH will not have it: the absolute path travels as
// OLLM_OPENCLAW_BIN, the variable openclaw-cli.ts already honours.
import { access, constants } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

export async function findOpenClawBin(env: NodeJS.ProcessEnv): Promise<string | null> {
  for (const dir of (env.PATH ?? '').split(delimiter).filter((d) => isAbsolute(d))) {
    const candidate = join(dir, 'openclaw');
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return null;
}
