// Plain JS values going into a document: the JSON5 value type, checks and comparisons.

export type Json5Value = string | number | boolean | null | Json5Value[] | { [key: string]: Json5Value };

export function isPlainObject(value: unknown): value is { [key: string]: Json5Value } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Names the place, never the value: the value is often a key. */
export function assertJsonValue(value: unknown, path: readonly string[], seen = new Set<unknown>()): asserts value is Json5Value {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return;
  const where = pathText(path);
  if (seen.has(value)) throw new TypeError(`the value for ${where} refers to itself`);
  if (Array.isArray(value)) {
    seen.add(value);
    value.forEach((item, index) => assertJsonValue(item, [...path, String(index)], seen));
    seen.delete(value);
  } else if (isPlainObject(value)) {
    seen.add(value);
    for (const [key, item] of Object.entries(value)) assertJsonValue(item, [...path, key], seen);
    seen.delete(value);
  } else {
    throw new TypeError(`the value for ${where} is ${describeJsValue(value)}, not a JSON value`);
  }
}

function describeJsValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object') return `a ${typeof value}`;
  return `a ${(value as object).constructor?.name ?? 'object'}`;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]));
  }
  return false;
}

/** `models.providers["my.provider"]`: how a path reads in a message. */
export function pathText(path: readonly string[]): string {
  return path.map((key, i) => (/^[A-Za-z_$][\w$-]*$/.test(key) ? `${i === 0 ? '' : '.'}${key}` : `[${JSON.stringify(key)}]`)).join('');
}
