// Editing the tree: token splices that leave every untouched byte as it was.
import {
  JsonArrayNode,
  JsonObjectNode,
  JsonParser,
  JsonPropertyNode,
  type JsonNode,
} from '@croct/json5-parser';
import { type DocumentLayout, type Style, braces, commaAfter, detectStyle, hasTrailingComma, isMultiline, isString, quoteOf, wantsMultiline } from './layout.ts';
import { punctuation, renderKey, renderValue, whitespace } from './render.ts';
import { BLOCK_COMMENT, BRACE_RIGHT, BRACKET_RIGHT, COMMA, type Container, LINE_COMMENT, NEWLINE, WHITESPACE, findProperty, isToken, keyOf, lineIndent, membersOf, propertiesOf, toPlain } from './tree.ts';
import { type Json5Value, isPlainObject, sameValue } from './values.ts';

// `chain` is always root … object: the path of nodes down to the object being edited.

/** Returns whether anything changed; setting a value already there leaves its text alone (hex stays hex). */
export function setMember(chain: readonly JsonNode[], key: string, value: Json5Value, layout: DocumentLayout): boolean {
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
export function appendProperty(chain: readonly JsonNode[], key: string, value: Json5Value, layout: DocumentLayout): void {
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
export function appendItem(chain: readonly JsonNode[], value: Json5Value, layout: DocumentLayout): void {
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

export function deleteMember(object: JsonObjectNode, key: string): boolean {
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
export function removeMember(object: Container, property: JsonNode): void {
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
export function collapseIfBlank(object: Container): void {
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
export function pruneEmpty(objects: readonly JsonObjectNode[], path: readonly string[]): void {
  for (let depth = objects.length - 1; depth > 0; depth--) {
    if (!isEmptyAndUncommented(objects[depth]!)) return;
    deleteMember(objects[depth - 1]!, path[depth - 1]!);
  }
}
