// `npm run demo`: shows ollm's main job end to end in a throwaway HOME — against the bundled
// LiteLLM-compatible server, or against a real proxy when LITELLM_PROXY_URL and
// LITELLM_MASTER_KEY are set (then the demo key gets a unique alias and is revoked at the end).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome, runOllm, type RunResult } from './cli.ts';
import { startFakeLiteLLM, type FakeLiteLLM } from './litellm-server.ts';
import { secretServiceUnavailableReason, startSecretService, type SecretService } from './secret-service.ts';

const bold = (s: string) => (process.stdout.isTTY ? `\u001b[1m${s}\u001b[22m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\u001b[2m${s}\u001b[22m` : s);

function show(command: string, result: RunResult): void {
  console.log(`\n${bold(`$ ${command}`)}`);
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stdout.write(dim(result.stderr));
  if (result.code !== 0) console.log(dim(`(exit ${result.code})`));
}

const realProxy = process.env.LITELLM_PROXY_URL && process.env.LITELLM_MASTER_KEY;
let server: FakeLiteLLM | undefined;
let keyring: SecretService | undefined;
const home = makeHome();
let failed = false;

try {
  if (!realProxy) {
    server = await startFakeLiteLLM({ masterKey: 'sk-master-demo', costPerRequest: 1.25 });
    console.log(dim(`Bundled LiteLLM-compatible server at ${server.url} (master key sk-master-demo).`));
  }
  const proxyUrl = realProxy ? process.env.LITELLM_PROXY_URL! : server!.url;
  const masterKey = realProxy ? process.env.LITELLM_MASTER_KEY! : server!.masterKey!;
  const alias = realProxy ? `ollm-demo-${Date.now().toString(36)}` : 'openclaw';

  const unavailable = secretServiceUnavailableReason();
  const storageFlags: string[] = [];
  if (unavailable) {
    storageFlags.push('--insecure-storage');
    console.log(dim(`No Secret Service on this machine (${unavailable}); the demo uses --insecure-storage.`));
  } else {
    keyring = await startSecretService();
    console.log(dim('Private Secret Service (gnome-keyring) started for the demo; your own keyring is not touched.'));
  }
  console.log(dim(`Throwaway HOME: ${home.dir}`));

  const env = { ...home.env, ...(keyring?.env ?? {}), LITELLM_PROXY_URL: proxyUrl, LITELLM_MASTER_KEY: masterKey };
  const aliasFlags = alias === 'openclaw' ? [] : ['--alias', alias];

  const create = await runOllm(['key', 'create', '--budget', '50', '--monthly', ...aliasFlags, ...storageFlags], { env });
  show(`ollm key create --budget 50 --monthly${aliasFlags.length ? ` --alias ${alias}` : ''}${storageFlags.length ? ' --insecure-storage' : ''}`, create);
  if (create.code !== 0) throw new Error('key create failed');

  const configFile = join(home.dir, '.openclaw', 'openclaw.json');
  if (existsSync(configFile)) {
    console.log(`\n${bold('$ cat ~/.openclaw/openclaw.json')}   ${dim('# what OpenClaw will read (key masked here)')}`);
    process.stdout.write(readFileSync(configFile, 'utf8').replace(/sk-[A-Za-z0-9_-]{16,}/g, (k) => `sk-…${k.slice(-4)}`));
  }

  if (server) {
    // What OpenClaw would do: a few chat requests with the new key, so the proxy books spend.
    const key = server.findByAlias(alias)!.key;
    for (let i = 0; i < 3; i++) {
      await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
      }).then((r) => r.text());
    }
    console.log(dim('\n(three chat requests made with the new key, as OpenClaw would)'));
  }

  const infoEnv = { ...env, LITELLM_MASTER_KEY: undefined };
  show(`ollm key info${aliasFlags.length ? ` --alias ${alias}` : ''}   # no master key needed`, await runOllm(['key', 'info', ...aliasFlags], { env: infoEnv }));
  show(`ollm key info --json${aliasFlags.length ? ` --alias ${alias}` : ''}`, await runOllm(['key', 'info', '--json', ...aliasFlags], { env: infoEnv }));
  show(`ollm key get${aliasFlags.length ? ` --alias ${alias}` : ''}`, await runOllm(['key', 'get', ...aliasFlags], { env: infoEnv }));
  show('ollm key list', await runOllm(['key', 'list'], { env }));
  // Day two: is everything in place, and where is the budget going?
  show(`ollm doctor${aliasFlags.length ? ` --alias ${alias}` : ''}`, await runOllm(['doctor', ...aliasFlags], { env }));
  show(`ollm spend --days 7${aliasFlags.length ? ` --alias ${alias}` : ''}`, await runOllm(['spend', '--days', '7', ...aliasFlags], { env }));
  if (realProxy) show(`ollm key revoke --alias ${alias} --yes`, await runOllm(['key', 'revoke', '--alias', alias, '--yes'], { env }));
} catch (error) {
  failed = true;
  console.error(`demo failed: ${(error as Error).message}`);
} finally {
  keyring?.stop();
  await server?.close();
  home.cleanup();
}
process.exit(failed ? 1 : 0);
