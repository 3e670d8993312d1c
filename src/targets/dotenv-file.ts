// Editing one variable in a dotenv file (OpenClaw's state-dir `.env`), keeping every other
// line and comment as it was.

const assignment = (name: string) => new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=`);

/** Key characters are [A-Za-z0-9_-]; anything else is quoted so dotenv parsers read it whole. */
function formatValue(value: string): string {
  return /^[A-Za-z0-9_\-.:/@+]*$/.test(value) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function setDotenvVar(text: string, name: string, value: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.length ? text.split(/\r?\n/) : [];
  const line = `${name}=${formatValue(value)}`;
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
    const quoted = /^(['"])(.*)\1$/.exec(raw);
    return quoted ? quoted[2]!.replace(/\\(["\\])/g, '$1') : raw.replace(/\s+#.*$/, '');
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
