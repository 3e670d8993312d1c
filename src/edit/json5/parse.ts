// Parsing a JSON5 file into a tree, working round the parser's gaps, and syntax errors a person can act on.
import {
  JsonCompositeNode,
  JsonLexer,
  JsonObjectNode,
  JsonParseError,
  JsonParser,
  JsonTokenNode,
  JsonValueNode,
  isReserved,
  type JsonToken,
  type SourcePosition,
} from '@croct/json5-parser';
import { Json5DocumentError, Json5SyntaxError } from './errors.ts';
import { detectEol } from './layout.ts';
import { jsonString } from './render.ts';
import { BOM, BOOLEAN, BRACE_LEFT, COLON, COMMA, EOF, IDENTIFIER, NULL, NUMBER, STRING, TRIVIA, describeNode } from './tree.ts';

export function parseRoot(text: string, fileName: string): JsonObjectNode {
  let root: JsonValueNode;
  try {
    root = JsonParser.parse(text);
  } catch (error) {
    if (!(error instanceof JsonParseError)) throw error;
    root = parseWithRewrites(text, fileName, error);
  }
  if (!(root instanceof JsonObjectNode)) {
    throw new Json5DocumentError(`${fileName} must hold an object ({ … }) at the top level, not ${describeNode(root)}`);
  }
  return root;
}

/** Lexes only up to the first real token, so it costs nothing on a normal file. */
export function hasContent(text: string, fileName: string): boolean {
  try {
    for (const token of new JsonLexer(text)) {
      if (!TRIVIA.has(token.type)) return token.type !== EOF;
    }
    return false;
  } catch (error) {
    if (error instanceof JsonParseError) throw toSyntaxError(text, fileName, error);
    throw error;
  }
}

export function withEmptyObject(text: string): string {
  if (text.replace(BOM, '').trim() === '') return `${text.startsWith(BOM) ? BOM : ''}{}${detectEol(text)}`;
  const separator = text.endsWith('\n') ? '' : detectEol(text);
  return `${text}${separator}{}${detectEol(text)}`;
}

/**
 * The library rejects some valid JSON5: reserved words, true/false/null and Infinity/NaN as
 * unquoted keys (`default: …`, and OpenClaw's schema does have `default`, `class` and `export`
 * keys), escapes JSON lacks (`\x41`, `\v`, `\0`, `\'` inside "…") and a raw `"` inside '…'.
 * Such tokens are rewritten to plain JSON strings for the parser, and the original token text
 * is put back into the tree.
 */
function parseWithRewrites(text: string, fileName: string, firstError: JsonParseError): JsonValueNode {
  let tokens: JsonToken[];
  try {
    tokens = JsonLexer.tokenize(text);
  } catch {
    throw toSyntaxError(text, fileName, firstError);
  }
  const rewritten = tokens.map((token, index) => rewriteForParser(tokens, index));
  if (rewritten.every((value, index) => value === tokens[index]!.value)) throw toSyntaxError(text, fileName, firstError);
  let root: JsonValueNode;
  try {
    root = JsonParser.parse(rewritten.join(''));
  } catch (error) {
    if (!(error instanceof JsonParseError)) throw error;
    throw toSyntaxError(text, fileName, error, originalPosition(tokens, rewritten, error));
  }
  restoreTokenText(root, tokens);
  return root;
}

function rewriteForParser(tokens: readonly JsonToken[], index: number): string {
  const token = tokens[index]!;
  // The library also fails on a raw " inside '…', so every single-quoted string is rewritten.
  if (token.type === STRING && (token.value.startsWith("'") || token.value.includes('\\'))) return reencodeString(token.value) ?? token.value;
  if (isKeywordName(token) && isKeyPosition(tokens, index)) return JSON.stringify(token.value);
  return token.value;
}

function isKeywordName(token: JsonToken): boolean {
  if (token.type === IDENTIFIER) return isReserved(token.value);
  if (token.type === NUMBER) return token.value === 'Infinity' || token.value === 'NaN';
  return token.type === BOOLEAN || token.type === NULL;
}

function isKeyPosition(tokens: readonly JsonToken[], index: number): boolean {
  let before = index - 1;
  while (before >= 0 && TRIVIA.has(tokens[before]!.type)) before--;
  let after = index + 1;
  while (after < tokens.length && TRIVIA.has(tokens[after]!.type)) after++;
  const previous = tokens[before]?.type;
  return (previous === BRACE_LEFT || previous === COMMA) && tokens[after]?.type === COLON;
}

