// The names of the assistants ollm hands keys to, in the order of the list (composition/assistants.ts,
// which checks that its assistants carry exactly these). Apart from that list because the names
// alone (`--for`'s choices) must not load every assistant: `key info` only needs the name.
/** The first is the default (no `--for`). */
export const ASSISTANT_NAMES: readonly string[] = ['openclaw', 'claude-code', 'codex', 'pi', 'opencode'];
