// The one spawn-with-timeout: the OpenClaw CLI probes and the doctor's run of the exec resolver.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runProcess } from '../../src/io/run-process.ts';

const node = process.execPath;
const env = { PATH: process.env.PATH };

test('input goes to stdin (then closed), both outputs and the exit code come back', async () => {
  const run = await runProcess(node, ['-e', 'process.stdin.pipe(process.stdout); process.stderr.write("e"); process.exitCode = 3'], { env, input: 'hello', timeoutMs: 30_000 });
  assert.deepEqual(run, { code: 3, stdout: 'hello', stderr: 'e', timedOut: false });
});

test('without input stdin is closed at once, so a reader ends instead of waiting', async () => {
  const run = await runProcess(node, ['-e', 'process.stdin.on("end", () => process.stdout.write("eof")).resume()'], { env, timeoutMs: 30_000 });
  assert.equal(run.stdout, 'eof');
});

test('a program that overstays is killed at the deadline', async () => {
  const run = await runProcess(node, ['-e', 'setInterval(() => {}, 1000)'], { env, timeoutMs: 300 });
  assert.equal(run.timedOut, true);
  assert.equal(run.code, null);
});

test('a program that cannot be started is reported, not thrown', async () => {
  const run = await runProcess('/nonexistent/ollm-helper', [], { env, timeoutMs: 30_000 });
  assert.match(run.spawnError?.message ?? '', /ENOENT/);
  assert.equal(run.code, null);
});
