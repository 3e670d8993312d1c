// The last line of test/run.ts: skipped tests (and suites skipped whole) grouped by reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectSkips, skipSummary } from '../support/skip-summary.ts';

test('skips group by what their reason says before its first ": ", the biggest group first', () => {
  assert.equal(skipSummary([]), 'skipped: 0');
  assert.equal(skipSummary([
    { skip: 'zsh is not installed', suite: false },
    { skip: 'no Secret Service: missing dbus-daemon (apt-get install …)', suite: false },
    { skip: 'no Secret Service: simulated', suite: false },
    { skip: 'no Secret Service: simulated', suite: true },
    { skip: true, suite: false },
  ]), 'skipped: 4 + 1 whole suite (no Secret Service: 2 + 1 whole suite; zsh is not installed: 1; no reason given: 1)');
  assert.equal(skipSummary([{ skip: 'the npm registry cannot be reached: ENOTFOUND', suite: true }]), 'skipped: 1 whole suite (the npm registry cannot be reached: 1 whole suite)');
});

test('the reporter counts skipped tests and suites from node:test\'s events, not passes or todos', async () => {
  async function* events() {
    yield { type: 'test:pass', data: { name: 'ran', skip: undefined } };
    yield { type: 'test:pass', data: { name: 'gated', skip: 'no Secret Service: simulated' } };
    yield { type: 'test:pass', data: { name: 'a suite', skip: 'fish is not installed', details: { type: 'suite' } } };
    yield { type: 'test:fail', data: { name: 'failed', skip: false } };
    yield { type: 'test:diagnostic', data: { name: 'x', skip: 'not a test' } };
  }
  const lines: string[] = [];
  for await (const line of collectSkips(events())) lines.push(line);
  assert.deepEqual(lines, ['skipped: 1 + 1 whole suite (no Secret Service: 1; fish is not installed: 1 whole suite)\n']);
});
