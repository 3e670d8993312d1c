// The running ollm's file, links resolved: what a profile's lookup line and OpenClaw's resolver run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownEntryFile } from '../../src/io/own-entry.ts';

test('a symlinked entry (an npm shim) is resolved to its file; a missing one is kept as given', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-entry-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'cli.js'), '');
  symlinkSync(join(dir, 'cli.js'), join(dir, 'ollm'));
  assert.equal(ownEntryFile(join(dir, 'ollm')), realpathSync(join(dir, 'cli.js')));
  assert.equal(ownEntryFile(join(dir, 'gone')), join(dir, 'gone'));
});
