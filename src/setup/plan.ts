// What `ollm setup` asked, and the plain commands that do the same without questions: setup runs
// exactly these, so the command it prints is the one that ran.
import { shellWord } from '../output/shell-quote.ts';

export type BudgetPeriod = 'daily' | 'weekly' | 'monthly' | 'none';
export const BUDGET_PERIODS: readonly BudgetPeriod[] = ['daily', 'weekly', 'monthly', 'none'];

export interface SetupAnswers {
  proxyUrl: string;
  alias: string;
  /** USD as typed (already validated), or null for no limit. */
  budget: string | null;
  period: BudgetPeriod;
  style: string;
  /** Target names, e.g. ['openclaw', 'profile'] or ['none']. */
  targets: string[];
}

/** A rerun of setup for a key already held here: what to do with it instead of creating it again. */
export type ExistingKeyAction = 'rewrite' | 'rotate' | 'keep';
export const EXISTING_KEY_ACTIONS: readonly ExistingKeyAction[] = ['rewrite', 'rotate', 'keep'];

/** `key write` (where OpenClaw reads it, the style asked) or `key rotate` for the held key. */
export function existingKeyArgv(action: Exclude<ExistingKeyAction, 'keep'>, answers: SetupAnswers, flags: ForwardedFlags = {}): string[] {
  const base = ['--proxy-url', answers.proxyUrl, '--alias', answers.alias];
  if (action === 'rotate') return ['key', 'rotate', ...base, ...forwarded(flags)];
  const argv = ['key', 'write', ...base, '--write', answers.targets.join(',')];
  if (answers.targets.includes('openclaw')) argv.push('--openclaw-style', answers.style);
  return [...argv, ...forwarded(flags)];
}

/** Global flags the person gave to setup that the commands it runs should keep. */
export interface ForwardedFlags {
  timeout?: number;
  allowInsecureHttp?: boolean;
  debug?: boolean;
}

export function keyCreateArgv(answers: SetupAnswers, flags: ForwardedFlags = {}): string[] {
  const argv = ['key', 'create', '--proxy-url', answers.proxyUrl, '--alias', answers.alias];
  if (answers.budget !== null) argv.push('--budget', answers.budget);
  if (answers.period !== 'none') argv.push(`--${answers.period}`);
  argv.push('--write', answers.targets.join(','));
  if (answers.targets.includes('openclaw')) argv.push('--openclaw-style', answers.style);
  return [...argv, ...forwarded(flags)];
}

export function doctorArgv(answers: SetupAnswers, flags: ForwardedFlags = {}): string[] {
  return ['doctor', '--proxy-url', answers.proxyUrl, '--alias', answers.alias, ...forwarded(flags)];
}

function forwarded(flags: ForwardedFlags): string[] {
  const argv: string[] = [];
  if (flags.timeout !== undefined && flags.timeout !== 30) argv.push('--timeout', String(flags.timeout));
  if (flags.allowInsecureHttp) argv.push('--allow-insecure-http');
  if (flags.debug) argv.push('--debug');
  return argv;
}

/** What ollm's config should hold so later commands need no --proxy-url / --alias. */
export interface CurrentDefaults {
  proxyUrl: string;
  /** Where the proxy URL in effect came from. */
  proxyKind: 'flag' | 'env' | 'config' | 'default';
  alias: string;
}

/** `config set` commands that make the answers the defaults; none when they already are. */
export function rememberArgv(answers: SetupAnswers, current: CurrentDefaults): string[][] {
  const commands: string[][] = [];
  // The config file and the environment variable persist; a flag or the built-in default do not.
  const persisted = current.proxyKind === 'config' || current.proxyKind === 'env';
  if (answers.proxyUrl !== current.proxyUrl || !persisted) commands.push(['config', 'set', 'proxy-url', answers.proxyUrl]);
  if (answers.alias !== current.alias) commands.push(['config', 'set', 'alias', answers.alias]);
  return commands;
}

/** One shell line (POSIX quoting where needed). The master key is never part of it. */
export function shellLine(argv: string[]): string {
  return ['ollm', ...argv].map(shellWord).join(' ');
}
