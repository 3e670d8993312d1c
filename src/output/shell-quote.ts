// Words for shell lines ollm writes or prints (profiles, `ollm env`, suggested fixes).

/** POSIX single quotes: nothing inside is special; a ' is closed, escaped and reopened. */
export function quotePosix(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** fish single quotes: only \\ and \' are special inside. */
export function quoteFish(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A word to paste into a POSIX shell: as is when it is plainly safe, else single-quoted. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_@%+=:,./~-]+$/.test(text) ? text : quotePosix(text);
}

/** PowerShell single quotes: only ' is special inside, written twice. */
export function quotePowerShell(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export type ExportSyntax = 'posix' | 'fish' | 'powershell';

/** The one way ollm writes "set and export NAME to this value": `export N='v'`, `set -gx N 'v'`, `$env:N = 'v'`. */
export function exportLine(syntax: ExportSyntax, name: string, value: string): string {
  if (syntax === 'fish') return `set -gx ${name} ${quoteFish(value)}`;
  if (syntax === 'powershell') return `$env:${name} = ${quotePowerShell(value)}`;
  return `export ${name}=${quotePosix(value)}`;
}

/** NAME set to what a command prints (each word quoted): `export N="$('a' 'b')"`, `set -gx N ('a' 'b')`. */
export function exportCommandLine(syntax: 'posix' | 'fish', name: string, argv: readonly string[]): string {
  if (syntax === 'fish') return `set -gx ${name} (${argv.map(quoteFish).join(' ')})`;
  return `export ${name}="$(${argv.map(quotePosix).join(' ')})"`;
}
