import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Chalk } from 'chalk';
import { drawBar, renderDailyChart } from '../../src/spend/chart.ts';

const plain = new Chalk({ level: 0 });
const days = [
  { date: '2026-11-20', spend: 4 },
  { date: '2026-11-21', spend: 0 },
  { date: '2026-11-22', spend: 1.01 },
];

test('bars scale to the largest day; eighth blocks on a terminal, # otherwise', () => {
  assert.equal(drawBar(1, 10, true), '█'.repeat(10));
  assert.equal(drawBar(0.55, 10, true), '█████▌');
  assert.equal(drawBar(0.55, 10, false), '######');
  assert.equal(drawBar(0.001, 10, true), '▏', 'any spend shows');
  assert.equal(drawBar(0.001, 10, false), '#');
  assert.equal(drawBar(0, 10, true), '');
  assert.equal(drawBar(0.999, 10, true), '█'.repeat(10));
});

test('ASCII chart: one aligned line per day, weekday, amount, and today marked', () => {
  const lines = renderDailyChart(days, { today: '2026-11-22', unicode: false, color: plain, width: 8 }).split('\n');
  assert.deepEqual(lines, [
    '11-20 Fri  ########  $4.00',
    '11-21 Sat            $0.00',
    '11-22 Sun  ##        $1.01  today, so far',
  ]);
  assert.ok(lines.every((line) => /^[\x20-\x7e]*$/.test(line)), 'nothing but printable ASCII');
});

test('coloured chart paints the bars and nothing is drawn for an all-zero window', () => {
  const colored = renderDailyChart(days, { today: '2026-11-22', unicode: true, color: new Chalk({ level: 1 }), width: 8 });
  assert.match(colored, /\u001b\[36m█{8}\u001b\[39m/);
  assert.match(colored, /\u001b\[36m██\u001b\[39m/);
  const idle = renderDailyChart(days.map((d) => ({ ...d, spend: 0 })), { today: '2026-11-22', unicode: true, color: plain, width: 8 });
  assert.doesNotMatch(idle, /[█#]/);
});
