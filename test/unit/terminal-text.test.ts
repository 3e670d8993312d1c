// The output boundary's sanitiser and OpenClaw's `${VAR}` escape, character by character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlineText, jsonText, terminalText } from '../../src/output/terminal-text.ts';
import { fromOpenClawLiteral, openClawLiteral } from '../../src/assistants/openclaw/config-string.ts';

test('terminalText keeps colours, line breaks and tabs, and makes every other control visible', () => {
  assert.equal(terminalText('\u001b[32m✓\u001b[39m a\tb\nc'), '\u001b[32m✓\u001b[39m a\tb\nc');
  assert.equal(terminalText('x\u001b]52;c;AAAA\u0007y'), 'x\\u001b]52;c;AAAA\\u0007y', 'OSC 52');
  assert.equal(terminalText('\u001b[2K\r✓'), '\\u001b[2K\\u000d✓', 'erase line, carriage return');
  assert.equal(terminalText('\u009b31m\u202Eabc\u2066'), '\\u009b31m\\u202eabc\\u2066', 'C1 CSI and bidi');
  assert.equal(terminalText('plain'), 'plain');
});

test('inlineText keeps a value on its line and out of ollm\'s colours', () => {
  assert.equal(inlineText('a\n✓ b\u001b[32m'), 'a\\u000a✓ b\\u001b[32m');
});

test('jsonText escapes C1 and bidi but parses back to the same data', () => {
  const data = { alias: 'a\u009b\u202E\u2028b\u001b' };
  const text = jsonText(JSON.stringify(data));
  assert.doesNotMatch(text, /[\u0080-\u009f\u202e\u2028]/);
  assert.deepEqual(JSON.parse(text), data);
});

// OpenClaw 2026.9.6's reading (src/config/env-substitution.ts), for the round trip below.
function openClawReads(value: string, env: Record<string, string>): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const escaped = /^\$\$\{([A-Z_][A-Z0-9_]*)\}/.exec(value.slice(i));
    if (escaped) { out += `\${${escaped[1]}}`; i += escaped[0].length - 1; continue; }
    const ref = /^\$\{([A-Z_][A-Z0-9_]*)\}/.exec(value.slice(i));
    if (ref) { out += env[ref[1]!] ?? ''; i += ref[0].length - 1; continue; }
    out += value[i];
  }
  return out;
}

test('openClawLiteral: OpenClaw reads back exactly the string ollm meant, and fromOpenClawLiteral inverts it', () => {
  const env = { GITHUB_TOKEN: 'ghp_secret', HOME: '/home/me' };
  for (const id of ['${GITHUB_TOKEN}', 'a$${HOME}b', '$$${HOME}', '${lower}', '${A${HOME}', 'plain', '$', '${', '${}']) {
    const written = openClawLiteral(id);
    assert.equal(openClawReads(written, env), id, `${id} → ${written}`);
    assert.equal(fromOpenClawLiteral(written), id);
  }
  assert.equal(openClawLiteral('${GITHUB_TOKEN}'), '$${GITHUB_TOKEN}');
});
