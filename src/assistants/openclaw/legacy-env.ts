// Moves OpenClaw's legacy flat env keys (`env: { ANTHROPIC_API_KEY: "…" }`) into `env.vars`,
// the only place OpenClaw 2026.9 accepts them (its strict schema rejects the flat form).
import type { Json5Document } from '../../edit/json5-document.ts';

/** The keys `env` may hold besides the legacy flat variables; `$include` is OpenClaw's, not a variable. */
const ENV_KEYS: ReadonlySet<string> = new Set(['vars', 'shellEnv', '$include']);

/**
 * Returns the names taken out of the flat form, in file order. A name already set in `env.vars`
 * keeps that value (the flat duplicate is dropped but still listed: it is gone from `env` too).
 * Non-string flat values are left where they are; they are not variables ollm can move.
 */
export function migrateLegacyEnv(doc: Json5Document): string[] {
  const env = doc.get(['env']);
  if (env === null || typeof env !== 'object' || Array.isArray(env)) return [];
  const moved: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (ENV_KEYS.has(name) || typeof value !== 'string') continue;
    if (doc.get(['env', 'vars', name]) === undefined) doc.set(['env', 'vars', name], value);
    doc.delete(['env', name]);
    moved.push(name);
  }
  return moved;
}
