// Every command by name and one-line description, with how to load it. Only the command being
// run is imported, so `ollm --help` or `ollm openclaw resolve` never pay for the others.
import type { CommandDefinition } from './command.ts';

type Loader = () => Promise<{ default: CommandDefinition<any> }>;

export interface CommandEntry {
  /** e.g. ['key', 'create'] */
  path: string[];
  describe: string;
  load: Loader;
}

export const GROUPS: Record<string, string> = {
  key: 'Create, inspect, write, rotate and revoke virtual keys',
  openclaw: 'Commands OpenClaw runs (its exec secret provider)',
};

export const COMMANDS: CommandEntry[] = [
  { path: ['key', 'create'], describe: 'Create a virtual key on the proxy and keep it in the OS keychain', load: () => import('./key-create.ts') },
  { path: ['key', 'info'], describe: 'Show spend, budget, reset date, expiry and limits of a key', load: () => import('./key-info.ts') },
  { path: ['key', 'get'], describe: 'Print the stored key (masked unless --reveal)', load: () => import('./key-get.ts') },
  { path: ['key', 'list'], describe: 'List the proxy\'s keys and which of them this machine holds (needs the master key)', load: () => import('./key-list.ts') },
  { path: ['key', 'write'], describe: 'Write a key held here into OpenClaw\'s config, a shell profile or .env', load: () => import('./key-write.ts') },
  { path: ['key', 'rotate'], describe: 'Replace a key with a new one (same settings and spend), update where it was written, retire the old one', load: () => import('./key-rotate.ts') },
  { path: ['key', 'revoke'], describe: 'Delete a key on the proxy and remove it from the keychain', load: () => import('./key-revoke.ts') },
  { path: ['openclaw', 'resolve'], describe: 'Answer OpenClaw\'s exec secret provider (protocol v1) from the keychain', load: () => import('./openclaw-resolve.ts') },
  { path: ['exec'], describe: 'Run a command with LITELLM_API_KEY (or ANTHROPIC_API_KEY) set from the keychain', load: () => import('./exec.ts') },
  { path: ['env'], describe: 'Print shell lines that export the key, for eval', load: () => import('./env.ts') },
  { path: ['login'], describe: 'Verify the proxy\'s master key and save it in the keychain', load: () => import('./login.ts') },
  { path: ['logout'], describe: 'Remove the saved master key of the proxy', load: () => import('./logout.ts') },
];

/** The command these arguments name: its path words appear in order, next to each other. */
export function findCommand(argv: string[]): CommandEntry | undefined {
  return COMMANDS.find((entry) => argv.some((_, i) => entry.path.every((word, j) => argv[i + j] === word)));
}
