import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relabel, BridgeClient } from '../real-litellm/engine/pg-client.ts';

test('Postgres name columns reach the adapter as text, name[] as a parsed text array', () => {
  // Shape of `SELECT viewname, ARRAY_AGG(viewname), COUNT(*) FROM pg_views …` as node-postgres returns it.
  const res = {
    fields: [{ dataTypeID: 19 }, { dataTypeID: 1003 }, { dataTypeID: 20 }],
    rows: [['MonthlyGlobalSpend', '{MonthlyGlobalSpend,"Last30d Keys"}', '2']],
  };
  relabel(res);
  assert.deepEqual(res.fields.map((f) => f.dataTypeID), [25, 1009, 20]);
  assert.deepEqual(res.rows[0], ['MonthlyGlobalSpend', ['MonthlyGlobalSpend', 'Last30d Keys'], '2']);
});

test('results without fields (commands) and ordinary types are left alone', () => {
  const command = { rows: [] };
  assert.equal(relabel(command), command);
  const res = { fields: [{ dataTypeID: 25 }, { dataTypeID: 1114 }], rows: [['a', '2026-01-01 00:00:00']] };
  relabel(res);
  assert.deepEqual(res, { fields: [{ dataTypeID: 25 }, { dataTypeID: 1114 }], rows: [['a', '2026-01-01 00:00:00']] });
});

test('every connection pins the session time zone to UTC, keeping caller options', () => {
  const plain = new BridgeClient({}) as unknown as { connectionParameters: { options: string } };
  assert.equal(plain.connectionParameters.options, '-c TimeZone=UTC');
  const withPath = new BridgeClient({ options: '-c search_path=s' }) as unknown as { connectionParameters: { options: string } };
  assert.equal(withPath.connectionParameters.options, '-c search_path=s -c TimeZone=UTC');
});
