// Python-flavoured formatting for the fake LiteLLM: LiteLLM's error texts are built with
// Python's repr()/str(), so a faithful double has to print floats, dicts and datetimes the same way.

/** repr() of a Python float: 50 → "50.0", 1.35e-5 → "1.35e-05". */
export function pyFloat(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(n);
  // Python switches to scientific notation outside [1e-4, 1e16); JS only outside [1e-6, 1e21).
  if (abs < 1e-4 || abs >= 1e16) {
    const [mantissa = '', exponent = '0'] = n.toExponential().split('e');
    const sign = exponent.startsWith('-') ? '-' : '+';
    const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  const text = String(n);
  return text.includes('.') ? text : `${text}.0`;
}

/** repr() of a Python str: single quotes unless the text holds a ' and no ". */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

/** str() of the dict LiteLLM management handlers raise: {"error": msg} → "{'error': 'msg'}". */
export function pyErrorDict(message: string): string {
  return `{'error': ${pyStrRepr(message)}}`;
}

/** repr() of a Python list of strings, as LiteLLM prints allowed models: ['a', 'b']. */
export function pyStrList(items: readonly unknown[]): string {
  return `[${items.map((item) => (typeof item === 'string' ? pyStrRepr(item) : String(item))).join(', ')}]`;
}

function isoParts(d: Date): { date: string; time: string; fraction: string } {
  const iso = d.toISOString(); // 2026-01-02T03:04:05.678Z
  const millis = iso.slice(20, 23);
  return {
    date: iso.slice(0, 10),
    time: iso.slice(11, 19),
    // Python keeps microseconds and drops the fraction entirely when it is zero.
    fraction: millis === '000' ? '' : `.${millis}000`,
  };
}

/** A UTC datetime as pydantic v2 serialises it in JSON responses: 2026-01-02T03:04:05.678000Z. */
export function pyIso(d: Date): string {
  const { date, time, fraction } = isoParts(d);
  return `${date}T${time}${fraction}Z`;
}

/** str() of an aware UTC datetime, as used inside error messages: 2026-01-02 03:04:05.678000+00:00. */
export function pyDatetimeStr(d: Date): string {
  const { date, time, fraction } = isoParts(d);
  return `${date} ${time}${fraction}+00:00`;
}

/** LiteLLM's mask for a key that does not look like a virtual key: abcd****wxyz. */
export function maskEdges(key: string): string {
  return key.length > 8 ? `${key.slice(0, 4)}****${key.slice(-4)}` : '****';
}

/** abbreviate_api_key(): the key_name LiteLLM stores and prints, sk-...wxyz. */
export function abbreviateKey(key: string): string {
  return `sk-...${key.slice(-4)}`;
}

/** RouteChecks._mask_user_id: first 6 and last 2 characters visible. */
export function maskUserId(userId: string): string {
  if (userId.length <= 4) return '***';
  if (userId.length <= 8) return '*'.repeat(userId.length);
  return `${userId.slice(0, 6)}${'*'.repeat(userId.length - 8)}${userId.slice(-2)}`;
}
