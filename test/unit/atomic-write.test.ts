import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync, lstatSync, mkdirSync } from 'node:fs';
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

test('an abandoned temp file whose pid was reused by a live process is swept by the next write (it is older than any write takes)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-atomic-'));
  try {
    const file = join(dir, 'profile');
    // Left by a write killed long ago; the pid now belongs to a live process (this one).
    const stale = join(dir, `.profile.${process.pid}.0badc0de.tmp`);
    writeFileSync(stale, 'export LITELLM_API_KEY=sk-left-behind');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(stale, hourAgo, hourAgo);
    // A temp file of a live write in progress (just made) is left alone.
    const fresh = join(dir, `.profile.${process.pid}.0000beef.tmp`);
    writeFileSync(fresh, 'in progress');
    await writeFileAtomic(file, 'new\n');
    assert.equal(existsSync(stale), false, 'the stale temp file is gone');
    assert.equal(existsSync(fresh), true, 'a fresh one stays');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
