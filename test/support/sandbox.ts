// `npm run sandbox`: the bundled LiteLLM-compatible server on port 4000 (ollm's default proxy URL,
// so no --proxy-url is needed), a private keyring and a throwaway HOME, for trying ollm by hand
// from another terminal. Prints the `export` lines for that terminal; Ctrl-C stops everything.
//   --port <n>  another port (0 = any free one)
//   --real      the real LiteLLM instead (test/real-litellm/start; OLLM_REAL_LITELLM_START names
//               another start script), with the same keyring, HOME and export lines
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportLine } from '../../src/output/shell-quote.ts';
import { ROOT } from './cli.ts';
import { startFakeLiteLLM } from './litellm-server.ts';
import { secretServiceUnavailableReason, startSecretService, type SecretService } from './secret-service.ts';

const MASTER_KEY = 'sk-master-sandbox';
const args = process.argv.slice(2);

function fail(code: number, message: string): never {
  process.stderr.write(`sandbox: ${message}\n`);
  process.exit(code);
}

const real = args.includes('--real');
const startScript = process.env['OLLM_REAL_LITELLM_START'] || join(ROOT, 'test', 'real-litellm', 'start');
if (real && !existsSync(startScript)) {
  fail(2, `the real-LiteLLM harness is not installed (${startScript} does not exist); run \`npm run sandbox\` without --real for the bundled server.`);
}
await runSandbox();

interface SandboxProxy {
  url: string;
  masterKey: string;
  describe: string;
  close(): Promise<void>;
}

async function bundledProxy(port: number): Promise<SandboxProxy> {
  const server = await startFakeLiteLLM({ port, masterKey: MASTER_KEY, costPerRequest: 0.25 });
  return {
    url: server.url, masterKey: MASTER_KEY, close: () => server.close(),
    describe: `LiteLLM-compatible server at ${server.url} (master key ${MASTER_KEY}; every chat request costs $0.25).`,
  };
}

/** The real LiteLLM through its harness, which prints the proxy URL and master key when ready. */
function realProxy(port: number): Promise<SandboxProxy> {
  const child = spawn(startScript, ['--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  return new Promise((resolve) => {
    let out = '';
    child.on('error', (error) => fail(1, `cannot run ${startScript}: ${error.message}`));
    // Before it is ready its exit is the sandbox's (it has said why on stderr).
    void exited.then((code) => { if (!out.includes('LITELLM_MASTER_KEY=')) process.exit(code); });
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /^LITELLM_PROXY_URL=(.+)$/m.exec(out)?.[1];
      const masterKey = /^LITELLM_MASTER_KEY=(.+)$/m.exec(out)?.[1];
      if (!url || !masterKey) return;
      resolve({
        url, masterKey,
        describe: `The real LiteLLM at ${url} with its own Postgres (models claude-sonnet-4-6 and gpt-4o answer with a mock response, priced per token).`,
        close: async () => { child.kill('SIGTERM'); await exited; },
      });
    });
  });
}

function parsePort(): number {
  let text: string | undefined = '4000';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--real') continue;
    if (arg === '--port') text = args[++i];
    else if (arg.startsWith('--port=')) text = arg.slice('--port='.length);
    else fail(2, `unknown argument ${JSON.stringify(arg)}; the sandbox takes --port <n> and --real.`);
  }
  if (text === undefined || !/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    fail(2, `--port needs a port number from 0 to 65535, got ${JSON.stringify(text ?? '')}.`);
  }
  return Number(text);
}

// The server helper has no error path for a taken port, so ask the port first: a clear line
// beats a stack trace (a port taken in between the two is a crash, which is rare enough).
function portIsFree(port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function runSandbox(): Promise<void> {
  const port = parsePort();
  if (!(await portIsFree(port))) {
    fail(1, `port ${port} on 127.0.0.1 is taken (a LiteLLM proxy already running?). Stop it, or pick another port: npm run sandbox -- --port 4001`);
  }

  // The proxy first: a harness that cannot start exits the sandbox before a keyring is left behind.
  const server = real ? await realProxy(port) : await bundledProxy(port);
  const unavailable = secretServiceUnavailableReason();
  const keyring: SecretService | undefined = unavailable ? undefined : await startSecretService();
  const home = mkdtempSync(join(tmpdir(), 'ollm-sandbox-'));
  mkdirSync(join(home, '.config'));

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    keyring?.stop();
    rmSync(home, { recursive: true, force: true });
    process.stderr.write('sandbox: stopped; the server, the keyring and the sandbox HOME are gone.\n');
    process.exit(0);
  };
  // A terminal's Ctrl-C reaches the harness too (same process group); it stops itself, and
  // stop() waits for it.
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  // A new HOME and XDG dirs so nothing ollm or OpenClaw writes touches the user's own files;
  // OpenClaw's own path variables would win over HOME, so they point inside it or are unset.
  const exports: Array<[string, string]> = [
    ['HOME', home],
    ['XDG_CONFIG_HOME', join(home, '.config')],
    ['XDG_STATE_HOME', join(home, '.local', 'state')],
    ['OPENCLAW_STATE_DIR', join(home, '.openclaw')],
    ['LITELLM_PROXY_URL', server.url],
    ['LITELLM_MASTER_KEY', server.masterKey],
    ['PATH', `${join(ROOT, 'bin')}:${process.env['PATH'] ?? ''}`],
  ];
  if (keyring) exports.unshift(['DBUS_SESSION_BUS_ADDRESS', keyring.env.DBUS_SESSION_BUS_ADDRESS]);

  const out = [
    server.describe,
    keyring
      ? 'Private keyring (gnome-keyring on its own D-Bus session): your own keyring is not touched.'
      : `No Secret Service here (${unavailable}): add --insecure-storage to \`ollm key create\` and \`ollm login\`.`,
    `Throwaway HOME ${home}, removed when the sandbox stops.`,
    '',
    'In another terminal:',
    '',
    ...exports.map(([name, value]) => exportLine('posix', name, value)),
    'unset OPENCLAW_CONFIG_PATH OPENCLAW_HOME',
    '',
    'Then, for example:',
    '',
    `ollm key create --budget 5 --monthly${keyring ? '' : ' --insecure-storage'}`,
    `curl -sS "$LITELLM_PROXY_URL/chat/completions" -H "Authorization: Bearer $(ollm key get --reveal)" -H 'Content-Type: application/json' -d '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}'`,
    'ollm key info && ollm doctor && ollm spend --days 7',
    '',
    'Ctrl-C here stops the server and the keyring.',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
