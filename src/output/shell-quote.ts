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
