// The doctor's report on a terminal: lines wrap under the message column, a passed check is one
// short line, a fix is never broken; on a pipe every check stays one full line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Chalk } from 'chalk';
import { formatDoctorReport, wrap } from '../../src/doctor/format.ts';
import type { DoctorReport } from '../../src/doctor/report.ts';

const plain = new Chalk({ level: 0 });
const report: DoctorReport = {
  ok: false, alias: 'openclaw', proxyUrl: 'http://127.0.0.1:4000',
  checks: [
    { id: 'stored-key', status: 'ok', message: '"openclaw" is sk-…Ab3d, kept in the OS keychain; valid on http://127.0.0.1:4000, not blocked, never expires.', fix: null },
    { id: 'budget', status: 'fail', message: 'The key has spent $5.00 of its $5.00 budget, so the proxy refuses every request until the budget resets on 2027-01-01.', fix: 'ollm key update --budget 10' },
  ],
};

test('on a terminal: wrapped with a hanging indent, passed checks short, fixes whole', () => {
  const lines = formatDoctorReport(report, plain, { columns: 80 }).split('\n');
  assert.equal(lines[0], '✓ Stored key          "openclaw" is sk-…Ab3d, kept in the OS keychain.');
  assert.ok(lines[1]!.startsWith('✗ Budget              The key has spent'));
  const indent = ' '.repeat('✓ Key OpenClaw sends  '.length);
  assert.ok(lines[2]!.startsWith(indent) && !lines[2]!.startsWith(`${indent} `), `hanging indent: ${JSON.stringify(lines[2])}`);
  for (const line of lines.slice(0, 4)) assert.ok(line.length <= 80 || line.includes('fix:'), `wrapped at 80: ${JSON.stringify(line)}`);
  assert.ok(lines.some((line) => line === `${indent}fix: ollm key update --budget 10`));
});

test('on a pipe: one full line per check', () => {
  const lines = formatDoctorReport(report, plain).split('\n');
  assert.match(lines[0]!, /never expires\.$/);
  assert.match(lines[1]!, /resets on 2027-01-01\.$/);
});

test('wrap keeps a word longer than the width on its own line', () => {
  assert.deepEqual(wrap('see /a/very/long/path/that/does/not/fit here', 10), ['see', '/a/very/long/path/that/does/not/fit', 'here']);
});
