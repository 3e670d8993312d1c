import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getDotenvVar, removeDotenvVar, setDotenvVar } from '../../src/targets/dotenv-file.ts';

test('sets a new variable at the end, keeping every other line and comment', () => {
  const original = '# OpenClaw daemon env\nOPENAI_API_KEY=sk-openai\n\n# trailing comment\n';
  const out = setDotenvVar(original, 'LITELLM_API_KEY', 'sk-new');
  assert.equal(out, '# OpenClaw daemon env\nOPENAI_API_KEY=sk-openai\n\n# trailing comment\nLITELLM_API_KEY=sk-new\n');
});

test('replaces an existing line (also the export form) in place and drops duplicates', () => {
  const original = 'A=1\nexport LITELLM_API_KEY="sk-old"\nB=2\nLITELLM_API_KEY=sk-older\n';
  assert.equal(setDotenvVar(original, 'LITELLM_API_KEY', 'sk-new'), 'A=1\nLITELLM_API_KEY=sk-new\nB=2\n');
});

test('an empty file, a file without final newline, CRLF', () => {
  assert.equal(setDotenvVar('', 'K', 'v'), 'K=v\n');
  assert.equal(setDotenvVar('A=1', 'K', 'v'), 'A=1\nK=v\n');
  assert.equal(setDotenvVar('A=1\r\n', 'K', 'v'), 'A=1\r\nK=v\r\n');
});

test('values that need it are quoted so dotenv reads them back exactly (it unescapes nothing)', () => {
  const out = setDotenvVar('', 'K', 'a b"c\\n$X');
  assert.equal(out, "K='a b\"c\\n$X'\n", 'single quotes: dotenv changes nothing inside');
  assert.equal(getDotenvVar(out, 'K'), 'a b"c\\n$X');
  assert.equal(setDotenvVar('', 'K', "it's"), 'K=`it\'s`\n', 'backticks when the value has a single quote');
  assert.equal(getDotenvVar('K="a\\nb"\n', 'K'), 'a\nb', 'double quotes expand \\n, as dotenv does');
  assert.equal(getDotenvVar('K=plain # comment\n', 'K'), 'plain');
  assert.equal(getDotenvVar('OTHER=1\n', 'K'), null);
});

test('a value dotenv cannot read back exactly is refused, masked in the message', () => {
  for (const value of ['sk-aaaaaaaaaaaaaaaa\nEVIL=1', 'sk-\'`aaaaaaaaaaaaaaaaa']) {
    assert.throws(() => setDotenvVar('', 'K', value), (error: Error) => /dotenv cannot read it back exactly/.test(error.message) && !error.message.includes('aaaaaaaa'));
  }
});

test('removal only takes the line whose value matches', () => {
  const text = 'A=1\nLITELLM_API_KEY=sk-current\n';
  assert.equal(removeDotenvVar(text, 'LITELLM_API_KEY', (v) => v === 'sk-other'), null);
  assert.equal(removeDotenvVar(text, 'LITELLM_API_KEY', (v) => v === 'sk-current'), 'A=1\n');
});
