// Editing one variable in a dotenv file (OpenClaw's state-dir `.env`), keeping every other
// line and comment as it was.
import { UserError } from '../errors.ts';
import { maskKey } from '../output/mask.ts';

const assignment = (name: string) => new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=`);

/**
 * The value as the `dotenv` parser (which OpenClaw uses) and a shell sourcing the file both read
 * back exactly, with nothing run: plain when it is plainly safe, else in single quotes, inside
 * which neither changes anything. Double quotes are never used: dotenv turns `\\n` in them into a
 * line break and a shell expands `$` and backquotes there. Backticks are never used either: dotenv
 * reads them as quotes, but a shell runs what they enclose. A value with a single quote or a line
 * break cannot be written safely and exactly; ollm refuses it rather than write another value (a
 * key ollm keeps never has one: proxy-chosen secrets are checked in keys/proxy-secret.ts).
 */
export function formatDotenvValue(value: string): string {
  if (/^[A-Za-z0-9_\-.:/@+]*$/.test(value)) return value;
  if (!/['\r\n]/.test(value)) return `'${value}'`;
  throw new UserError(`A value for the .env file contains a line break or a single quote (${JSON.stringify(maskKey(value))}); it cannot be written so that dotenv reads it back exactly and no shell sourcing the file runs part of it.`, {
    code: 'dotenv_value_unwritable', hint: 'Write the key elsewhere (--write openclaw|profile), or check what the proxy returned.',
  });
}

export function setDotenvVar(text: string, name: string, value: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.length ? text.split(/\r?\n/) : [];
  const line = `${name}=${formatDotenvValue(value)}`;
  const matches = lines.flatMap((l, i) => (assignment(name).test(l) ? [i] : []));
  if (matches.length === 0) {
    if (lines.length && lines[lines.length - 1] === '') lines.splice(lines.length - 1, 0, line);
    else lines.push(line, '');
    return lines.join(eol);
  }
  lines[matches[0]!] = line;
  for (const index of matches.slice(1).reverse()) lines.splice(index, 1);
  return lines.join(eol);
}

/** The value of a variable (unquoted), or null. */
export function getDotenvVar(text: string, name: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    if (!assignment(name).test(line)) continue;
    const raw = line.slice(line.indexOf('=') + 1).trim();
    // dotenv's own reading: quotes of any kind come off; only double quotes expand \n and \r.
    const quoted = /^(['"`])(.*)\1$/.exec(raw);
    if (!quoted) return raw.replace(/\s+#.*$/, '');
    return quoted[1] === '"' ? quoted[2]!.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : quoted[2]!;
  }
  return null;
}

/** Remove the variable's line(s) when `matches(value)` holds; null when nothing was removed. */
export function removeDotenvVar(text: string, name: string, matches: (value: string) => boolean): string | null {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const kept = lines.filter((line) => !(assignment(name).test(line) && matches(getDotenvVar(line, name) ?? '')));
  return kept.length === lines.length ? null : kept.join(eol);
}
