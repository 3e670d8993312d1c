// `npm run sandbox`: the printed export lines and example commands work as printed from "another
// terminal", and Ctrl-C (SIGINT) stops the server, the keyring and removes the sandbox HOME.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runOllm } from '../support/cli.ts';

const SANDBOX = join(ROOT, 'test', 'support', 'sandbox.ts');

interface Sandbox {
  child: ChildProcess;
  stdout: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startSandbox(args: string[], env: NodeJS.ProcessEnv = {}): Sandbox & { ready: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', SANDBOX, ...args], {
    cwd: ROOT, env: { PATH: process.env.PATH, HOME: tmpdir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('Ctrl-C here stops')) resolve(stdout);
    });
    void exited.then((r) => reject(new Error(`sandbox exited (${r.code}) before it was ready: ${r.stderr}${stdout}`)));
  });
  // Tests of a sandbox that refuses to start wait for `exited` only.
  ready.catch(() => {});
  return { child, get stdout() { return stdout; }, exited, ready };
}

/** The `export NAME='value'` lines, unquoted as a POSIX shell would. */
function parseExports(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const match of text.matchAll(/^export ([A-Z_]+)=('(?:[^']|'\\'')*')$/gm)) {
    vars[match[1]!] = match[2]!.slice(1, -1).replace(/'\\''/g, "'");
  }
  return vars;
}

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** Gone, or a zombie nobody reaps (this machine's pid 1 may not): either way it runs no more. */
function processRuns(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function busOwnerPid(address: string, name: string): number {
  const reply = execFileSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
    'org.freedesktop.DBus.GetConnectionUnixProcessID', `string:${name}`],
  { env: { PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: address }, encoding: 'utf8', timeout: 5000 });
  return Number(/uint32 (\d+)/.exec(reply)?.[1]);
}

test('sandbox: the printed exports reach the server and keyring; SIGINT stops everything', async () => {
  const sandbox = startSandbox(['--port', '0']);
  const out = await sandbox.ready;
  const vars = parseExports(out);
  for (const name of ['HOME', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME', 'OPENCLAW_STATE_DIR', 'LITELLM_PROXY_URL', 'LITELLM_MASTER_KEY', 'PATH']) {
    assert.ok(vars[name], `export ${name} is printed:\n${out}`);
  }
  assert.match(out, /^unset OPENCLAW_CONFIG_PATH OPENCLAW_HOME$/m);
  assert.ok(vars.HOME!.startsWith(tmpdir()), 'the sandbox HOME is a throwaway directory');
  assert.ok(vars.PATH!.startsWith(`${join(ROOT, 'bin')}:`), 'ollm from this clone comes first on PATH');
  const port = Number(new URL(vars.LITELLM_PROXY_URL!).port);
  assert.ok(port > 0);

  // "Another terminal": only what the sandbox printed, nothing of this process's environment.
  const env: NodeJS.ProcessEnv = { ...vars, NODE_DISABLE_COMPILE_CACHE: '1' };
  const keyringPids = vars.DBUS_SESSION_BUS_ADDRESS
    ? [busOwnerPid(vars.DBUS_SESSION_BUS_ADDRESS, 'org.freedesktop.DBus'), busOwnerPid(vars.DBUS_SESSION_BUS_ADDRESS, 'org.freedesktop.secrets')]
    : [];
  const createLine = /^ollm (key create .*)$/m.exec(out)![1]!.split(' ');
  const created = await runOllm(createLine, { env });
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stdout, vars.DBUS_SESSION_BUS_ADDRESS ? /Stored in\s+OS keychain/ : /Stored in\s+plain-text file|insecure/i);
  assert.ok(existsSync(join(vars.OPENCLAW_STATE_DIR!, 'openclaw.json')), 'OpenClaw config written inside the sandbox HOME');

  // The printed spend one-liner, with the key ollm hands out.
  const key = (await runOllm(['key', 'get', '--reveal'], { env })).stdout.trim();
  assert.match(out, /curl -sS "\$LITELLM_PROXY_URL\/chat\/completions" -H "Authorization: Bearer \$\(ollm key get --reveal\)"/);
  const chat = await fetch(`${vars.LITELLM_PROXY_URL}/chat/completions`, {
    method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(chat.status, 200);
  const info = await runOllm(['key', 'info', '--json'], { env });
  assert.equal(info.code, 0, info.stderr);
  assert.equal(JSON.parse(info.stdout).spend, 0.25);

  sandbox.child.kill('SIGINT');
  const exit = await sandbox.exited;
  assert.equal(exit.code, 0, exit.stderr);
  assert.match(exit.stderr, /stopped/);
  assert.equal(await portIsOpen(port), false, 'the server port is closed');
  assert.equal(existsSync(vars.HOME!), false, 'the sandbox HOME is removed');
  for (const pid of keyringPids) assert.equal(processRuns(pid), false, `keyring process ${pid} stopped`);
});

test('sandbox: a taken port is one clear line naming --port, exit 1', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as AddressInfo).port;
  try {
    const sandbox = startSandbox(['--port', String(port)]);
    const exit = await sandbox.exited;
    assert.equal(exit.code, 1);
    assert.equal(exit.stderr, `sandbox: port ${port} on 127.0.0.1 is taken (a LiteLLM proxy already running?). Stop it, or pick another port: npm run sandbox -- --port 4001\n`);
  } finally {
    blocker.close();
  }
});

