// Strings ollm writes into OpenClaw's config. OpenClaw substitutes `${NAME}` (NAME matching
// [A-Z_][A-Z0-9_]*) in every string of its config, model ids and base URLs included, and reads
// `$${NAME}` as a literal `${NAME}`. A string from elsewhere (a proxy's model id, a key the proxy
// chose) written as is would make OpenClaw send its own environment (`${GITHUB_TOKEN}`) wherever
// the string goes. So every such string goes through `openClawLiteral`, and what ollm reads back
// to compare with the proxy's answer goes through `fromOpenClawLiteral`. The one reference ollm
// means (`${LITELLM_API_KEY}`) is written on purpose, without this.
//
// The rules mirror OpenClaw 2026.9.6 (src/config/env-substitution.ts): a `$` before a `${NAME}`
// token makes it literal, whatever precedes it, so `$${X}` is kept as `$$${X}`.

// A `${NAME}` token exactly as OpenClaw finds one: the name ends at the first `}`.
const TOKEN = /\$\{(?=[A-Z_][A-Z0-9_]*\})/g;
const ESCAPED = /\$\$\{([A-Z_][A-Z0-9_]*)\}/g;

/** `text` as OpenClaw must see it to read back exactly `text`. */
export function openClawLiteral(text: string): string {
  return text.replace(TOKEN, () => '$${');
}

/** The string OpenClaw reads from a config value, without substituting anything. */
export function fromOpenClawLiteral(value: string): string {
  return value.replace(ESCAPED, (_match, name: string) => `\${${name}}`);
}

