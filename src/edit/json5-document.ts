// Lossless editing of a hand-written JSON5 file — OpenClaw's openclaw.json, and any assistant's
// JSON or JSONC config (both are JSON5 subsets): read, set and delete values by path while every
// comment, quote, comma and line break the user wrote stays as it was.
//
// @croct/json5-parser does the lexing and parsing (a concrete syntax tree of every token, with
// line/column errors). Its own editing API is not used: its toString() re-derives the layout of
// the whole document on every print, which re-wraps untouched lines (`a: 1, b: 2` on one line
// comes back split) and takes seconds on a 1 MB file. Here edits splice tokens into the tree and
// printing just concatenates the tokens, so whatever was not edited prints byte for byte.
// The class is the whole API; its parts live in json5/ by job: parse.ts reads text into the tree,
// tree.ts and layout.ts read the tree, render.ts writes new values, edit.ts splices them in.
import { JsonArrayNode, JsonObjectNode, type JsonCompositeNode, type JsonNode, type JsonValueNode } from '@croct/json5-parser';
import { appendItem, appendProperty, collapseIfBlank, deleteMember, pruneEmpty, removeMember, setMember } from './json5/edit.ts';
import { Json5DocumentError } from './json5/errors.ts';
import { type DocumentLayout, detectEol, detectIndentUnit } from './json5/layout.ts';
import { hasContent, parseRoot, withEmptyObject } from './json5/parse.ts';
import { nest } from './json5/render.ts';
import { describeNode, findProperty, membersOf, printTokens, toPlain } from './json5/tree.ts';
import { type Json5Value, assertJsonValue, pathText } from './json5/values.ts';

export { Json5DocumentError, Json5SyntaxError } from './json5/errors.ts';
export type { Json5Value } from './json5/values.ts';

export interface ParseOptions {
  /** How new strings are written so the program that reads the file takes them literally (DocumentLayout.escapeString). */
  escapeString?: (json: string) => string;
}

export interface SetOptions {
  /** Write the strings as they are, without `escapeString`: a reference the program should substitute, on purpose. */
  verbatim?: boolean;
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

  private constructor(original: string, fileName: string, root: JsonObjectNode, options: ParseOptions) {
    this.#original = original;
    this.#fileName = fileName;
    this.#root = root;
    this.#layout = { eol: detectEol(original), unit: detectIndentUnit(root), ...(options.escapeString ? { escapeString: options.escapeString } : {}) };
  }

  /** An empty or comments-only file counts as `{}`; the comments stay when keys are added. */
  static parse(text: string, fileName: string, options: ParseOptions = {}): Json5Document {
    try {
      const root = hasContent(text, fileName) ? parseRoot(text, fileName) : parseRoot(withEmptyObject(text), fileName);
      return new Json5Document(text, fileName, root, options);
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
  set(path: readonly string[], value: unknown, options: SetOptions = {}): void {
    if (path.length === 0) throw new TypeError('Json5Document.set needs a non-empty path');
    assertJsonValue(value, path);
    const layout: DocumentLayout = options.verbatim ? { eol: this.#layout.eol, unit: this.#layout.unit } : this.#layout;
    let object = this.#root;
    const chain: JsonCompositeNode[] = [object];
    for (let depth = 0; depth < path.length - 1; depth++) {
      const property = findProperty(object, path[depth]!);
      if (property === undefined) {
        appendProperty(chain, path[depth]!, nest(path.slice(depth + 1), value), layout);
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
    if (setMember(chain, path[path.length - 1]!, value, layout)) this.#changed = true;
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