/** A JSON5 string literal as an equivalent JSON one, or undefined when it holds a bad escape (left for the parser to report). */
function reencodeString(literal: string): string | undefined {
  const body = literal.slice(1, -1);
  let decoded = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char !== '\\') {
      decoded += char;
      continue;
    }
    const next = body[++i] ?? '';
    if (next === 'x' || next === 'u') {
      const digits = body.slice(i + 1, i + (next === 'x' ? 3 : 5));
      if (!/^[\da-fA-F]+$/.test(digits) || digits.length !== (next === 'x' ? 2 : 4)) return undefined;
      decoded += String.fromCharCode(Number.parseInt(digits, 16));
      i += digits.length;
    } else if (next === '\r') {
      if (body[i + 1] === '\n') i++; // a line continuation adds nothing
    } else if (next !== '\n' && next !== '\u2028' && next !== '\u2029') {
      decoded += ESCAPES[next] ?? next;
    }
  }
  return jsonString(decoded);
}

const ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };

/** Puts the original text of rewritten tokens back; the tree holds the tokens in source order. */
function restoreTokenText(root: JsonCompositeNode, tokens: readonly JsonToken[]): void {
  let index = 0;
  const walk = (node: JsonCompositeNode): void => {
    node.children.forEach((child, position) => {
      if (child instanceof JsonCompositeNode) return walk(child);
      if (!(child instanceof JsonTokenNode)) return;
      const original = tokens[index++];
      if (original !== undefined && original.value !== child.value) {
        node.children[position] = new JsonTokenNode({ type: child.type, value: original.value, location: original.location });
      }
    });
  };
  walk(root);
}

/** Where an error in the rewritten text sits in the original: the start of the same token. */
function originalPosition(tokens: readonly JsonToken[], rewritten: readonly string[], error: JsonParseError): SourcePosition {
  const errorIndex = error.location.start.index; // counted in code points, like the lexer does
  let start = 0;
  for (let i = 0; i < rewritten.length; i++) {
    const end = start + [...rewritten[i]!].length;
    if (errorIndex < end) return tokens[i]!.location.start;
    start = end;
  }
  return tokens[tokens.length - 1]!.location.start;
}

function toSyntaxError(text: string, fileName: string, error: JsonParseError, at: SourcePosition = error.location.start): Json5SyntaxError {
  const offset = offsetOf(text, at.line, at.column);
  // Editors do not count the byte-order mark as a column.
  const column = at.line === 1 && text.startsWith(BOM) ? Math.max(1, at.column - 1) : at.column;
  return new Json5SyntaxError(fileName, at.line, column, describeProblem(text, offset, error.message));
}

/** The library counts columns in code points, from 1. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const newline = text.indexOf('\n', offset);
    if (newline < 0) return text.length;
    offset = newline + 1;
  }
  for (let current = 1; current < column && offset < text.length; current++) {
    offset += text.codePointAt(offset)! > 0xffff ? 2 : 1;
  }
  return offset;
}

function describeProblem(text: string, offset: number, libraryMessage: string): string {
  const loneChar = /^Unexpected token '(.)' at/su.exec(libraryMessage)?.[1];
  if (loneChar === '"' || loneChar === "'") return 'unterminated string';
  if (loneChar === '/' && text.startsWith('/*', offset)) return 'unterminated comment';
  if (libraryMessage.startsWith('Invalid string')) return 'invalid escape in string';
  const found = describeTextAt(text, offset);
  const expected = /^Expected (?:either )?(.+?), but got/.exec(libraryMessage)?.[1];
  if (expected !== undefined && found.what !== 'end of file') return `expected ${describeExpected(expected)}, found ${found.article}${found.what}`;
  return `unexpected ${found.what}`;
}

function describeTextAt(text: string, offset: number): { what: string; article: string } {
  if (offset >= text.length) return { what: 'end of file', article: '' };
  const char = String.fromCodePoint(text.codePointAt(offset)!);
  if (char === '"' || char === "'") return { what: 'string', article: 'a ' };
  if (/[\d.+-]/.test(char)) return { what: 'number', article: 'a ' };
  if (/[\p{ID_Start}$_\\]/u.test(char)) return { what: 'unquoted word', article: 'an ' };
  return { what: `'${char}'`, article: '' };
}

function describeExpected(types: string): string {
  const names = types.split(/, | or /);
  if (names.includes('STRING') && names.includes('IDENTIFIER')) return 'a property name';
  const symbols: Record<string, string> = { COLON: "':'", COMMA: "','", BRACE_RIGHT: "'}'", BRACKET_RIGHT: "']'" };
  return names.map((name) => symbols[name] ?? name.toLowerCase()).join(' or ');
}
