// pi's own reading of `apiKey` (0.73.1, src/core/resolve-config-value.ts): a value that starts
// with `!` is a shell command (the rest goes to `/bin/sh -c`, run again for every request since
// pi 0.63; stdout, trimmed, is the key); any other value is first looked up as the name of an
// environment variable, and used as written only when no such variable is set. No other field of
// models.json is resolved (ids, names and baseUrl are used as written), so those need only JSON's
// own escaping, which the JSON5 editor does.
import { UserError } from '../../errors.ts';
import { quotePosix } from '../../output/shell-quote.ts';

/** The arguments of ollm that print the key: the alias and proxy are named, so pi's environment cannot pick another key. */
export function helperArgs(alias: string, proxyBase: string): string[] {
  return ['key', 'get', '--reveal', '--alias', alias, '--proxy-url', proxyBase];
}

/**
 * `apiKey` for the helper style: `!` and a `/bin/sh` command line in which every word from
 * outside (the launcher's path, the alias, the proxy URL) is single-quoted, so nothing in them
 * is expanded or run. `!!` is no pi syntax: pi would hand `!…` to the shell.
 */
export function helperValue(launcher: string, alias: string, proxyBase: string): string {
  return `!${[launcher, ...helperArgs(alias, proxyBase)].map(shellArg).join(' ')}`;
}

/** Fixed words stay readable; anything else is quoted. */
function shellArg(word: string): string {
  return /^[a-z-]+$/.test(word) ? word : quotePosix(word);
}

/** Whether `value` is ollm's helper command for this alias on this proxy (with any launcher path). */
export function isHelperValueFor(value: unknown, alias: string, proxyBase: string): boolean {
  if (typeof value !== 'string' || !value.startsWith('!')) return false;
  const tail = ` ${helperArgs(alias, proxyBase).map(shellArg).join(' ')}`;
  return value.endsWith(tail) && value.includes('key-helper');
}

/**
 * `apiKey` for the file style: the key as written. pi reads a value starting with `!` as a
 * command, and there is no escape for it, so such a key cannot be written literally (ollm's own
 * keys start with `sk-`, which also names no environment variable a shell can set).
 */
export function literalValue(secret: string): string {
  if (secret.startsWith('!') || secret.trim() !== secret || secret === '') {
    throw new UserError('This key cannot be written into pi\'s models.json as a literal: pi would run a value starting with "!" as a command.', {
      code: 'pi_key_not_literal', hint: 'Use the helper style (--pi-style helper), or rotate the key to one of LiteLLM\'s own shape (sk-…).',
    });
  }
  return secret;
}
