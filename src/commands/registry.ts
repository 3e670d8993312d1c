// Every command by name and one-line description, with how to load it. Only the command being
// run is imported, so `ollm --help` or `ollm openclaw resolve` never pay for the others.
import type { CommandEntry } from './command.ts';

export type { CommandEntry };

/** Headings of `ollm --help`, in order. */
export const SECTIONS = {
  keys: 'Keys',
  assistants: 'Assistants',
  diagnostics: 'Diagnostics',
  setup: 'Setup',
} as const;

export const GROUPS: Record<string, string> = {
  key: 'Create, inspect, write, rotate and revoke virtual keys',
  openclaw: 'Commands OpenClaw runs (its exec secret provider)',
  models: 'The models an assistant (OpenClaw, pi, OpenCode) offers from the proxy',
  config: 'ollm\'s own defaults (proxy URL, alias, style, targets)',
  schedule: 'Rotate keys on a schedule (systemd timer, LaunchAgent or cron)',
  user: 'People who make their own keys with a user key, within their own budget (master key)',
};

export const COMMANDS: CommandEntry[] = [
  { path: ['key', 'create'], section: 'keys', describe: 'Create a virtual key on the proxy and keep it in the OS keychain', load: () => import('./key-create.ts') },
  { path: ['key', 'info'], section: 'keys', describe: 'Show spend, budget, reset date, expiry and limits of a key', load: () => import('./key-info.ts') },
  { path: ['key', 'update'], section: 'keys', describe: 'Change a key\'s budget, period, expiry, models, limits or metadata, or block it (master key)', load: () => import('./key-update.ts') },
  { path: ['key', 'get'], section: 'keys', describe: 'Print the stored key (masked unless --reveal)', load: () => import('./key-get.ts') },
  { path: ['key', 'list'], section: 'keys', describe: 'List the proxy\'s keys (a user key: your own) and which of them this machine holds', load: () => import('./key-list.ts') },
  { path: ['key', 'write'], section: 'keys', describe: 'Write a key held here where its assistant reads it (or a shell profile, .env); --store moves it', load: () => import('./key-write.ts') },
  { path: ['key', 'rotate'], section: 'keys', describe: 'Replace a key with a new one (same settings and spend), update where it was written, retire the old one', load: () => import('./key-rotate.ts') },
  { path: ['key', 'revoke'], section: 'keys', describe: 'Delete a key on the proxy and remove it from the keychain', load: () => import('./key-revoke.ts') },
  { path: ['schedule', 'set'], section: 'keys', describe: 'Rotate the keys held here every <duration>, from a systemd timer, a LaunchAgent or cron', load: () => import('./schedule-set.ts') },
  { path: ['schedule', 'show'], section: 'keys', describe: 'Show the scheduled rotation: scheduler, files, next run, last run per key', load: () => import('./schedule-show.ts') },
  { path: ['schedule', 'remove'], section: 'keys', describe: 'Stop the scheduled rotation and delete what `schedule set` installed', load: () => import('./schedule-remove.ts') },
  { path: ['schedule', 'run'], section: 'keys', describe: 'The scheduled job: rotate the keys that are due (run by the scheduler)', load: () => import('./schedule-run.ts'), hidden: true },
  { path: ['openclaw', 'resolve'], section: 'assistants', describe: 'Answer OpenClaw\'s exec secret provider (protocol v1) from the keychain', load: () => import('./openclaw-resolve.ts'), hidden: true },
  { path: ['exec'], section: 'assistants', describe: 'Run an assistant (or any command) with its key in its environment, from the keychain', load: () => import('./exec.ts') },
  { path: ['env'], section: 'assistants', describe: 'Print shell lines that export the key, for eval', load: () => import('./env.ts') },
  { path: ['models', 'sync'], section: 'assistants', describe: 'Fill an assistant\'s model list (OpenClaw, pi, OpenCode) from /v1/models (as the key sees it)', load: () => import('./models-sync.ts') },
  { path: ['doctor'], section: 'diagnostics', describe: 'Check the proxy, the key, the keychain and the assistant\'s config; say how to fix each problem', load: () => import('./doctor.ts') },
  { path: ['status'], section: 'diagnostics', describe: 'Every assistant here: the alias it uses, where its key is kept and written, spend, budget and reset', load: () => import('./status.ts') },
  { path: ['spend'], section: 'diagnostics', describe: 'Daily spend of a key as a chart, per model, and when the budget runs out', load: () => import('./spend.ts') },
  { path: ['setup'], section: 'setup', describe: 'Interactive first run: proxy, credential, and a key with a budget for each assistant found', load: () => import('./setup.ts') },
  { path: ['config', 'get'], section: 'setup', describe: 'Print one of ollm\'s defaults', load: () => import('./config-get.ts') },
  { path: ['config', 'set'], section: 'setup', describe: 'Set one of ollm\'s defaults (validated)', load: () => import('./config-set.ts') },
  { path: ['config', 'list'], section: 'setup', describe: 'Show all of ollm\'s defaults and where each comes from', load: () => import('./config-list.ts') },
  { path: ['completion'], section: 'setup', describe: 'Print the shell completion script for bash, zsh or fish', load: () => import('./completion.ts') },
  { path: ['login'], section: 'setup', describe: 'Verify a key that can manage keys (master key or your user key), say what it is, save it in the keychain', load: () => import('./login.ts') },
  { path: ['logout'], section: 'setup', describe: 'Remove the key `ollm login` saved for the proxy', load: () => import('./logout.ts') },
  { path: ['user', 'add'], section: 'setup', describe: 'Make a user with their own budget and print the line that logs them in (master key)', load: () => import('./user-add.ts') },
  { path: ['user', 'list'], section: 'setup', describe: 'List the proxy\'s users, their role, budget and spend (master key)', load: () => import('./user-list.ts') },
  { path: ['user', 'remove'], section: 'setup', describe: 'Delete a user and their keys on the proxy (master key)', load: () => import('./user-remove.ts') },
];

/**
 * The command these arguments name: its path words next to each other, the earliest such match
 * winning (so `ollm spend --alias env` is `spend`, not `env`). Help reads it; a command line to
 * run goes through parse/find-command.ts, which also knows that in `ollm --alias env spend` the
 * `env` is the flag's value.
 */
export function findCommand(argv: string[]): CommandEntry | undefined {
  for (let i = 0; i < argv.length; i++) {
    const found = COMMANDS.find((entry) => entry.path.every((word, j) => argv[i + j] === word));
    if (found) return found;
  }
  return undefined;
}
