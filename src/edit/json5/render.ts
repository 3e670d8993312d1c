// Rendering new values as JSON5 text in a document's style, and new tokens for the tree.
import {
  JsonTokenNode,
  JsonTokenType,
  isReserved,
} from '@croct/json5-parser';
import type { Style } from './layout.ts';
import { WHITESPACE } from './tree.ts';
import type { Json5Value } from './values.ts';

export function renderValue(value: Json5Value, indent: string, multiline: boolean, style: Style): string {
  if (value === null || typeof value !== 'object') return renderScalar(value, style);
  const inner = indent + style.unit;
  const spaced = style.colon === ': ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (!multiline || value.every((item) => item === null || typeof item !== 'object')) {
      return `[${value.map((item) => renderValue(item, indent, false, style)).join(spaced ? ', ' : ',')}]`;
    }
    return renderBlock('[', ']', value.map((item) => renderValue(item, inner, true, style)), indent, style);
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const items = entries.map(([key, item]) => `${renderKey(key, style)}${style.colon}${renderValue(item, inner, multiline, style)}`);
  if (!multiline) return spaced ? `{ ${items.join(', ')} }` : `{${items.join(',')}}`;
  return renderBlock('{', '}', items, indent, style);
}

function renderBlock(open: string, close: string, items: readonly string[], indent: string, style: Style): string {
  const inner = indent + style.unit;
  const lines = items.map((item, i) => `${style.eol}${inner}${item}${i < items.length - 1 || style.trailingComma ? ',' : ''}`);
  return `${open}${lines.join('')}${style.eol}${indent}${close}`;
}

function renderScalar(value: string | number | boolean | null, style: Style): string {
  if (typeof value === 'string') return renderString(value, style.stringQuote, style.escapeString);
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  return JSON.stringify(value);
}

export function renderKey(key: string, style: Style): string {
  if (style.keyQuote === 'bare' && /^[A-Za-z_$][\w$]*$/.test(key) && !isReserved(key)) return key;
  return renderString(key, style.keyQuote === 'bare' ? style.stringQuote : style.keyQuote, style.escapeString);
}

function renderString(value: string, quote: '"' | "'", escape: ((json: string) => string) | undefined): string {
  const json = escape ? escape(jsonString(value)) : jsonString(value);
  if (quote === '"') return json;
  // `"` stays escaped: the library cannot read a raw `"` inside single quotes
  return `'${json.slice(1, -1).replace(/'/g, "\\'")}'`;
}

/** JSON.stringify leaves U+2028/2029 raw, which the library's lexer does not accept inside strings. */
export function jsonString(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function nest(path: readonly string[], value: Json5Value): Json5Value {
  return path.reduceRight<Json5Value>((inner, key) => ({ [key]: inner }), value);
}

export function whitespace(value: string): JsonTokenNode[] {
  return value === '' ? [] : [new JsonTokenNode({ type: WHITESPACE, value })];
}

export function punctuation(type: JsonTokenType, value: string): JsonTokenNode {
  return new JsonTokenNode({ type, value });
}
