// Lossless editing of a hand-written JSON5 file (OpenClaw's openclaw.json): read, set and delete
// values by path while every comment, quote, comma and line break the user wrote stays as it was.
//
// @croct/json5-parser does the lexing and parsing (a concrete syntax tree of every token, with
// line/column errors). Its own editing API is not used: its toString() re-derives the layout of
// the whole document on every print, which re-wraps untouched lines (`a: 1, b: 2` on one line
// comes back split) and takes seconds on a 1 MB file. Here edits splice tokens into the tree and
// printing just concatenates the tokens, so whatever was not edited prints byte for byte.
import {
  JsonArrayNode,
  JsonCompositeNode,
  JsonIdentifierNode,
  JsonLexer,
  JsonObjectNode,
  JsonParseError,
  JsonParser,
  JsonPrimitiveNode,
  JsonPropertyNode,
  JsonTokenNode,
  JsonTokenType,
  JsonValueNode,
  isReserved,
  type JsonNode,
  type JsonToken,
  type SourcePosition,
} from '@croct/json5-parser';

export type Json5Value = string | number | boolean | null | Json5Value[] | { [key: string]: Json5Value };

/** The file parses but cannot be used or edited as asked (top level not an object, a path through a string…). */
export class Json5DocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Json5DocumentError';
  }
}

/** The file is not JSON5. Never quotes the offending text: it may be (part of) a secret. */
export class Json5SyntaxError extends Json5DocumentError {
  readonly line: number;
  readonly column: number;

  constructor(fileName: string, line: number, column: number, problem: string) {
    super(`${fileName} is not valid JSON5 at line ${line}, column ${column}: ${problem}`);
    this.name = 'Json5SyntaxError';
    this.line = line;
    this.column = column;
  }
}

export interface DeleteOptions {
  /** Also remove objects this deletion leaves without properties (never the top level, never one holding a comment). */
  pruneEmptyParents?: boolean;
}

/** A parsed JSON5 object document that prints back exactly as read, apart from the edits made. */
export class Json5Document {
  readonly #original: string;
  readonly #fileName: string;
  readonly #root: JsonObjectNode;
  readonly #layout: DocumentLayout;
  #changed = false;

  private constructor(original: string, fileName: string, root: JsonObjectNode) {
    this.#original = original;
    this.#fileName = fileName;
    this.#root = root;
    this.#layout = { eol: detectEol(original), unit: detectIndentUnit(root) };
  }

  /** An empty or comments-only file counts as `{}`; the comments stay when keys are added. */
  static parse(text: string, fileName: string): Json5Document {
    try {
      const root = hasContent(text, fileName) ? parseRoot(text, fileName) : parseRoot(withEmptyObject(text), fileName);
      return new Json5Document(text, fileName, root);
    } catch (error) {
      // The parser recurses per level: a few thousand nested objects exhaust the stack.
      if (error instanceof RangeError) throw new Json5DocumentError(`${fileName} nests objects or arrays too deeply for ollm to edit (thousands of levels)`);
      throw error;
    }
  }

  /** The plain value at `path` (`[]` is the whole document), or undefined. `$include` is reported as written, not followed. */
  get(path: readonly string[]): unknown {
    const node = this.#find(path);
    return node === undefined ? undefined : toPlain(node);
  }

