// The budget setup keeps for its next run: read back as written, ignored when not ollm's shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRememberedBudget, rememberedFile, saveRememberedBudget } from '../../src/setup/remembered.ts';

test('saved with mode 0600 and read back; none before the first save', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-remembered-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(await readRememberedBudget(dir), null);
  await saveRememberedBudget(dir, { budget: '12.5', period: 'daily' });
  assert.deepEqual(await readRememberedBudget(dir), { budget: '12.5', period: 'daily' });
  assert.equal(statSync(rememberedFile(dir)).mode & 0o777, 0o600);
  await saveRememberedBudget(dir, { budget: null, period: 'none' });
  assert.deepEqual(await readRememberedBudget(dir), { budget: null, period: 'none' });
});

test('a file that is not ollm\'s shape, or holds no valid budget, offers nothing', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-remembered-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const text of ['not json', '{"budget":"-1","period":"daily"}', '{"budget":"5","period":"yearly"}', '{"budget":5,"period":"daily"}', '[]']) {
    writeFileSync(rememberedFile(dir), text);
    assert.equal(await readRememberedBudget(dir), null, text);
  }
});
