// The bench's fleet-rotation rows (issue 22): `ollm key rotate` of many keys, once per size (a run
// of 1000 keys takes tens of seconds; medians of repeats would take the machine for an hour).
//
// - keys held elsewhere: `--match 'fleet-*' --reveal --concurrency 8` (an admin's fleet: the keys
//   are only on the proxy; ollm parks each new secret in the keychain until it is printed);
// - keys held here: `--all --concurrency 8` (each key in the keychain and ollm's target list).
// Baseline on the bundled server: the sequential curl generate + delete loop of LiteLLM's OpenClaw
// page. On the real LiteLLM (opt-in): the proxy's own ceiling, the same generate + delete requests
// fired 8 at a time by a bare script over keep-alive connections, no client work.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeLiteLLM } from '../support/litellm-server.ts';
import { makeHome, OLLM, ROOT } from '../support/cli.ts';
import type { SecretService } from '../support/secret-service.ts';
import { runOnce, type Row } from './measure.ts';

/** BENCH_BULK: the fleet sizes, comma-separated. */
export const BULK_SIZES = (process.env.BENCH_BULK ?? '100,1000').split(',').map(Number).filter((n) => n > 0);
const REAL_KEYS = Number(process.env.BENCH_REAL_KEYS) || 100;
const CONCURRENCY = '8';
const FLEET_GOAL = { goal: '≤ 0.5× (twice as fast)', ratioOk: (r: number) => r <= 0.5 };

/**
 * Store secrets in the bench's keyring, 100 per process (secret-tool would start one per entry;
 * each Entry keeps its own D-Bus connection until it is collected, and the bus allows 256).
 */
async function seedKeychain(keyring: SecretService, entries: Array<{ account: string; secret: string }>): Promise<void> {
  const script = `const { Entry } = require('@napi-rs/keyring');
let input = ''; process.stdin.on('data', (c) => { input += c; }).on('end', () => {
  for (const { account, secret } of JSON.parse(input)) new Entry('ollm', account, { linux: { store: 'secret-service' } }).setPassword(secret);
});`;
  for (let i = 0; i < entries.length; i += 100) {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, env: { PATH: process.env.PATH, ...keyring.env }, stdio: ['pipe', 'ignore', 'inherit'] });
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`seeding the keychain failed (${code})`))));
      child.stdin.end(JSON.stringify(entries.slice(i, i + 100)));
    });
  }
}

/** A home whose target list holds these accounts (what `--all` rotates). */
function homeHolding(accounts: string[]) {
  const home = makeHome();
  const state = join(home.dir, '.local', 'state', 'ollm');
  mkdirSync(state, { recursive: true, mode: 0o700 });
  writeFileSync(join(state, 'targets.json'), JSON.stringify({ version: 1, accounts: Object.fromEntries(accounts.map((a) => [a, []])) }), { mode: 0o600 });
  return home;
}

function seedFleet(server: FakeLiteLLM, size: number): Array<{ alias: string; key: string }> {
  server.reset();
  return Array.from({ length: size }, (_, i) => {
    const alias = `fleet-${i}`;
    return { alias, key: server.addKey({ key_alias: alias, max_budget: 10, budget_duration: '1mo' }).key };
  });
}

