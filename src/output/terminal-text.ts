// Text for a person's terminal. Strings from outside (a proxy's aliases, model names, statuses and
// error messages, a config's values) can carry control sequences that a terminal obeys: move the
// cursor to fake a ✓ line, set the window title, write the clipboard (OSC 52), or reorder what is
// shown (bidi controls). Everything ollm prints for people passes through `terminalText` on its
// way out (run-command.ts, Ctx.warn/debug, progress, prompts), which keeps only what ollm itself
// writes: line breaks, tabs and colour (SGR) sequences. Every other control character becomes a
// visible escape such as `\u001b`, so a hostile string shows what it is instead of acting.
//
// JSON output is different: it must keep the data exact. `jsonText` only writes the characters a
// terminal could act on as JSON escapes, which any JSON parser reads back as the same string.

// C0 (but \t and \n), DEL, C1, and the bidi embedding/override/isolate/mark controls.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// ollm's own colours: ESC [ digits and semicolons m (what chalk writes), and nothing else.
const SGR = /\u001b\[[0-9;]*m/y;

const visible = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text ready for a terminal: colours, line breaks and tabs kept, every other control made visible. */
export function terminalText(text: string): string {
  let out = '';
  let last = 0;
  UNSAFE.lastIndex = 0;
  for (let match = UNSAFE.exec(text); match; match = UNSAFE.exec(text)) {
    const at = match.index;
    if (match[0] === '\u001b') {
      SGR.lastIndex = at;
      if (SGR.test(text)) {
        UNSAFE.lastIndex = SGR.lastIndex;
        continue;
      }
    }
    out += text.slice(last, at) + visible(match[0]);
    last = at + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * One value from outside shown inside a line of ollm's (a message, a summary value, a table cell):
 * also its line breaks, tabs and colour sequences become visible, so it cannot start a line of its
 * own (a fake `✓ Key created`) or pass for ollm's colours, and so do zero-width characters
 * (U+200B–U+200D, U+2060, U+FEFF), which would make two different strings look the same.
 */
export function inlineText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, visible);
}

/**
 * Whether a value can be printed exactly as it is: it holds nothing a terminal acts on and nothing
 * `terminalText` would change (no control, line break, tab, bidi or zero-width character). Data a
 * script reads byte for byte (`key get --reveal`, `env`) is never sanitised: what fails this is
 * refused instead, since an altered key is as useless as a hostile one is dangerous.
 */
export function printsExactly(value: string): boolean {
  return !/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/.test(value);
}

/** JSON text (from JSON.stringify) with C1 and bidi controls escaped too; it parses to the same data. */
export function jsonText(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, visible);
}