  /** Sets a JSON value, creating missing parent objects. An object set over an object is merged key by key, so comments inside survive. */
  set(path: readonly string[], value: unknown): void {
    if (path.length === 0) throw new TypeError('Json5Document.set needs a non-empty path');
    assertJsonValue(value, path);
    let object = this.#root;
    const chain: JsonCompositeNode[] = [object];
    for (let depth = 0; depth < path.length - 1; depth++) {
      const property = findProperty(object, path[depth]!);
      if (property === undefined) {
        appendProperty(chain, path[depth]!, nest(path.slice(depth + 1), value), this.#layout);
        this.#changed = true;
        return;
      }
      if (!(property.value instanceof JsonObjectNode)) {
        throw new Json5DocumentError(
          `cannot set ${pathText(path)} in ${this.#fileName}: ${pathText(path.slice(0, depth + 1))} is ${describeNode(property.value)}, not an object`,
        );
      }
      object = property.value;
      chain.push(property, object);
    }
    if (setMember(chain, path[path.length - 1]!, value, this.#layout)) this.#changed = true;
  }

  /** Removes the value at `path` (every duplicate of the key); false when there was none. Comments around it stay. */
  delete(path: readonly string[], options: DeleteOptions = {}): boolean {
    if (path.length === 0) throw new TypeError('Json5Document.delete needs a non-empty path');
    const objects: JsonObjectNode[] = [this.#root];
    for (const key of path.slice(0, -1)) {
      const value = findProperty(objects[objects.length - 1]!, key)?.value;
      if (!(value instanceof JsonObjectNode)) return false;
      objects.push(value);
    }
    if (!deleteMember(objects[objects.length - 1]!, path[path.length - 1]!)) return false;
    this.#changed = true;
    if (options.pruneEmptyParents) pruneEmpty(objects, path);
    return true;
  }

  /**
   * Appends items to the array at `path`, laid out like the items already there (a missing array
   * is created as `set` would). Nothing before the closing bracket moves, comments included.
   */
  append(path: readonly string[], items: readonly unknown[]): void {
    if (items.length === 0) return;
    assertJsonValue(items, path);
    const chain = this.#chainTo(path);
    if (chain === undefined) {
      this.set(path, items);
      return;
    }
    const array = chain[chain.length - 1] as JsonValueNode;
    if (!(array instanceof JsonArrayNode)) {
      throw new Json5DocumentError(`cannot append to ${pathText(path)} in ${this.#fileName}: it is ${describeNode(array)}, not an array`);
    }
    for (const item of items) appendItem(chain, item as Json5Value, this.#layout);
    this.#changed = true;
  }

  /** Removes the items of the array at `path` that `remove` picks; returns how many. Comments around them stay. */
  removeItems(path: readonly string[], remove: (item: unknown) => boolean): number {
    const array = this.#find(path);
    if (!(array instanceof JsonArrayNode)) return 0;
    const doomed = membersOf(array).filter((item) => remove(toPlain(item as JsonValueNode)));
    for (const item of doomed) removeMember(array, item);
    if (doomed.length > 0) {
      collapseIfBlank(array);
      this.#changed = true;
    }
    return doomed.length;
  }

  /** The document text; the original string itself while nothing was changed. */
  toString(): string {
    return this.#changed ? printTokens(this.#root) : this.#original;
  }

  /** root, property, value, property, value … down to the value at `path`; undefined when a step is missing or not an object. */
  #chainTo(path: readonly string[]): JsonNode[] | undefined {
    const chain: JsonNode[] = [this.#root];
    let node: JsonValueNode = this.#root;
    for (const key of path) {
      if (!(node instanceof JsonObjectNode)) return undefined;
      const property = findProperty(node, key);
      if (property === undefined) return undefined;
      node = property.value;
      chain.push(property, node);
    }
    return chain;
  }

  #find(path: readonly string[]): JsonValueNode | undefined {
    return this.#chainTo(path)?.at(-1) as JsonValueNode | undefined;
  }
}

// ─── Parsing ────────────────────────────────────────────────────────────────────────────────

const { NEWLINE, WHITESPACE, LINE_COMMENT, BLOCK_COMMENT, COMMA, COLON, BRACE_LEFT, BRACE_RIGHT, BRACKET_LEFT, BRACKET_RIGHT, STRING, IDENTIFIER, NUMBER, BOOLEAN, NULL, EOF } =
  JsonTokenType;
const TRIVIA: ReadonlySet<JsonTokenType> = new Set([WHITESPACE, NEWLINE, LINE_COMMENT, BLOCK_COMMENT]);
const BOM = '\uFEFF';

function parseRoot(text: string, fileName: string): JsonObjectNode {
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
function hasContent(text: string, fileName: string): boolean {
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

function withEmptyObject(text: string): string {
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

function describeNode(node: JsonValueNode): string {
  if (node instanceof JsonObjectNode) return 'an object';
  if (node instanceof JsonArrayNode) return 'an array';
  if (node instanceof JsonPrimitiveNode) return node.value === null ? 'null' : `a ${typeof node.value}`;
  return 'a value';
}

// ─── Reading the tree ───────────────────────────────────────────────────────────────────────
// Only `children` is trusted: the library's own property lists are not updated by our splices.

function isToken(node: JsonNode | undefined, type: JsonTokenType): node is JsonTokenNode {
  return node instanceof JsonTokenNode && node.type === type;
}

function isTrivia(node: JsonNode | undefined): boolean {
  return node instanceof JsonTokenNode && TRIVIA.has(node.type);
}

function propertiesOf(object: JsonObjectNode): JsonPropertyNode[] {
  return object.children.filter((child): child is JsonPropertyNode => child instanceof JsonPropertyNode);
}

/** An object or an array: what holds entries between brackets, separated by commas. */
type Container = JsonObjectNode | JsonArrayNode;

/** The entries of a container: an object's properties, an array's items. */
function membersOf(container: Container): JsonNode[] {
  if (container instanceof JsonObjectNode) return propertiesOf(container);
  return container.children.filter((child) => child instanceof JsonValueNode);
}

function keyOf(property: JsonPropertyNode): string {
  const { key } = property;
  return key instanceof JsonIdentifierNode ? key.toJSON() : String(key.value);
}

/** The last one wins, as in JSON5.parse (and so in OpenClaw). */
function findProperty(object: JsonObjectNode, key: string): JsonPropertyNode | undefined {
  return propertiesOf(object).findLast((property) => keyOf(property) === key);
}

function toPlain(node: JsonValueNode): unknown {
  if (node instanceof JsonObjectNode) {
    const result: Record<string, unknown> = {};
    for (const property of propertiesOf(node)) {
      // defineProperty: a "__proto__" key must stay data, not become the prototype
      Object.defineProperty(result, keyOf(property), { value: toPlain(property.value), enumerable: true, writable: true, configurable: true });
    }
    return result;
  }
  if (node instanceof JsonArrayNode) {
    return node.children.filter((child): child is JsonValueNode => child instanceof JsonValueNode).map(toPlain);
  }
  if (node instanceof JsonPrimitiveNode) return node.value;
  return node.toJSON();
}

function printTokens(node: JsonNode): string {
  const parts: string[] = [];
  collectTokenText(node, parts);
  return parts.join('');
}

function collectTokenText(node: JsonNode, parts: string[]): void {
  if (node instanceof JsonTokenNode) parts.push(node.value);
  else if (node instanceof JsonCompositeNode) for (const child of node.children) collectTokenText(child, parts);
}

/** Visits the tokens before the last node of `chain` (root … node), nearest first, until `visit` returns true. */
function visitTokensBefore(chain: readonly JsonNode[], visit: (token: JsonTokenNode) => boolean): void {
  const backwards = (node: JsonNode): boolean => {
    if (node instanceof JsonTokenNode) return visit(node);
    if (!(node instanceof JsonCompositeNode)) return false;
    for (let i = node.children.length - 1; i >= 0; i--) if (backwards(node.children[i]!)) return true;
    return false;
  };
  for (let level = chain.length - 2; level >= 0; level--) {
    const parent = chain[level] as JsonCompositeNode;
    for (let i = parent.children.indexOf(chain[level + 1]!) - 1; i >= 0; i--) if (backwards(parent.children[i]!)) return;
  }
}

/** The indentation of the line on which the last node of `chain` starts. */
function lineIndent(chain: readonly JsonNode[]): string {
  let first: JsonTokenNode | undefined;
  visitTokensBefore(chain, (token) => {
    if (token.type === NEWLINE) return true;
    first = token;
    return false;
  });
  return first?.type === WHITESPACE ? leadingIndent(first.value) : '';
}

function leadingIndent(text: string): string {
  return /^[ \t]*/.exec(text.replace(BOM, ''))![0];
}

// ─── Layout: what new text should look like ─────────────────────────────────────────────────

interface DocumentLayout {
  eol: string;
  /** One level of indentation. */
  unit: string;
}

interface Style extends DocumentLayout {
  keyQuote: 'bare' | '"' | "'";
  stringQuote: '"' | "'";
  colon: ':' | ': ';
  trailingComma: boolean;
}

function detectEol(text: string): string {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** From the first entry that starts its own line, at the top level or one below; else two spaces. */
function detectIndentUnit(root: JsonObjectNode): string {
  const open = root.children[braces(root).open]!;
  const candidates: Array<{ object: JsonObjectNode; base: JsonNode[] }> = [{ object: root, base: [root, open] }];
  for (const property of propertiesOf(root)) {
    if (property.value instanceof JsonObjectNode) candidates.push({ object: property.value, base: [root, property] });
  }
  for (const { object, base } of candidates) {
    const indent = ownLineIndent(object);
    if (indent === undefined) continue;
    const baseIndent = lineIndent(base);
    if (indent.length > baseIndent.length && indent.startsWith(baseIndent)) return indent.slice(baseIndent.length);
  }
  return '  ';
}

/** Looks only at direct children, so a one-line (minified) megabyte costs one pass, not one per entry. */
function ownLineIndent(object: JsonObjectNode): string | undefined {
  const { children } = object;
  for (let i = 0; i < children.length; i++) {
    if (!(children[i] instanceof JsonPropertyNode)) continue;
    if (isToken(children[i - 1], NEWLINE)) return '';
    const before = children[i - 1];
    if (isToken(before, WHITESPACE) && isToken(children[i - 2], NEWLINE)) return leadingIndent(before.value);
  }
  return undefined;
}

/** Quoting, colon spacing and trailing commas of the nearest object (innermost first) that shows them. */
function detectStyle(chain: readonly JsonNode[], layout: DocumentLayout): Style {
  const objects = chain.filter((node): node is JsonObjectNode => node instanceof JsonObjectNode).reverse();
  const withProperties = objects.filter((object) => propertiesOf(object).length > 0);
  const sample = withProperties[0] === undefined ? undefined : propertiesOf(withProperties[0])[0];
  const keyText = sample === undefined ? '"' : printTokens(sample.key);
  const keyQuote = keyText.startsWith('"') ? '"' : keyText.startsWith("'") ? "'" : 'bare';
  const stringValue = withProperties.flatMap(propertiesOf).map((property) => property.value).find(isString) ?? firstString(chain[0]!);
  const stringQuote = stringValue !== undefined ? quoteOf(stringValue) : keyQuote === "'" ? "'" : '"';
  const colonIndex = sample?.children.findIndex((child) => isToken(child, COLON)) ?? -1;
  const colon = sample === undefined || isToken(sample.children[colonIndex + 1], WHITESPACE) ? ': ' : ':';
  const multilineSample = withProperties.find(isMultiline);
  const trailingComma = multilineSample !== undefined && hasTrailingComma(multilineSample);
  return { ...layout, keyQuote, stringQuote, colon, trailingComma };
}

function isString(node: JsonNode): node is JsonPrimitiveNode {
  return node instanceof JsonPrimitiveNode && typeof node.value === 'string';
}

/** The first string value in document order: how this file quotes, when nothing nearer says. */
function firstString(node: JsonNode): JsonPrimitiveNode | undefined {
  if (node instanceof JsonPropertyNode) return firstString(node.value);
  if (isString(node)) return node;
  if (!(node instanceof JsonCompositeNode)) return undefined;
  for (const child of node.children) {
    const found = firstString(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

function quoteOf(node: JsonNode): '"' | "'" {
  return printTokens(node).startsWith("'") ? "'" : '"';
}

function braces(object: Container): { open: number; close: number } {
  const { children } = object;
  const open = children.findIndex((child) => isToken(child, BRACE_LEFT) || isToken(child, BRACKET_LEFT));
  const close = children.findLastIndex((child) => isToken(child, BRACE_RIGHT) || isToken(child, BRACKET_RIGHT));
  return { open, close };
}

function isMultiline(object: Container): boolean {
  const { open, close } = braces(object);
  return object.children.slice(open + 1, close).some((child) => isToken(child, NEWLINE));
}

/** An object with no line break of its own follows the nearest enclosing object that has entries. */
function wantsMultiline(chain: readonly JsonNode[]): boolean {
  const objects = chain.filter((node): node is JsonObjectNode => node instanceof JsonObjectNode).reverse();
  const decisive = objects.find((object) => isMultiline(object) || propertiesOf(object).length > 0);
  return decisive === undefined || isMultiline(decisive);
}

function hasTrailingComma(object: Container): boolean {
  const last = membersOf(object).at(-1);
  return last !== undefined && commaAfter(object.children, object.children.indexOf(last)) >= 0;
}

/** Index of the comma that ends the entry at `index` (comments may sit between), or -1. */
function commaAfter(children: readonly JsonNode[], index: number): number {
  let next = index + 1;
  while (isTrivia(children[next])) next++;
  return isToken(children[next], COMMA) ? next : -1;
}

// ─── Rendering new values ───────────────────────────────────────────────────────────────────

function renderValue(value: Json5Value, indent: string, multiline: boolean, style: Style): string {
  if (value === null || typeof value !== 'object') return renderScalar(value, style.stringQuote);
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

function renderScalar(value: string | number | boolean | null, quote: '"' | "'"): string {
  if (typeof value === 'string') return renderString(value, quote);
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  return JSON.stringify(value);
}

function renderKey(key: string, style: Style): string {
  if (style.keyQuote === 'bare' && /^[A-Za-z_$][\w$]*$/.test(key) && !isReserved(key)) return key;
  return renderString(key, style.keyQuote === 'bare' ? style.stringQuote : style.keyQuote);
}

function renderString(value: string, quote: '"' | "'"): string {
  const json = jsonString(value);
  if (quote === '"') return json;
  // `"` stays escaped: the library cannot read a raw `"` inside single quotes
  return `'${json.slice(1, -1).replace(/'/g, "\\'")}'`;
}

/** JSON.stringify leaves U+2028/2029 raw, which the library's lexer does not accept inside strings. */
function jsonString(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function nest(path: readonly string[], value: Json5Value): Json5Value {
  return path.reduceRight<Json5Value>((inner, key) => ({ [key]: inner }), value);
}

function whitespace(value: string): JsonTokenNode[] {
  return value === '' ? [] : [new JsonTokenNode({ type: WHITESPACE, value })];
}

function punctuation(type: JsonTokenType, value: string): JsonTokenNode {
  return new JsonTokenNode({ type, value });
}

// ─── Editing ────────────────────────────────────────────────────────────────────────────────
// `chain` is always root … object: the path of nodes down to the object being edited.

/** Returns whether anything changed; setting a value already there leaves its text alone (hex stays hex). */
function setMember(chain: readonly JsonNode[], key: string, value: Json5Value, layout: DocumentLayout): boolean {
  const object = chain[chain.length - 1] as JsonObjectNode;
  const property = findProperty(object, key);
  if (property === undefined) {
    appendProperty(chain, key, value, layout);
    return true;
  }
  const current = property.value;
  if (current instanceof JsonObjectNode && isPlainObject(value)) return mergeObject([...chain, property, current], value, layout);
  if (sameValue(toPlain(current), value)) return false;
  replaceValue([...chain, property], value, layout);
  return true;
}

function mergeObject(chain: readonly JsonNode[], value: { [key: string]: Json5Value }, layout: DocumentLayout): boolean {
  const object = chain[chain.length - 1] as JsonObjectNode;
  let changed = false;
  for (const [key, item] of Object.entries(value)) changed = setMember(chain, key, item, layout) || changed;
  for (const key of new Set(propertiesOf(object).map(keyOf))) {
    if (!Object.hasOwn(value, key)) changed = deleteMember(object, key) || changed;
  }
  return changed;
}

function replaceValue(chain: readonly JsonNode[], value: Json5Value, layout: DocumentLayout): void {
  const property = chain[chain.length - 1] as JsonPropertyNode;
  const style = detectStyle(chain, layout);
  // A string keeps the quotes it had.
  if (isString(property.value)) style.stringQuote = quoteOf(property.value);
  const text = renderValue(value, lineIndent(chain), wantsMultiline(chain.slice(0, -1)), style);
  const node = JsonParser.parse(text);
  property.children[property.children.indexOf(property.value)] = node;
  property.value = node;
}

/** New keys go at the end of the object, after any comment lines that close it. */
function appendProperty(chain: readonly JsonNode[], key: string, value: Json5Value, layout: DocumentLayout): void {
  const object = chain[chain.length - 1] as JsonObjectNode;
  const style = detectStyle(chain, layout);
  const properties = propertiesOf(object);
  const multiline = properties.length > 0 ? isMultiline(object) : wantsMultiline(chain);
  const last = properties.at(-1);
  const indent = last !== undefined ? lineIndent([...chain, last]) : lineIndent([...chain, object.children[braces(object).open]!]) + style.unit;
  const text = `${renderKey(key, style)}${style.colon}${renderValue(value, indent, multiline, style)}`;
  const property = propertiesOf(JsonParser.parse(`{${text}}`, JsonObjectNode))[0]!;
  if (multiline) appendOnOwnLine(chain, property, indent, style);
  else appendInline(object, property, style);
}

/** An item goes after the last one, looking like it: an object on one line stays on one line. */
function appendItem(chain: readonly JsonNode[], value: Json5Value, layout: DocumentLayout): void {
  const array = chain[chain.length - 1] as JsonArrayNode;
  const last = membersOf(array).at(-1);
  const style = detectStyle(last === undefined ? chain : [...chain, last], layout);
  const multiline = last !== undefined ? isMultiline(array) : wantsMultiline(chain);
  if (last !== undefined) style.trailingComma = hasTrailingComma(array);
  const indent = last !== undefined ? lineIndent([...chain, last]) : lineIndent([...chain, array.children[braces(array).open]!]) + style.unit;
  const spread = last instanceof JsonObjectNode ? isMultiline(last) : multiline;
  const item = JsonParser.parse(renderValue(value, indent, spread, style));
  if (last instanceof JsonObjectNode && item instanceof JsonObjectNode && !spread) padBracesLike(item, last);
  if (multiline) appendOnOwnLine(chain, item, indent, style);
  else appendInline(array, item, style);
}

/** `{a: 1}` or `{ a: 1 }`: a new one-line object pads its braces as its neighbour does. */
function padBracesLike(object: JsonObjectNode, sample: JsonObjectNode): void {
  const padded = (node: JsonObjectNode) => isToken(node.children[braces(node).open + 1], WHITESPACE);
  if (padded(object) === padded(sample)) return;
  const { children } = object;
  const { open, close } = braces(object);
  if (padded(sample)) {
    children.splice(close, 0, ...whitespace(' '));
    children.splice(open + 1, 0, ...whitespace(' '));
    return;
  }
  if (isToken(children[close - 1], WHITESPACE)) children.splice(close - 1, 1);
  if (isToken(children[open + 1], WHITESPACE)) children.splice(open + 1, 1);
}

function appendOnOwnLine(chain: readonly JsonNode[], property: JsonNode, indent: string, style: Style): void {
  const object = chain[chain.length - 1] as Container;
  const { children } = object;
  const { open, close } = braces(object);
  const last = membersOf(object).at(-1);
  let at = close;
  while (isToken(children[at - 1], WHITESPACE)) at--;
  const entry = [punctuation(NEWLINE, style.eol), ...whitespace(indent), property, ...(style.trailingComma ? [punctuation(COMMA, ',')] : [])];
  if (at - 1 > open && isToken(children[at - 1], NEWLINE)) {
    children.splice(at - 1, 0, ...entry);
  } else if (last === undefined) {
    // `{}` opens up: the closing brace moves to its own line, under the line that opened it
    const closingIndent = lineIndent([...chain, children[open]!]);
    children.splice(at, close - at, ...entry, punctuation(NEWLINE, style.eol), ...whitespace(closingIndent));
  } else {
    children.splice(at, 0, ...entry);
  }
  if (last !== undefined && commaAfter(children, children.indexOf(last)) < 0) children.splice(children.indexOf(last) + 1, 0, punctuation(COMMA, ','));
}

function appendInline(object: Container, property: JsonNode, style: Style): void {
  const { children } = object;
  const { open, close } = braces(object);
  const space = isToken(children[open + 1], WHITESPACE) || style.colon === ': ' ? ' ' : '';
  const last = membersOf(object).at(-1);
  if (last === undefined) {
    let at = close;
    while (isToken(children[at - 1], WHITESPACE)) at--;
    children.splice(at, close - at, ...whitespace(space), property, ...whitespace(space));
    return;
  }
  const index = children.indexOf(last);
  const comma = commaAfter(children, index);
  if (comma >= 0) children.splice(comma + 1, 0, ...whitespace(space), property, punctuation(COMMA, ','));
  else children.splice(index + 1, 0, punctuation(COMMA, ','), ...whitespace(space), property);
}

function deleteMember(object: JsonObjectNode, key: string): boolean {
  let removed = false;
  for (let property = findProperty(object, key); property !== undefined; property = findProperty(object, key)) {
    removeMember(object, property);
    removed = true;
  }
  if (removed) collapseIfBlank(object);
  return removed;
}

/**
 * Takes out the entry, its comma (or, for a last entry without one, the comma before it, so a
 * file without trailing commas keeps none) and the line it stood on when nothing else is on it.
 * Comments are never removed: a comment after the entry stays on its line.
 */
function removeMember(object: Container, property: JsonNode): void {
  const { children } = object;
  const start = children.indexOf(property);
  const gone = new Set([start]);
  const ownComma = commaAfter(children, start);
  if (ownComma >= 0) gone.add(ownComma);
  else dropPreviousComma(object, property, gone);
  let lineFrom = start;
  while (isToken(children[lineFrom - 1], WHITESPACE)) lineFrom--;
  const startsLine = isToken(children[lineFrom - 1], NEWLINE);
  let next = start + 1;
  while (gone.has(next) || isToken(children[next], WHITESPACE)) next++;
  const following = children[next];
  const endsLine = isToken(following, NEWLINE) || isToken(following, BRACE_RIGHT) || isToken(following, BRACKET_RIGHT);
  if (startsLine && isToken(following, NEWLINE)) addRange(gone, lineFrom, next + 1); // the whole line
  else if (startsLine && endsLine) addRange(gone, lineFrom - 1, start); // `}` joins the line above
  else if (endsLine) addRange(gone, lineFrom, start); // last on its line: the space before it
  else addRange(gone, start + 1, next); // the space before what follows (a comment after it moves left)
  keepLineCommentsEnded(children, gone);
  const kept = children.filter((_, index) => !gone.has(index));
  children.splice(0, children.length, ...kept);
}

function dropPreviousComma(object: Container, property: JsonNode, gone: Set<number>): void {
  const properties = membersOf(object);
  const previous = properties[properties.indexOf(property) - 1];
  if (previous === undefined) return;
  const { children } = object;
  const comma = commaAfter(children, children.indexOf(previous));
  if (comma < 0) return;
  gone.add(comma);
  // `a: 1, b: 2` loses ", "; a comma that ends a line keeps what follows it (a comment, say)
  let next = comma + 1;
  while (isToken(children[next], WHITESPACE)) next++;
  if (children[next] === property) addRange(gone, comma + 1, next);
}

/** A `// comment` must keep the line break after it, or it would swallow whatever comes next. */
function keepLineCommentsEnded(children: readonly JsonNode[], gone: Set<number>): void {
  let previousKept: JsonNode | undefined;
  children.forEach((child, index) => {
    if (gone.has(index) && isToken(child, NEWLINE) && isToken(previousKept, LINE_COMMENT)) gone.delete(index);
    if (!gone.has(index)) previousKept = child;
  });
}

function addRange(set: Set<number>, from: number, to: number): void {
  for (let i = from; i < to; i++) set.add(i);
}

/** An object (or array) left with only blanks between its brackets prints as `{}` (`[]`). */
function collapseIfBlank(object: Container): void {
  const { open, close } = braces(object);
  const inside = object.children.slice(open + 1, close);
  if (inside.length > 0 && inside.every((child) => isToken(child, WHITESPACE) || isToken(child, NEWLINE))) {
    object.children.splice(open + 1, close - open - 1);
  }
}

function isEmptyAndUncommented(object: JsonObjectNode): boolean {
  return object.children.every((child) => !(child instanceof JsonPropertyNode) && !isToken(child, LINE_COMMENT) && !isToken(child, BLOCK_COMMENT));
}

/** `objects` is root … the object the deletion happened in; `path` the deleted path. */
function pruneEmpty(objects: readonly JsonObjectNode[], path: readonly string[]): void {
  for (let depth = objects.length - 1; depth > 0; depth--) {
    if (!isEmptyAndUncommented(objects[depth]!)) return;
    deleteMember(objects[depth - 1]!, path[depth - 1]!);
  }
}

// ─── Values ─────────────────────────────────────────────────────────────────────────────────

function isPlainObject(value: unknown): value is { [key: string]: Json5Value } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Names the place, never the value: the value is often a key. */
function assertJsonValue(value: unknown, path: readonly string[], seen = new Set<unknown>()): asserts value is Json5Value {
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

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]));
  }
  return false;
}

/** `models.providers["my.provider"]`: how a path reads in a message. */
function pathText(path: readonly string[]): string {
  return path.map((key, i) => (/^[A-Za-z_$][\w$-]*$/.test(key) ? `${i === 0 ? '' : '.'}${key}` : `[${JSON.stringify(key)}]`)).join('');
}
