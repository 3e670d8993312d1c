// Tables as gh prints them: aligned and borderless on a terminal, tab-separated on a pipe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable } from '../../src/output/table.ts';
import { naturalCompare } from '../../src/output/natural-sort.ts';

const head = ['Alias', 'Problem', 'Spend'];
const rows = [['fleet-2', '', '$1.00'], ['fleet-10', '', '$12.50']];

test('on a terminal: a header, aligned columns, no borders, and no column that is empty in every row', async () => {
  const text = await renderTable(head, rows, { terminal: true });
  assert.equal(text, ['ALIAS     SPEND', 'fleet-2   $1.00', 'fleet-10  $12.50'].join('\n'));
});

test('on a pipe: one tab-separated row per line, no header, no padding, no escape codes', async () => {
  const text = await renderTable(head, [['\u001b[32mfleet-2\u001b[39m', 'a\tb', ' $1.00 ']], { terminal: false });
  assert.equal(text, 'fleet-2\ta b\t$1.00');
});

test('natural order: fleet-2 before fleet-10', () => {
  assert.deepEqual(['fleet-10', 'fleet-2', 'bot', 'Fleet-1'].sort(naturalCompare), ['bot', 'Fleet-1', 'fleet-2', 'fleet-10']);
});
