// Pins the move of legacy flat env keys into env.vars, the only form OpenClaw 2026.9 accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSON5 from 'json5';
import { Json5Document } from '../../src/edit/json5-document.ts';
import { migrateLegacyEnv } from '../../src/assistants/openclaw/legacy-env.ts';
import { schemaProblems } from '../support/openclaw-schema.ts';

const FILE = '~/.openclaw/openclaw.json';

/** `env` is read back from the printed text as OpenClaw reads it (the json5 package). */
function migrated(text: string): { moved: string[]; text: string; env: unknown } {
  const doc = Json5Document.parse(text, FILE);
  const moved = migrateLegacyEnv(doc);
  const printed = doc.toString();
  // A getter: an empty file is fine for ollm but not JSON5, so only the tests that look parse it.
  return { moved, text: printed, get env() { return (JSON5.parse(printed) as { env?: unknown }).env; } };
}

/** Whether OpenClaw's schema accepts a config holding just this `env` section. */
function validateEnv(env: unknown): boolean {
  return schemaProblems({ env }).length === 0;
}

test('flat keys move into a new env.vars, in file order, comments staying put', () => {
  const text = [
    '{',
    '  // keys for the providers',
    '  env: {',
    "    ANTHROPIC_API_KEY: 'sk-ant-1', // from the console",
    '    OPENAI_API_KEY: "sk-oa-2",',
    '  },',
    '  gateway: { port: 18789 },',
    '}',
    '',
  ].join('\n');
  const result = migrated(text);
  assert.deepEqual(result.moved, ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY']);
  assert.equal(
    result.text,
    [
      '{',
      '  // keys for the providers',
      '  env: {',
      '    // from the console',
      '    vars: {',
      "      ANTHROPIC_API_KEY: 'sk-ant-1',",
      "      OPENAI_API_KEY: 'sk-oa-2',",
      '    },',
      '  },',
      '  gateway: { port: 18789 },',
      '}',
      '',
    ].join('\n'),
  );
  assert.equal(validateEnv((JSON5.parse(text) as { env?: unknown }).env), false, 'the flat form is what OpenClaw rejects');
  assert.equal(validateEnv(result.env), true, JSON.stringify(result.env));
});

test('an entry already in env.vars wins over the flat duplicate, which is dropped', () => {
  const result = migrated('{\n  env: {\n    vars: { LITELLM_API_KEY: "sk-new" },\n    LITELLM_API_KEY: "sk-old",\n    OTHER: "x",\n  },\n}\n');
  assert.deepEqual(result.moved, ['LITELLM_API_KEY', 'OTHER']);
  assert.deepEqual(result.env, { vars: { LITELLM_API_KEY: 'sk-new', OTHER: 'x' } });
  assert.doesNotMatch(result.text, /sk-old/);
});

test('vars, shellEnv, $include and values that are not strings stay where they are', () => {
  const text = '{\n  env: {\n    $include: "./env.json5",\n    shellEnv: { enabled: true },\n    vars: { A: "1" },\n    NUMBER: 42,\n    NESTED: { B: "2" },\n    FLAT: "3",\n  },\n}\n';
  const result = migrated(text);
  assert.deepEqual(result.moved, ['FLAT']);
  assert.deepEqual(result.env, {
    $include: './env.json5',
    shellEnv: { enabled: true },
    vars: { A: '1', FLAT: '3' },
    NUMBER: 42,
    NESTED: { B: '2' },
  });
});

test('nothing to migrate leaves the file byte for byte', () => {
  for (const text of ['', '// just a note\n', '{ gateway: { port: 1 } }', '{ env: "odd" }', '{ env: [1] }', '{\r\n  env: { vars: { A: "1" }, shellEnv: {} },\r\n}\r\n']) {
    const result = migrated(text);
    assert.deepEqual(result.moved, [], JSON.stringify(text));
    assert.equal(result.text, text);
  }
});

test('a CRLF, single-quoted config keeps its line ends and quotes', () => {
  const text = "{\r\n  'env': {\r\n    'GROQ_API_KEY': 'gsk-1',\r\n  },\r\n}\r\n";
  const result = migrated(text);
  assert.deepEqual(result.moved, ['GROQ_API_KEY']);
  assert.equal(result.text, "{\r\n  'env': {\r\n    'vars': {\r\n      'GROQ_API_KEY': 'gsk-1',\r\n    },\r\n  },\r\n}\r\n");
});
