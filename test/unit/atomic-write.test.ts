import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync, lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/io/atomic-write.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'ollm-aw-'));

test('writes with mode 0600 and leaves no temp file', async () => {
  const d = dir();
  const file = join(d, 'sub', 'f.json');
  await writeFileAtomic(file, 'hello');
  assert.equal(readFileSync(file, 'utf8'), 'hello');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(statSync(join(d, 'sub')).mode & 0o777, 0o700);
  assert.deepEqual(readdirSync(join(d, 'sub')), ['f.json']);
});

test('replaces an existing file and tightens its mode', async () => {
  const d = dir();
  const file = join(d, 'f');
  writeFileSync(file, 'old', { mode: 0o644 });
  await writeFileAtomic(file, 'new');
  assert.equal(readFileSync(file, 'utf8'), 'new');
  assert.equal(statSync(file).mode & 0o777, 0o600);
});

test('a symlink is written through to its target, not replaced', async () => {
  const d = dir();
  const target = join(d, 'real.json');
  const link = join(d, 'link.json');
  writeFileSync(target, 'old');
  symlinkSync(target, link);
  await writeFileAtomic(link, 'new');
  assert.equal(lstatSync(link).isSymbolicLink(), true);
  assert.equal(readFileSync(target, 'utf8'), 'new');
});

test('a failed write leaves the old content and no temp file', async () => {
  const d = dir();
  const file = join(d, 'f');
  writeFileSync(file, 'old');
  // A directory where the file should be: rename fails even for root.
  const blocked = join(d, 'blocked');
  mkdirSync(join(blocked, 'inner'), { recursive: true });
  await assert.rejects(writeFileAtomic(blocked, 'new'), /EISDIR|ENOTEMPTY|EEXIST/);
  assert.equal(readFileSync(file, 'utf8'), 'old');
  assert.deepEqual(readdirSync(d).sort(), ['blocked', 'f']);
});
