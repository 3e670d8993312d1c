// The one spawn-with-timeout: the OpenClaw CLI probes and the doctor's run of the exec resolver.
// A helper's own children are part of it: the deadline ends them too, a child left holding the
// pipes does not keep ollm waiting, and neither outlives ollm.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MAX_OUTPUT_BYTES, runProcess } from '../../src/io/run-process.ts';
import { ROOT } from '../support/cli.ts';
import { waitFor } from '../support/wait-for.ts';

const node = process.execPath;
const env = { PATH: process.env.PATH };
const notTruncated = { stdout: false, stderr: false };
/** Hang guard for the tests whose failure is a hang: far beyond what a passing run needs. */
const HANG_GUARD = { timeout: 60_000 };

/** A file the test's helper writes its background child's pid to; removed (and the child killed) after the test. */
function pidFile(t: TestContext): { path: string; pid(): Promise<number> } {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-run-process-'));
  const path = join(dir, 'pid');
  const written = () => Number(readFileSync(path, 'utf8').trim()) || undefined;
  t.after(() => {
    try {
      const pid = written();
      if (pid !== undefined && alive(pid)) process.kill(pid, 'SIGKILL');
    } catch { /* never written */ }
    rmSync(dir, { recursive: true, force: true });
  });
  return { path, pid: () => waitFor(written, { what: `a pid in ${path}` }) };
}

/** Whether a process runs (a zombie, dead but not yet reaped by whoever inherited it, does not). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true; // no /proc (macOS): signal 0 reached it
  }
}

const gone = (pid: number) => waitFor(() => !alive(pid), { what: `process ${pid} to be gone` });

test('input goes to stdin (then closed), both outputs and the exit code come back', async () => {
  const run = await runProcess(node, ['-e', 'process.stdin.pipe(process.stdout); process.stderr.write("e"); process.exitCode = 3'], { env, input: 'hello', timeoutMs: 30_000 });
  assert.deepEqual(run, { code: 3, stdout: 'hello', stderr: 'e', timedOut: false, truncated: notTruncated });
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

test('at the deadline the children the helper started are killed with it, and the run returns', HANG_GUARD, async (t) => {
  const file = pidFile(t);
  // As `sh -c 'sleep 6; echo done'`, with the sleep's pid written down (and long enough that
  // waiting for it would trip the hang guard).
  const run = await runProcess('sh', ['-c', 'sleep 600 & echo $! > "$1"; wait; echo done', 'sh', file.path], { env, timeoutMs: 500 });
  assert.equal(run.timedOut, true);
  assert.equal(run.code, null);
  assert.equal(run.stdout, '');
  await gone(await file.pid());
});

test('a helper that exits at once is done, though a child it left running holds the pipes', HANG_GUARD, async (t) => {
  const file = pidFile(t);
  const run = await runProcess('sh', ['-c', 'echo out; echo err >&2; sleep 600 & echo $! > "$1"; exit 4', 'sh', file.path], { env, timeoutMs: 300_000 });
  assert.deepEqual(run, { code: 4, stdout: 'out\n', stderr: 'err\n', timedOut: false, truncated: notTruncated });
});

test('output past the cap is dropped and marked, and the helper is read to its end', async () => {
  const script = `process.stdout.write("o".repeat(${3 * MAX_OUTPUT_BYTES})); process.stderr.write("e".repeat(${MAX_OUTPUT_BYTES + 1})); process.exitCode = 5`;
  const run = await runProcess(node, ['-e', script], { env, timeoutMs: 60_000 });
  assert.equal(run.code, 5, 'not blocked on a full pipe, not killed');
  assert.equal(run.stdout, 'o'.repeat(MAX_OUTPUT_BYTES));
  assert.equal(run.stderr, 'e'.repeat(MAX_OUTPUT_BYTES));
  assert.deepEqual(run.truncated, { stdout: true, stderr: true });
});

test('output just under the cap is whole, a character split between chunks included', async () => {
  // One byte first, so the two-byte characters straddle the pipe's 64 KiB reads.
  const run = await runProcess(node, ['-e', 'process.stdout.write("a" + "é".repeat(100_000))'], { env, timeoutMs: 60_000 });
  assert.equal(run.stdout, `a${'é'.repeat(100_000)}`);
  assert.deepEqual(run.truncated, notTruncated);
});

test('a program that cannot be started is reported, not thrown', async () => {
  const run = await runProcess('/nonexistent/ollm-helper', [], { env, timeoutMs: 30_000 });
  assert.match(run.spawnError?.message ?? '', /ENOENT/);
  assert.equal(run.code, null);
});

/**
 * A process that runs `sh` (which starts a background `sleep` and waits for it) through runProcess
 * and is then ended as `how` says: the helper and its child must end with it.
 */
async function endWhileHelperRuns(t: TestContext, how: 'SIGTERM' | 'SIGINT' | 'exit'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const file = pidFile(t);
  const host = `
    import { runProcess } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/io/run-process.ts')).href)};
    void runProcess('sh', ['-c', 'sleep 600 & echo $! > "$1"; wait', 'sh', process.argv[1]], { env: { PATH: process.env.PATH }, timeoutMs: 600_000 });
    process.stdin.on('data', () => process.exit(7));`;
  const child = spawn(node, ['--import', 'tsx', '--input-type=module', '-e', host, file.path], { cwd: ROOT, stdio: ['pipe', 'inherit', 'inherit'] });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  t.after(() => child.kill('SIGKILL'));
  const sleeper = await file.pid();
  if (how === 'exit') child.stdin.write('exit\n');
  else child.kill(how);
  const end = await ended;
  await gone(sleeper);
  return end;
}

test('when ollm exits while a helper runs, the helper and its children end too', HANG_GUARD, async (t) => {
  assert.deepEqual(await endWhileHelperRuns(t, 'exit'), { code: 7, signal: null });
});

test('when ollm is ended by SIGTERM or SIGINT while a helper runs, the helper and its children end too, and ollm still dies of the signal', HANG_GUARD, async (t) => {
  assert.deepEqual(await endWhileHelperRuns(t, 'SIGTERM'), { code: null, signal: 'SIGTERM' });
  assert.deepEqual(await endWhileHelperRuns(t, 'SIGINT'), { code: null, signal: 'SIGINT' });
});
