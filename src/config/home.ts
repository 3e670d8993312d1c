// The user's home directory, the same way everywhere: $HOME, else the OS's idea of it; and `~` in
// a path given by a flag or a variable, the same way in every assistant.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function homeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

/**
 * A path as the assistants read one from a flag or a variable: `~` alone or a leading `~/` is the
 * home directory (`~user` and a `~` elsewhere are left as written, as they leave them).
 */
export function expandHome(path: string, home: string): string {
  return path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
}
