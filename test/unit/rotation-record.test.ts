// The rotation record under a bulk rotation: the changes of keys finishing at once are written
// together, none is lost, and each caller learns of a write that failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRotationRecord, recordCreated, recordRotated, rotationRecordFile } from '../../src/schedule/rotation-record.ts';

test('40 keys recorded at once: every one is in the file when its call returns, and the file stays 0600', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-record-'));
  try {
    const at = new Date('2026-12-07T15:00:00.000Z');
    const accounts = Array.from({ length: 40 }, (_, i) => `fleet-${i}@http://proxy`);
    await recordCreated(dir, accounts[0]!, new Date('2026-01-01T00:00:00.000Z'));
    await Promise.all(accounts.map(async (account) => {
      await recordRotated(dir, account, at, 'recreate');
      // Returned: this change is on disk already.
      const onDisk = JSON.parse(readFileSync(rotationRecordFile(dir), 'utf8')) as { keys: Record<string, { rotated_at?: string }> };
      assert.equal(onDisk.keys[account]?.rotated_at, at.toISOString(), account);
    }));
    const record = await readRotationRecord(dir);
    assert.equal(record.size, 40);
    assert.deepEqual(record.get(accounts[0]!), { created_at: '2026-01-01T00:00:00.000Z', rotated_at: at.toISOString(), method: 'recreate' }, 'a change applies to what was there');
    assert.equal(statSync(rotationRecordFile(dir)).mode & 0o777, 0o600);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a damaged record: every change waiting for the write is refused with the damage named, and the file is left as it was', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-record-'));
  try {
    writeFileSync(rotationRecordFile(dir), '{ not json', { mode: 0o600 });
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => recordRotated(dir, `k${i}@p`, new Date(), 'recreate')));
    for (const result of results) {
      assert.equal(result.status, 'rejected');
      assert.equal((result.reason as { code?: string }).code, 'rotation_record_damaged');
    }
    assert.equal(readFileSync(rotationRecordFile(dir), 'utf8'), '{ not json');
    // The queue is not stuck: a later change after repair goes through.
    rmSync(rotationRecordFile(dir));
    await recordRotated(dir, 'k0@p', new Date('2026-12-07T00:00:00.000Z'), 'regenerate');
    assert.equal((await readRotationRecord(dir)).get('k0@p')?.method, 'regenerate');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
