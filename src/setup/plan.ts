// What `ollm setup` asked, and the commands that do the same without questions: setup calls
// their services with exactly these flags and prints each as the command line it stands for.
import type { ConfigSetOptions } from '../commands/config-set.ts';
import type { KeyCreateOptions } from '../commands/key-create.ts';
import type { KeyRotateOptions } from '../commands/key-rotate.ts';
import type { KeyWriteOptions } from '../commands/key-write.ts';
import { shellWord } from '../output/shell-quote.ts';

export type BudgetPeriod = 'daily' | 'weekly' | 'monthly' | 'none';
export const BUDGET_PERIODS: readonly BudgetPeriod[] = ['daily', 'weekly', 'monthly', 'none'];
/** The budget setup offers when no earlier setup typed one. */
export const DEFAULT_BUDGET = '50';

export interface SetupAnswers {
  proxyUrl: string;
  /** The assistant the key is for, when it is not the default one (`--for`); absent: the default. */
  for?: string;
  alias: string;
  /** USD as typed (already validated), or null for no limit. */
  budget: string | null;
  period: BudgetPeriod;
  /** Target names, e.g. ['openclaw', 'profile'] or ['none']. */
  targets: string[];
  /**
   * What the assistant's own setup question stood for (`{ openclawStyle: 'litellm' }`): set only
   * when the key goes to one of its own places, so a key written elsewhere gets none of its flags.
   */
  assistantFlags: Record<string, string>;
}

/** A rerun of setup for a key already held here: what to do with it instead of creating it again. */
export type ExistingKeyAction = 'rewrite' | 'rotate' | 'keep';
export const EXISTING_KEY_ACTIONS: readonly ExistingKeyAction[] = ['rewrite', 'rotate', 'keep'];

/** Global flags the person gave to setup that the commands it runs should keep. */
export interface ForwardedFlags {
  timeout?: number;
  allowInsecureHttp?: boolean;
  debug?: boolean;
}

/**
 * One command setup runs: the service's flags, and the command line that does the same (which
 * setup prints). The line is made from the flags, so what is printed is what ran.
 */
export type SetupStep =
  | { command: 'key create'; flags: Partial<KeyCreateOptions>; argv: string[] }
  | { command: 'key write'; flags: Partial<KeyWriteOptions>; argv: string[] }
  | { command: 'key rotate'; flags: Partial<KeyRotateOptions>; argv: string[] }
  | { command: 'config set'; flags: Pick<ConfigSetOptions, 'name' | 'value'>; argv: string[] }
  | { command: 'doctor'; flags: { alias: string; for?: string }; argv: string[] };

/** `key create` with the answers. */
export function keyCreateStep(answers: SetupAnswers, flags: ForwardedFlags = {}): SetupStep {
  const given: Partial<KeyCreateOptions> = {
    ...forFlag(answers),
    alias: answers.alias,
    ...(answers.budget !== null ? { budget: answers.budget } : {}),
    ...(answers.period !== 'none' ? { [answers.period]: true } : {}),
    ...whereFlags(answers),
  };
  return { command: 'key create', flags: given, argv: commandLine(['key', 'create'], answers.proxyUrl, given, flags) };
}

/** A rerun of setup for a key already held here: `key write` (where OpenClaw reads it, the style asked) or `key rotate`. */
export function existingKeyStep(action: Exclude<ExistingKeyAction, 'keep'>, answers: SetupAnswers, flags: ForwardedFlags = {}): SetupStep {
  if (action === 'rotate') {
    const given: Partial<KeyRotateOptions> = { ...forFlag(answers), alias: answers.alias };
    return { command: 'key rotate', flags: given, argv: commandLine(['key', 'rotate'], answers.proxyUrl, given, flags) };
  }
  const given: Partial<KeyWriteOptions> = { ...forFlag(answers), alias: answers.alias, ...whereFlags(answers) };
  return { command: 'key write', flags: given, argv: commandLine(['key', 'write'], answers.proxyUrl, given, flags) };
}

export function doctorStep(answers: SetupAnswers, flags: ForwardedFlags = {}): SetupStep {
  const given = { ...forFlag(answers), alias: answers.alias };
  return { command: 'doctor', flags: given, argv: commandLine(['doctor'], answers.proxyUrl, given, flags) };
}

// --write as one comma-separated value (as typed), then the assistant's own answers (its style).
function whereFlags(answers: SetupAnswers): { write: string[] } {
  return { write: [answers.targets.join(',')], ...answers.assistantFlags };
}

// `--for` only for an assistant other than the default, so the default's lines read as before.
function forFlag(answers: SetupAnswers): { for?: string } {
  return answers.for !== undefined ? { for: answers.for } : {};
}

/** `ollm <path> --proxy-url … --<flag> …` for these flag values, in their order; then the forwarded global flags. */
export function commandLine(path: string[], proxyUrl: string, given: Record<string, unknown>, flags: ForwardedFlags = {}): string[] {
  const argv = [...path, '--proxy-url', proxyUrl];
  for (const [name, value] of Object.entries(given)) {
    const flag = `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    if (value === true) argv.push(flag);
    else if (value === false) argv.push(`--no-${flag.slice(2)}`);
    else for (const item of [value].flat()) argv.push(flag, String(item));
  }
  return [...argv, ...forwarded(flags)];
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
export function rememberSteps(answers: Pick<SetupAnswers, 'proxyUrl' | 'alias'>, current: CurrentDefaults): SetupStep[] {
  const settings: Array<[name: string, value: string]> = [];
  // The config file and the environment variable persist; a flag or the built-in default do not.
  const persisted = current.proxyKind === 'config' || current.proxyKind === 'env';
  if (answers.proxyUrl !== current.proxyUrl || !persisted) settings.push(['proxy-url', answers.proxyUrl]);
  if (answers.alias !== current.alias) settings.push(['alias', answers.alias]);
  return settings.map(([name, value]) => ({ command: 'config set', flags: { name, value }, argv: ['config', 'set', name, value] }));
}

/** One shell line (POSIX quoting where needed). The master key is never part of it. */
export function shellLine(argv: string[]): string {
  return ['ollm', ...argv].map(shellWord).join(' ');
}
