// OpenClaw's default model, the one rule for reading and writing it: `agents.defaults.model` is
// either "provider/id" or { primary: "provider/id" }; an empty string counts as none.
const MODEL = ['agents', 'defaults', 'model'];

/** Where the default model is written in a config (`agents.defaults.model` or its `.primary`), and what it is. */
export interface DefaultModelSlot {
  path: string[];
  value: string | undefined;
}

/** `read(path)` gives the value at a path of the config (Json5Document#get, or a plain object's). */
export function defaultModelSlot(read: (path: readonly string[]) => unknown): DefaultModelSlot {
  const path = typeof read(MODEL) === 'string' ? MODEL : [...MODEL, 'primary'];
  const value = read(path);
  return { path, value: typeof value === 'string' && value !== '' ? value : undefined };
}

/** The default model of a parsed (plain) config. */
export function defaultModelOf(config: Record<string, unknown>): string | undefined {
  return defaultModelSlot((path) => path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined), config)).value;
}
