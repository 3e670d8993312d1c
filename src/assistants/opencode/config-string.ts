// Strings ollm writes into OpenCode's config. OpenCode 1.18 substitutes `{env:NAME}` and
// `{file:path}` in the RAW TEXT of the file before it parses it (config/variable.ts: the regexes
// /\{env:([^}]+)\}/g and /\{file:[^}]+\}/g over the whole text, keys and values alike; only a
// `{file:}` on a `//` line is skipped). A model id or proxy URL holding `{file:~/.ssh/id_rsa}`
// written as is would make OpenCode read that file into the config, and `{env:GITHUB_TOKEN}`
// would send a secret wherever the string goes.
//
// There is no escape in OpenCode's syntax, but JSON has one: a string may spell `{` as `\u007b`.
// The raw text then holds no `{env:` or `{file:` for OpenCode to find, and the JSONC parser that
// runs afterwards reads `{` back. So every string ollm writes (keys too) is written with each `{`
// as `\u007b`; the one reference ollm means, `{env:OLLM_OPENCODE_API_KEY}`, is written verbatim.

/** The JSON text of a string (quotes included) with every `{` spelled `\u007b`. */
export function openCodeLiteralJson(json: string): string {
  return json.replace(/\{/g, '\\u007b');
}

/** Whether OpenCode would substitute something in this raw text. */
export function hasSubstitution(text: string): boolean {
  return /\{env:[^}]+\}|\{file:[^}]+\}/.test(text);
}
