// Reading @croct/json5-parser's concrete syntax tree: tokens, properties, plain values, indentation.
import {
  JsonArrayNode,
  JsonCompositeNode,
  JsonIdentifierNode,
  JsonObjectNode,
  JsonPrimitiveNode,
  JsonPropertyNode,
  JsonTokenNode,
  JsonTokenType,
  JsonValueNode,
  type JsonNode,
} from '@croct/json5-parser';

export const { NEWLINE, WHITESPACE, LINE_COMMENT, BLOCK_COMMENT, COMMA, COLON, BRACE_LEFT, BRACE_RIGHT, BRACKET_LEFT, BRACKET_RIGHT, STRING, IDENTIFIER, NUMBER, BOOLEAN, NULL, EOF } =
  JsonTokenType;
export const TRIVIA: ReadonlySet<JsonTokenType> = new Set([WHITESPACE, NEWLINE, LINE_COMMENT, BLOCK_COMMENT]);
export const BOM = '\uFEFF';

// Only `children` is trusted: the library's own property lists are not updated by our splices.

export function isToken(node: JsonNode | undefined, type: JsonTokenType): node is JsonTokenNode {
  return node instanceof JsonTokenNode && node.type === type;
}

export function isTrivia(node: JsonNode | undefined): boolean {
  return node instanceof JsonTokenNode && TRIVIA.has(node.type);
}

export function propertiesOf(object: JsonObjectNode): JsonPropertyNode[] {
  return object.children.filter((child): child is JsonPropertyNode => child instanceof JsonPropertyNode);
}

/** An object or an array: what holds entries between brackets, separated by commas. */
export type Container = JsonObjectNode | JsonArrayNode;

/** The entries of a container: an object's properties, an array's items. */
export function membersOf(container: Container): JsonNode[] {
  if (container instanceof JsonObjectNode) return propertiesOf(container);
  return container.children.filter((child) => child instanceof JsonValueNode);
}

export function keyOf(property: JsonPropertyNode): string {
  const { key } = property;
  return key instanceof JsonIdentifierNode ? key.toJSON() : String(key.value);
}

/** The last one wins, as in JSON5.parse (and so in OpenClaw). */
export function findProperty(object: JsonObjectNode, key: string): JsonPropertyNode | undefined {
  return propertiesOf(object).findLast((property) => keyOf(property) === key);
}

export function toPlain(node: JsonValueNode): unknown {
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

export function printTokens(node: JsonNode): string {
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
export function lineIndent(chain: readonly JsonNode[]): string {
  let first: JsonTokenNode | undefined;
  visitTokensBefore(chain, (token) => {
    if (token.type === NEWLINE) return true;
    first = token;
    return false;
  });
  return first?.type === WHITESPACE ? leadingIndent(first.value) : '';
}

export function leadingIndent(text: string): string {
  return /^[ \t]*/.exec(text.replace(BOM, ''))![0];
}

export function describeNode(node: JsonValueNode): string {
  if (node instanceof JsonObjectNode) return 'an object';
  if (node instanceof JsonArrayNode) return 'an array';
  if (node instanceof JsonPrimitiveNode) return node.value === null ? 'null' : `a ${typeof node.value}`;
  return 'a value';
}
