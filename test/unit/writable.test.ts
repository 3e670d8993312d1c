// "Could ollm write this file?": follows a link as the write will, and tries the write's first step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertWritableFile } from '../../src/io/writable.ts';

test('a new file, an existing one and one in directories still to be made pass; no probe file is left', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-writable-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'existing'), 'x');
  for (const file of ['new', 'existing', 'a/b/c']) await assertWritableFile(join(dir, file), 'the file');
  assert.deepEqual(readdirSync(dir), ['existing']);
});

test('a dangling symlink is judged where its target will be written, not where the link is', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-writable-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  symlinkSync(join(dir, 'repo', 'profile'), join(dir, 'link'));
  await assertWritableFile(join(dir, 'link'), 'the file');
  symlinkSync('/proc/ollm-not-there/profile', join(dir, 'to-proc'));
  if (existsSync('/proc/version')) await assert.rejects(assertWritableFile(join(dir, 'to-proc'), 'the file'), /Cannot write the file/);
  symlinkSync(join(dir, 'loop'), join(dir, 'loop'));
  await assert.rejects(assertWritableFile(join(dir, 'loop'), 'the file'), (error: Error & { code?: string }) => error.code === 'symlink_loop');
});

test('a directory, a device and a /proc file are refused with the reason', async () => {
  await assert.rejects(assertWritableFile(tmpdir(), 'the file'), /it is a directory/);
  if (existsSync('/dev/null')) await assert.rejects(assertWritableFile('/dev/null', 'the file'), /not a regular file/);
  if (existsSync('/proc/version')) await assert.rejects(assertWritableFile('/proc/version', 'the shell profile'), /Cannot write the shell profile \/proc\/version/);
});