test('sandbox: a bad --port or an unknown argument is exit 2 quoting it', async () => {
  const bad = await startSandbox(['--port', 'abc']).exited;
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'sandbox: --port needs a port number from 0 to 65535, got "abc".\n');
  const unknown = await startSandbox(['--prot', '1']).exited;
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown argument "--prot"; the sandbox takes --port <n> and --real/);
});

test('sandbox --real: without the harness exit 2 says so; with it, the harness is asked for the port, and its failure is the sandbox\'s', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-sandbox-real-'));
  try {
    const missing = await startSandbox(['--real'], { OLLM_REAL_LITELLM_START: join(dir, 'start') }).exited;
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^sandbox: the real-LiteLLM harness is not installed \(.*start does not exist\)/);

    const start = join(dir, 'start');
    writeFileSync(start, '#!/bin/sh\necho "harness got: $*" >&2\nexit 7\n');
    chmodSync(start, 0o755);
    const ran = await startSandbox(['--real', '--port', '4100'], { OLLM_REAL_LITELLM_START: start }).exited;
    assert.equal(ran.code, 7, 'the harness exit status is the sandbox exit status');
    assert.equal(ran.stderr, 'harness got: --port 4100\n');

    // A harness that comes up: its proxy URL and master key are what the export lines name,
    // and Ctrl-C stops it with the rest.
    const up = join(dir, 'up');
    const stopped = join(dir, 'stopped');
    writeFileSync(up, `#!/bin/sh\ntrap 'echo bye > ${stopped}; exit 0' TERM\necho LITELLM_PROXY_URL=http://127.0.0.1:4999\necho LITELLM_MASTER_KEY=sk-master-from-harness\nwhile :; do sleep 1; done\n`);
    chmodSync(up, 0o755);
    const sandbox = startSandbox(['--real', '--port', '0'], { OLLM_REAL_LITELLM_START: up });
    const vars = parseExports(await sandbox.ready);
    assert.equal(vars.LITELLM_PROXY_URL, 'http://127.0.0.1:4999');
    assert.equal(vars.LITELLM_MASTER_KEY, 'sk-master-from-harness');
    assert.match(sandbox.stdout, /The real LiteLLM at http:\/\/127\.0\.0\.1:4999/);
    sandbox.child.kill('SIGINT');
    assert.equal((await sandbox.exited).code, 0);
    assert.equal(readFileSync(stopped, 'utf8'), 'bye\n', 'the harness was stopped');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