/** The two fleet rows of one size against the bundled server, with the curl loop as baseline. */
export async function fleetRows(server: FakeLiteLLM, keyring: SecretService, node: string, size: number): Promise<Row[]> {
  const proxyEnv = { ...keyring.env, LITELLM_PROXY_URL: server.url, LITELLM_MASTER_KEY: server.masterKey!, NODE_DISABLE_COMPILE_CACHE: undefined };
  const rotate = (...args: string[]) => [node, OLLM, 'key', 'rotate', ...args, '--concurrency', CONCURRENCY, '--json'];

  // Held elsewhere: only the proxy has them.
  seedFleet(server, size);
  const remoteHome = makeHome();
  const remote = await runOnce(rotate('--match', 'fleet-*', '--reveal'), { ...remoteHome.env, ...proxyEnv }).finally(() => remoteHome.cleanup());

  // Held here: in the keychain and the target list.
  const held = seedFleet(server, size).map(({ alias, key }) => ({ account: `${alias}@${server.url}`, secret: key }));
  await seedKeychain(keyring, held);
  const heldHome = homeHolding(held.map((h) => h.account));
  const local = await runOnce(rotate('--all'), { ...heldHome.env, ...proxyEnv }).finally(() => heldHome.cleanup());

  server.reset();
  const curlLoop = `for i in $(seq 1 ${size}); do
    curl -s -X POST "$P/key/generate" -H "Authorization: Bearer $M" -H "Content-Type: application/json" -d "{\\"key_alias\\": \\"curl-$i\\", \\"max_budget\\": 10, \\"budget_duration\\": \\"1mo\\"}" > /dev/null
    curl -s -X POST "$P/key/delete" -H "Authorization: Bearer $M" -H "Content-Type: application/json" -d "{\\"key_aliases\\": [\\"curl-$i\\"]}" > /dev/null
  done`;
  const curl = await runOnce(['bash', '-c', curlLoop], { PATH: process.env.PATH, P: server.url, M: server.masterKey! });
  const baseline = { name: `sequential curl generate+delete loop (${size})`, median: curl };
  return [
    { name: `held elsewhere: ollm key rotate --match --reveal (${size} keys, --concurrency 8)`, median: remote, baseline, ...FLEET_GOAL },
    { name: `held here: ollm key rotate --all (${size} keys, --concurrency 8)`, median: local, baseline, ...FLEET_GOAL },
  ];
}

/** A bare script: `size` generate + delete pairs, 8 at a time, keep-alive, nothing else. */
const CEILING_SCRIPT = `const http = require('http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const url = new URL(process.env.P);
const post = (path, body) => new Promise((resolve, reject) => {
  const data = JSON.stringify(body);
  const req = http.request({ host: url.hostname, port: url.port, path, method: 'POST', agent,
    headers: { authorization: 'Bearer ' + process.env.M, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
    let text = ''; res.on('data', (c) => { text += c; }); res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(path + ' ' + res.statusCode + ' ' + text))));
  });
  req.on('error', reject); req.end(data);
});
let next = 0;
const worker = async () => { while (next < Number(process.env.N)) { const i = next++;
  const made = await post('/key/generate', { key_alias: 'ceiling-' + i, max_budget: 10, budget_duration: '1mo' });
  await post('/key/delete', { keys: [made.key] }); } };
Promise.all(Array.from({ length: 8 }, worker)).then(() => agent.destroy(), (e) => { console.error(e.message); process.exit(1); });`;

/** The fleet row against the real LiteLLM, with the proxy's own ceiling as baseline. */
export async function realLiteLLMRow(keyring: SecretService, node: string): Promise<Row> {
  const { startRealLiteLLM } = await import('../support/real-litellm.ts');
  const proxy = await startRealLiteLLM();
  const home = makeHome();
  try {
    // Through the real proxy directly (the tap would add a hop to every request).
    const env = { ...home.env, ...keyring.env, LITELLM_PROXY_URL: proxy.directUrl, LITELLM_MASTER_KEY: proxy.masterKey, NODE_DISABLE_COMPILE_CACHE: undefined };
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < REAL_KEYS) {
        const { status, body } = await proxy.call('POST', '/key/generate', { body: { key_alias: `fleet-${next++}`, max_budget: 10, budget_duration: '1mo' } });
        if (status !== 200) throw new Error(`seeding the real LiteLLM failed: ${status} ${JSON.stringify(body)}`);
      }
    }));
    const ceiling = await runOnce([node, '-e', CEILING_SCRIPT], { PATH: process.env.PATH, P: proxy.directUrl, M: proxy.masterKey, N: String(REAL_KEYS) });
    const rotated = await runOnce([node, OLLM, 'key', 'rotate', '--match', 'fleet-*', '--reveal', '--concurrency', CONCURRENCY, '--json'], env);
    return {
      name: `real LiteLLM, held elsewhere: ollm key rotate --match --reveal (${REAL_KEYS} keys, --concurrency 8)`, median: rotated,
      baseline: { name: `the proxy's ceiling: ${REAL_KEYS} generate + delete, 8 at a time, bare script`, median: ceiling },
      goal: '≤ 1.5×', ratioOk: (r) => r <= 1.5,
    };
  } finally {
    home.cleanup();
    await proxy.stop();
  }
}
