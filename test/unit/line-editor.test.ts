// The line editor behind `ollm setup`: pasted lines go one per question, and a check that settles
// after the answer draws nothing over the next question.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { askLine } from '../../src/io/line-editor.ts';

function terminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => {} });
  let shown = '';
  const out = new PassThrough();
  out.on('data', (chunk) => { shown += chunk; });
  return { stdin, out, shown: () => shown };
}

test('two lines pasted at once answer two questions in turn', async () => {
  const t = terminal();
  const first = askLine('First: ', t.stdin, t.out);
  t.stdin.write('abc\ndef\n');
  assert.equal(await first, 'abc');
  assert.equal(await askLine('Second: ', t.stdin, t.out), 'def');
});

test('Enter on an empty line takes the default; an invalid answer is refused with its reason', async () => {
  const t = terminal();
  const answer = askLine('Budget: ', t.stdin, t.out, { initial: '50', validate: (v) => (/^\d+$/.test(v) ? null : 'not a number') });
  t.stdin.write('x\r');
  await new Promise((r) => setImmediate(r));
  assert.match(t.shown(), /✗ not a number/);
  t.stdin.write('\u0015\r');
  assert.equal(await answer, '50');
});

test('a check that settles after the answer draws nothing more', async () => {
  const t = terminal();
  let release!: (v: { ok: boolean; note: string }) => void;
  const slow = new Promise<{ ok: boolean; note: string }>((r) => { release = r; });
  let started!: () => void;
  const inFlight = new Promise<void>((r) => { started = r; });
  const answer = askLine('URL: ', t.stdin, t.out, { check: () => { started(); return slow; }, debounceMs: 1 });
  t.stdin.write('http://x');
  await inFlight;
  t.stdin.write('\u0003');
  await assert.rejects(answer, /Cancelled/);
  const before = t.shown();
  release({ ok: true, note: '✓ late' });
  await slow;
  // The editor's handler on `slow` and any write it makes run in the microtasks and ticks queued
  // by the release; setImmediate comes after all of them.
  await new Promise((r) => setImmediate(r));
  assert.equal(t.shown(), before, 'nothing drawn after the question was left');
});
