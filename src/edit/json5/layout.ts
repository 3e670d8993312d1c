// Layout: what new text should look like, read from the text around the edit.
import {
  JsonCompositeNode,
  JsonObjectNode,
  JsonPrimitiveNode,
  JsonPropertyNode,
  type JsonNode,
} from '@croct/json5-parser';
import { BRACE_LEFT, BRACE_RIGHT, BRACKET_LEFT, BRACKET_RIGHT, COLON, COMMA, type Container, NEWLINE, WHITESPACE, isToken, isTrivia, leadingIndent, lineIndent, membersOf, printTokens, propertiesOf } from './tree.ts';


export interface DocumentLayout {
  eol: string;
  /** One level of indentation. */
  unit: string;
  /**
   * Rewrites the JSON text of every new string (keys and values, quotes included) to stay literal
   * for a program that substitutes in the raw file (OpenCode's `{env:…}`); must keep the decoded value.
   */
  escapeString?: (json: string) => string;
}

export interface Style extends DocumentLayout {
  keyQuote: 'bare' | '"' | "'";
  stringQuote: '"' | "'";
  colon: ':' | ': ';
  trailingComma: boolean;
}

export function detectEol(text: string): string {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** From the first entry that starts its own line, at the top level or one below; else two spaces. */
export function detectIndentUnit(root: JsonObjectNode): string {
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
export function detectStyle(chain: readonly JsonNode[], layout: DocumentLayout): Style {
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

export function isString(node: JsonNode): node is JsonPrimitiveNode {
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

export function quoteOf(node: JsonNode): '"' | "'" {
  return printTokens(node).startsWith("'") ? "'" : '"';
}

export function braces(object: Container): { open: number; close: number } {
  const { children } = object;
  const open = children.findIndex((child) => isToken(child, BRACE_LEFT) || isToken(child, BRACKET_LEFT));
  const close = children.findLastIndex((child) => isToken(child, BRACE_RIGHT) || isToken(child, BRACKET_RIGHT));
  return { open, close };
}

export function isMultiline(object: Container): boolean {
  const { open, close } = braces(object);
  return object.children.slice(open + 1, close).some((child) => isToken(child, NEWLINE));
}

/** An object with no line break of its own follows the nearest enclosing object that has entries. */
export function wantsMultiline(chain: readonly JsonNode[]): boolean {
  const objects = chain.filter((node): node is JsonObjectNode => node instanceof JsonObjectNode).reverse();
  const decisive = objects.find((object) => isMultiline(object) || propertiesOf(object).length > 0);
  return decisive === undefined || isMultiline(decisive);
}

export function hasTrailingComma(object: Container): boolean {
  const last = membersOf(object).at(-1);
  return last !== undefined && commaAfter(object.children, object.children.indexOf(last)) >= 0;
}

/** Index of the comma that ends the entry at `index` (comments may sit between), or -1. */
export function commaAfter(children: readonly JsonNode[], index: number): number {
  let next = index + 1;
  while (isTrivia(children[next])) next++;
  return isToken(children[next], COMMA) ? next : -1;
}
