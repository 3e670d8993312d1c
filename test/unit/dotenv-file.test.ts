import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  assert.equal(getDotenvVar('K="a\\nb"\n', 'K'), 'a\nb', 'double quotes expand \\n, as dotenv does');
  assert.equal(getDotenvVar('K=plain # comment\n', 'K'), 'plain');
  assert.equal(getDotenvVar('OTHER=1\n', 'K'), null);
});

test('a value dotenv cannot read back exactly is refused, masked in the message', () => {
  for (const value of ['sk-aaaaaaaaaaaaaaaa\nEVIL=1', 'sk-\'`aaaaaaaaaaaaaaaaa', "it's"]) {
    assert.throws(() => setDotenvVar('', 'K', value), (error: Error) => /cannot be written so that dotenv reads it back exactly/.test(error.message) && !error.message.includes('aaaaaaaa'));
  }
});

test('removal only takes the line whose value matches', () => {
  const text = 'A=1\nLITELLM_API_KEY=sk-current\n';
  assert.equal(removeDotenvVar(text, 'LITELLM_API_KEY', (v) => v === 'sk-other'), null);
  assert.equal(removeDotenvVar(text, 'LITELLM_API_KEY', (v) => v === 'sk-current'), 'A=1\n');
});

// Two readers that are not ollm's: a shell sourcing the file (`set -a; . file`, as a systemd
// EnvironmentFile is often also sourced by hand) and the `dotenv` package OpenClaw reads it with.
const DOTENV_DIR = join(import.meta.dirname, '..', '..', '.cache', 'openclaw-2026.9.6', 'node_modules', 'dotenv');
const dotenv = existsSync(DOTENV_DIR) ? createRequire(import.meta.url)(DOTENV_DIR) as { parse(text: string): Record<string, string> } : undefined;

test('every value ollm writes to .env is read back exactly by a sourcing shell and by dotenv, and runs nothing', { skip: dotenv ? false : 'OpenClaw (with dotenv) is not installed in .cache' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-dotenv-'));
  try {
    const marker = join(dir, 'pwned');
    const values = ['sk-plain_Ab3-d', 'a b', '$HOME', '$(touch X)', '`touch X`', "'';touch X;''", "a'b`touch X`", 'x\\y', '#not a comment', 'a"b'].map((v) => v.replaceAll('X', marker));
    for (const value of values) {
      let text: string;
      try {
        text = setDotenvVar('', 'LITELLM_API_KEY', value);
      } catch {
        continue; // refused: nothing written, which is safe
      }
      const file = join(dir, '.env');
      writeFileSync(file, text);
      const sourced = spawnSync('bash', ['-c', 'set -a; . "$1"; printf %s "$LITELLM_API_KEY"', 'bash', file], { encoding: 'utf8', env: { PATH: process.env.PATH } });
      assert.equal(existsSync(marker), false, `sourcing ${JSON.stringify(text)} ran a command`);
      assert.equal(sourced.stdout, value, `the shell reads ${JSON.stringify(text)} as another value`);
      assert.equal(dotenv!.parse(text).LITELLM_API_KEY, value, `dotenv reads ${JSON.stringify(text)} as another value`);
      assert.equal(getDotenvVar(text, 'LITELLM_API_KEY'), value);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
