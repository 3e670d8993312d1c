// Key aliases: ollm writes them into keychain accounts, shell profiles and config paths, so
// only a safe, printable set is allowed (LiteLLM itself would take anything).
import type { Ctx } from '../context.ts';
import { UsageError } from '../errors.ts';
import { DEFAULT_ASSISTANT } from './default-assistant-slot.ts';

export const DEFAULT_ALIAS = 'openclaw';
const ALIAS = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export function validateAlias(alias: string): string {
  // LiteLLM's keys (master and virtual) start with sk-: such an alias is a key typed in the wrong
  // place, which every message naming the alias would print. (The usage error masks it.)
  if (alias.startsWith('sk-')) {
    throw new UsageError(`The alias ${JSON.stringify(alias)} looks like a key (it starts with sk-); ollm does not use it as a name.`,
      'Give the key\'s name, e.g. --alias openclaw-laptop; keys come from the keychain or LITELLM_MASTER_KEY, never from a flag.');
  }
  if (ALIAS.test(alias)) return alias;
  const shown = JSON.stringify(alias.length > 40 ? `${alias.slice(0, 40)}…` : alias);
  const why = alias.length === 0 ? 'is empty' : alias.length > 63 ? `is ${alias.length} characters long` : 'contains characters ollm does not allow';
  throw new UsageError(`The alias ${shown} ${why}.`,
    'Use 1–63 ASCII letters, digits, ".", "_" or "-", starting with a letter or digit, e.g. openclaw-laptop.');
}

/**
 * The alias a command works on: `--alias`; else, with `--for <assistant>` other than the default
 * one (the first of the list), the assistant's name; else the one set with `ollm config set
 * alias`, else "openclaw" (the default assistant's). Every command with an `--alias` flag goes
 * through here, so the default is one rule.
 */
export async function resolveAlias(args: { alias?: string; for?: string }, ctx: Pick<Ctx, 'config'> & Partial<Pick<Ctx, 'wired'>>): Promise<string> {
  if (args.alias !== undefined) return validateAlias(args.alias);
  if (args.for !== undefined && ctx.wired) {
    if (args.for !== await ctx.wired(DEFAULT_ASSISTANT)) return validateAlias(args.for);
  }
  return defaultAlias(ctx);
}

/** The alias when none is given: the one set with `ollm config set alias`, else "openclaw". */
export async function defaultAlias(ctx: Pick<Ctx, 'config'>): Promise<string> {
  // The config file was validated when read (with validateAlias too).
  return (await ctx.config()).alias ?? DEFAULT_ALIAS;
}
