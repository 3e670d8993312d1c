// The user's home directory, the same way everywhere: $HOME, else the OS's idea of it.
import { homedir } from 'node:os';

export function homeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}
