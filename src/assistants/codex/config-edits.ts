// The edits ollm makes to Codex's config.toml, losslessly: every other setting, comment and blank
// line stays as it was. Writing goes through @decimalturn/toml-patch's patch() (the library writes
// every TOML string, so a hostile proxy URL, alias or path is escaped by TOML's own rules).
// Removing does not: patch() drops a user's comment that sits directly above a removed entry (it
// "owns" it), so ollm cuts exactly the lines of its own entries, found by the library's parser.
import { parseDocument, patch } from '@decimalturn/toml-patch';
import { pointsAtProxy } from '../../config/proxy-url.ts';
import { parseToml } from './config-file.ts';

/** How the provider ollm writes gets its key. */
export type ProviderAuth =
  | { kind: 'helper'; command: string; args: string[]; timeoutMs: number; refreshIntervalMs: number }
  | { kind: 'env'; variable: string }
  | { kind: 'file'; secret: string };

export interface PlaceProvider {
  id: string;
  name: string;
  /** The proxy's root; Codex gets `<root>/v1`. */
  proxyBase: string;
  auth: ProviderAuth;
  /** Make it Codex's `model_provider` even where another one is chosen. */
  select: boolean;
}

export interface Placed {
  text: string;
  /** Codex's `model_provider` is ollm's now. */
  selected: boolean;
  /** The `model_provider` the config chose and kept (when not selected). */
  other: string | null;
}

/** The keys of a provider block that carry its key: a style writes one and removes the others. */
const AUTH_KEYS = ['auth', 'env_key', 'experimental_bearer_token'] as const;

type Table = Record<string, unknown>;
const isTable = (value: unknown): value is Table => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** `base_url` of the provider: the proxy's OpenAI-compatible root. */
export function providerBaseUrl(proxyBase: string): string {
  return `${proxyBase.replace(/\/+$/, '')}/v1`;
}

/** Write (or update) `[model_providers.<id>]` and, unless another provider is chosen, `model_provider`. */
export function placeProvider(text: string, file: string, place: PlaceProvider): Placed {
  const data = parseToml(text, file);
  const updated: Table = structuredClone(data);
  const providers: Table = isTable(updated.model_providers) ? updated.model_providers : {};
  const previous: Table = isTable(providers[place.id]) ? providers[place.id] as Table : {};
  const block: Table = { ...previous, name: place.name, base_url: providerBaseUrl(place.proxyBase), wire_api: 'responses' };
  for (const key of AUTH_KEYS) delete block[key];
  // Codex refuses a provider whose auth command is combined with these.
  delete block.requires_openai_auth;
  if (place.auth.kind === 'helper') {
    block.auth = { command: place.auth.command, args: place.auth.args, timeout_ms: place.auth.timeoutMs, refresh_interval_ms: place.auth.refreshIntervalMs };
  } else if (place.auth.kind === 'env') {
    block.env_key = place.auth.variable;
  } else {
    block.experimental_bearer_token = place.auth.secret;
  }
  providers[place.id] = block;
  updated.model_providers = providers;

  const current = typeof data.model_provider === 'string' ? data.model_provider : null;
  const selected = current === null || current === place.id || place.select;
  if (selected) updated.model_provider = place.id;
  // Sections, never inline tables, for what ollm adds: `[model_providers.ollm]` reads like the docs.
  const written = patch(text, updated, { inlineTableStart: 16 });
  return { text: written, selected, other: selected ? null : current };
}

interface Span { start: number; end: number }

/**
 * Take out what ollm wrote: `[model_providers.<id>]` (with `.auth`), in any spelling, and
 * `model_provider = "<id>"`, when the block is still ollm's (`isOurs`). Null when nothing was
 * there to take out. Every other line stays byte for byte.
 */
export function removeProvider(text: string, file: string, id: string, isOurs: (block: Table) => boolean): { text: string; removed: string[] } | null {
  const data = parseToml(text, file);
  const providers = isTable(data.model_providers) ? data.model_providers : {};
  const block = providers[id];
  const ours = isTable(block) && isOurs(block);
  const removesSelection = data.model_provider === id;
  if (!ours && !(removesSelection && block === undefined)) return null;

  const spans: Span[] = [];
  const removed: string[] = [];
  const lineSpan = (node: { loc: { start: { line: number }; end: { line: number } } }): Span => ({ start: node.loc.start.line, end: node.loc.end.line });
  const startsWith = (key: readonly string[], prefix: readonly string[]) => prefix.every((part, i) => key[i] === part);
  let emptyProvidersTable: Span | null = null;
  for (const node of parseDocument(text).cst) {
    if (node.type === 'KeyValue') {
      if (node.key.value.length === 1 && node.key.value[0] === 'model_provider' && removesSelection) spans.push(lineSpan(node));
      else if (ours && startsWith(node.key.value, ['model_providers', id])) spans.push(lineSpan(node));
    } else if (node.type === 'Table') {
      const key = node.key.item.value;
      if (ours && startsWith(key, ['model_providers', id])) spans.push(lineSpan(node));
      else if (key.length === 1 && key[0] === 'model_providers') {
        const own = node.items.filter((item) => item.type === 'KeyValue' && ours && item.key.value[0] === id);
        spans.push(...own.map(lineSpan));
        if (node.items.filter((item) => item.type === 'KeyValue').length === own.length) emptyProvidersTable = lineSpan(node);
      }
    }
  }
  if (ours) removed.push(`[model_providers.${id}]`);
  if (removesSelection) removed.push(`model_provider = "${id}"`);
  // The `[model_providers]` header patch() added with ollm's block goes too, once nothing else is under it.
  const others = Object.keys(providers).filter((name) => name !== id);
  if (ours && emptyProvidersTable && others.length === 0) spans.push({ start: (emptyProvidersTable as Span).start, end: (emptyProvidersTable as Span).start });

  const lines = text.split('\n');
  const drop = new Set<number>();
  for (const span of spans) for (let line = span.start; line <= span.end; line++) drop.add(line - 1);
  // A table's blank separator line goes with it when the next line is blank too (or the end).
  for (const span of spans) {
    const before = span.start - 2;
    let after = span.end;
    while (drop.has(after)) after++;
    if (before >= 0 && lines[before]!.trim() === '' && !drop.has(before) && (after >= lines.length || lines[after]!.trim() === '')) drop.add(before);
    // At the top of the file, the blank line patch() put after ollm's line goes with it.
    else if (before < 0 && after < lines.length && lines[after]!.trim() === '') drop.add(after);
  }
  const kept = lines.filter((_, index) => !drop.has(index));
  let result = kept.join('\n');
  if (result.trim() === '') result = '';
  // What remains must read as the same config minus ollm's entries, or nothing is written.
  const check = parseToml(result, file);
  if (ours && isTable(check.model_providers) && id in check.model_providers) return null;
  return { text: result, removed };
}

/** Whether this provider block was written by ollm for this proxy (any style). */
export function blockPointsAt(block: Table, proxyBase: string): boolean {
  return typeof block.base_url === 'string' && pointsAtProxy(block.base_url, proxyBase);
}
