// The exit guard (test/support/exit-guard.ts): a test file that leaves a server listening fails
// soon after its last test, naming the server; a clean file is untouched.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ollm-exit-guard-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const GUARD = join(ROOT, 'test', 'support', 'exit-guard.ts');
/** Longer than the guard's grace: a file still running then was not stopped by the guard. */
const KILL_AFTER_MS = 60_000;

/** `node --test` on one file as test/run.ts runs it, with the guard's grace shortened. */
function runTestFile(name: string, source: string, graceMs: number): Promise<{ code: number | null; output: string }> {
  const file = join(dir, name);
  writeFileSync(file, source);
  // Without NODE_TEST_CONTEXT of this process: that would make the inner runner a child of ours.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', GUARD, '--test', '--test-reporter=tap', file], {
    cwd: ROOT, env: { ...env, OLLM_TEST_EXIT_GRACE_MS: String(graceMs) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  return new Promise((resolve) => child.on('close', (code) => {
    clearTimeout(timer);
    resolve({ code, output });
  }));
}

test('a file that leaves a server listening fails soon after its last test, naming the server', async () => {
  const { code, output } = await runTestFile('leaks.test.mjs', [
    "import { test } from 'node:test';",
    "import { createServer } from 'node:http';",
    "test('opens a server and never closes it', () => new Promise((resolve) => createServer().listen(0, '127.0.0.1', resolve)));",
  ].join('\n'), 300);
  assert.equal(code, 1, `the run failed (not killed after ${KILL_AFTER_MS} ms, not passed):\n${output}`);
  assert.match(output, /ok 1 - opens a server and never closes it/, 'the test itself passed');
  assert.match(output, /exit-guard: \S*leaks\.test\.mjs is still running 0\.3 s after its last test/);
  assert.match(output, /active resources: .*TCPServerWrap/);
  assert.match(output, /a server listening on 127\.0\.0\.1:\d+/);
  assert.match(output, /^# fail 1$/m, 'the file is reported failed');
});

test('a file that closes what it opened exits 0, and the guard says nothing', async () => {
  const { code, output } = await runTestFile('clean.test.mjs', [
    "import { test } from 'node:test';",
    "import { createServer } from 'node:http';",
    'test(\'opens a server and closes it\', async () => {',
    '  const server = createServer();',
    "  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));",
    '  await new Promise((resolve) => server.close(resolve));',
    '});',
  ].join('\n'), 2000);
  assert.equal(code, 0, output);
  assert.match(output, /^# pass 1$/m);
  assert.doesNotMatch(output, /exit-guard/);
});
