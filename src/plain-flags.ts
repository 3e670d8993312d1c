// Parses the plain command lines people and scripts type most (`ollm key info --alias x --json`)
// without loading yargs, which costs about 50 ms on every run. It is deliberately narrow: anything
// it does not fully understand — an unknown or repeated flag, a short flag other than a declared
// one, a positional, `--`, help, a value outside the choices — gives `null`, and
// yargs parses the line instead, with its own messages. So both paths accept exactly the same lines.
import type { Options } from 'yargs';

export type ParsedFlags = Record<string, unknown>;

/**
 * The handler arguments for `argv` (which starts with the command's words `path`), or null when
 * yargs must decide. Keys are given in kebab-case and camelCase, with defaults filled in, as yargs does.
 */
export function parsePlainFlags(argv: string[], path: string[], options: Record<string, Options>): ParsedFlags | null {
  if (!path.every((word, i) => argv[i] === word)) return null;
  const names = new Map<string, string>();
  for (const [name, option] of Object.entries(options)) {
    if ((option.array && option.type !== 'string') || option.count || option.coerce || option.nargs !== undefined || option.conflicts || option.implies) return null;
    names.set(`--${name}`, name);
    for (const alias of [option.alias ?? []].flat()) names.set(alias.length === 1 ? `-${alias}` : `--${alias}`, name);
  }

  const given = new Map<string, unknown>();
  const rest = argv.slice(path.length);
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    const equals = token.startsWith('--') ? token.indexOf('=') : -1;
    const flag = equals > 0 ? token.slice(0, equals) : token;
    const inline = equals > 0 ? token.slice(equals + 1) : undefined;
    let name = names.get(flag);
    let negated = false;
    if (name === undefined && flag.startsWith('--no-') && inline === undefined) {
      name = names.get(`--${flag.slice(5)}`);
      negated = true;
      if (name === undefined || options[name]!.type !== 'boolean') return null;
    }
    if (name === undefined) return null;
    const option = options[name]!;
    // A list flag may be repeated (values add up, as in yargs); any other flag may not.
    if (given.has(name) && !option.array) return null;
    if (option.type === 'boolean') {
      // `--flag true` and `--flag=false` are yargs' business.
      if (inline !== undefined || rest[i + 1] === 'true' || rest[i + 1] === 'false') return null;
      given.set(name, !negated);
      continue;
    }
    const raw = inline ?? rest[++i];
    if (raw === undefined || (inline === undefined && raw.startsWith('-'))) return null;
    let value: unknown = raw;
    if (option.type === 'number') {
      if (!/^\d+(\.\d+)?$/.test(raw)) return null;
      value = Number(raw);
    } else if (option.type !== 'string') {
      return null;
    }
    if (option.choices && !(option.choices as unknown[]).includes(value)) return null;
    // yargs would take `--write a b` as two values; here `b` is a positional and yargs decides.
    given.set(name, option.array ? [...(given.get(name) as string[] | undefined ?? []), value] : value);
  }

  const parsed: ParsedFlags = { _: [...path], $0: 'ollm' };
  for (const [name, option] of Object.entries(options)) {
    const value = given.has(name) ? given.get(name) : option.default;
    if (value === undefined) {
      if (option.demandOption) return null;
      continue;
    }
    parsed[name] = value;
    parsed[camelCase(name)] = value;
    for (const alias of [option.alias ?? []].flat()) parsed[alias] = value;
  }
  return parsed;
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
