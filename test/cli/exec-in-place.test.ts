// `ollm exec` replaces itself with the program where Node can (process.execve, Node 22.15+): no
// ollm process is left whose /proc/<pid>/environ would show the program the master key or the
// session bus that ollm itself was started with. The key lives in the plain-text store here, so
// no keychain is needed; what is under test is the process, run on a Node that has execve.
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { openWorld } from '../support/fixture.ts';
import { runOllm } from '../support/cli.ts';
import { ensureOpenClaw, openClawUnavailableReason } from '../support/openclaw.ts';

const hasExecve = typeof (process as { execve?: unknown }).execve === 'function';
// This Node, if it has execve; else the Node 24 the OpenClaw harness installs.
const unavailable = hasExecve ? null : openClawUnavailableReason();
const skip = unavailable && !process.env.CI ? `no Node with process.execve: ${unavailable}` : false;

async function nodeWithExecve(): Promise<string> {
  return hasExecve ? process.execPath : (await ensureOpenClaw()).node;
}

test('exec runs the program in ollm\'s own process: the program\'s parent is whoever started ollm, and its exit status is ollm\'s', { skip, timeout: 600_000 }, async (t) => {
  const node = await nodeWithExecve();
  const world = await openWorld({ spawned: true });
  t.after(() => world.close());
  const env = world.env({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ollm-bus' });
  const created = await runOllm(['key', 'create', '--store', 'file', '--write', 'none'], { env, node });
  assert.equal(created.code, 0, created.stderr);

  const run = await runOllm(['exec', '--', 'sh', '-c', 'echo "$PPID"; tr "\\0" "\\n" < /proc/$$/environ; exit 7'], { env, node });
  assert.equal(run.code, 7, run.stderr);
  const [parent, ...environ] = run.stdout.trim().split('\n');
  // Spawned, the program's parent would be the ollm process; replaced, it is this test.
  assert.equal(Number(parent), process.pid, 'the program still runs under an ollm process');
  // The process's own environment is the program's: the key, no master key, no bus.
  assert.ok(environ.includes(`LITELLM_API_KEY=${world.server.keys()[0]!.key}`), environ.join('\n'));
  assert.ok(!environ.some((line) => line.startsWith('LITELLM_MASTER_KEY=')), 'the master key is in the process environment');
  assert.ok(environ.includes('DBUS_SESSION_BUS_ADDRESS=disabled:'), environ.join('\n'));

  const missing = await runOllm(['exec', '--', 'no-such-program-ollm'], { env, node });
  assert.equal(missing.code, 127);
  assert.match(missing.stderr, /Cannot run no-such-program-ollm: command not found/);
});
