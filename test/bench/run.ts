// `npm run bench`: how fast ollm is, as ratios against baselines measured in the same run on the
// same machine (medians after warm-up; peak RSS from GNU time). Prints a Markdown table.
// BENCH_RUNS (default 12), BENCH_BULK (fleet sizes rotated, default "100,1000"), BENCH_NODE (the
// Node that runs ollm and the baselines, default this one — e.g. a Node 24 to see its compile cache
// at work), BENCH_ONLY (comma-separated groups to run: version, help, info, get, helpers, lines,
// create, bulk, real — default all but real), BENCH_REAL=1 (add the real-LiteLLM fleet row;
// BENCH_REAL_KEYS keys, default 100).
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { startFakeLiteLLM } from '../support/litellm-server.ts';
import { makeHome, OLLM, ROOT } from '../support/cli.ts';
import { secretServiceUnavailableReason, startSecretService, type SecretService } from '../support/secret-service.ts';
import { keyHelperEntry, writeKeyHelperLauncher } from '../../src/io/key-helper-launcher.ts';
import { helperArgv } from '../../src/assistants/claude-code/helper-command.ts';
import { RESOLVER_ARGS } from '../../src/assistants/openclaw/resolver.ts';
import { measure, pairRow, runOnce, RUNS, WARMUP, type Row, type Run, type Sample } from './measure.ts';
import { BULK_SIZES, fleetRows, realLiteLLMRow } from './fleet.ts';

const GROUPS = ['version', 'help', 'info', 'get', 'helpers', 'lines', 'create', 'bulk', 'real'];
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((g) => g.trim()).filter(Boolean) : [];
const unknown = ONLY.filter((g) => !GROUPS.includes(g));
if (unknown.length > 0) throw new Error(`BENCH_ONLY: no group ${unknown.join(', ')} (the groups: ${GROUPS.join(', ')})`);
/** A group runs when BENCH_ONLY names it; without BENCH_ONLY every group but the real LiteLLM's (BENCH_REAL=1 adds it). */
const wants = (group: string) => (ONLY.length ? ONLY.includes(group) : group !== 'real' || process.env.BENCH_REAL === '1');

const node = process.env.BENCH_NODE || process.execPath;
const nodeVersion = await new Promise<string>((resolve) => {
  const child = spawn(node, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (c) => { out += c; });
  child.on('close', () => resolve(out.trim()));
});
const loadBefore = loadavg()[0]!;
const cpus = availableParallelism();
const ollm = (...args: string[]) => [node, OLLM, ...args];

let keyring: SecretService | undefined;
const server = await startFakeLiteLLM();
const home = makeHome();
try {
  const unavailable = secretServiceUnavailableReason();
  if (unavailable) throw new Error(`the benchmark needs a Secret Service: ${unavailable}`);
  keyring = await startSecretService();
  const env: NodeJS.ProcessEnv = { ...home.env, ...keyring.env, LITELLM_PROXY_URL: server.url, LITELLM_MASTER_KEY: server.masterKey!, NODE_DISABLE_COMPILE_CACHE: undefined };
  const rows: Row[] = [];

  // Start-up.
  const nodeE0: Run = { argv: [node, '-e', '0'], env };
  if (wants('version')) rows.push(await pairRow('ollm --version', { argv: ollm('--version'), env }, 'node -e 0', nodeE0, { text: '≤ 1.3×', max: 1.3 }));
  if (wants('help')) rows.push(await pairRow('ollm --help', { argv: ollm('--help'), env }, 'node -e 0', nodeE0, { text: '≤ 1.3×', max: 1.3 }));

  // The key that key info and the keychain reads below use.
  await runOnce(ollm('key', 'create', '--budget', '50', '--monthly', '--write', 'none'), env);
  // One request: key info with the stored key, against bare scripts doing the same request.
  const key = server.findByAlias('openclaw')!.key;
  const url = new URL('/key/info', server.url);
  const httpScript = `require('http').get({host:'${url.hostname}',port:${url.port},path:'/key/info',headers:{authorization:'Bearer '+process.env.K}},r=>{let b='';r.on('data',c=>b+=c);r.on('end',()=>process.stdout.write(b))})`;
  const fetchScript = `fetch('${url.href}',{headers:{authorization:'Bearer '+process.env.K}}).then(r=>r.text()).then(t=>process.stdout.write(t))`;
  // The keychain read both bare scripts below do as ollm does: require() (the package is CommonJS;
  // import() of it is ~25 ms slower, which would flatter the ratios).
  const account = `openclaw@${server.url}`;
  const readKeyring = `const entry = new (require('@napi-rs/keyring').AsyncEntry)('ollm', ${JSON.stringify(account)}, { linux: { store: 'secret-service' } })`;
  const keyringScript = `${readKeyring}; entry.getPassword().then((k) => process.stdout.write(k ?? ''))`;
  const keyringHttpScript = `${readKeyring}; entry.getPassword().then((k) => require('http').get({host:'${url.hostname}',port:${url.port},path:'/key/info',headers:{authorization:'Bearer '+k}},r=>{let b='';r.on('data',c=>b+=c);r.on('end',()=>process.stdout.write(b))}))`;
  const withKey = { ...env, K: key };
  const info: Run = { argv: ollm('key', 'info', '--json'), env };
  if (wants('info')) {
    rows.push(await pairRow('ollm key info --json', info, 'bare node:http request', { argv: [node, '-e', httpScript], env: withKey }, { text: '≤ 1.6×', max: 1.6 }));
    rows.push(await pairRow('ollm key info --json', info, 'bare global fetch request', { argv: [node, '-e', fetchScript], env: withKey }));
    rows.push(await pairRow('ollm key info --json', info, 'bare keychain read + node:http request (what ollm does)', { argv: [node, '-e', keyringHttpScript], env }));
  }

  // Keychain read, against a bare @napi-rs/keyring script reading the same entry.
  const bareKeyring: Run = { argv: [node, '-e', keyringScript], env };
  const keyringGoal = { text: '≤ 1.3×', max: 1.3 };
  if (wants('get')) rows.push(await pairRow('ollm key get --reveal', { argv: ollm('key', 'get', '--reveal'), env }, 'bare @napi-rs/keyring read', bareKeyring, keyringGoal));

  // The assistants' key helpers, each as the assistant runs it, in the bare environment the
  // assistant gives it (the proxy named by the flag): what they run is dist/key-helper.cjs.
  const helperEnv = { ...home.env, ...keyring.env, NODE_DISABLE_COMPILE_CACHE: undefined };
  const helper = keyHelperEntry(OLLM);
  const launchers = join(home.dir, 'launchers');
  const resolver = await writeKeyHelperLauncher(join(launchers, 'openclaw-resolver'), 'the bench', helper);
  const claudeLauncher = await writeKeyHelperLauncher(join(launchers, 'claude-code-key-helper'), 'the bench', helper);
  const resolveRequest = JSON.stringify({ protocolVersion: 1, provider: 'ollm', ids: [`openclaw/${server.url}`] });
  const getLine = ['key', 'get', '--reveal', '--alias', 'openclaw', '--proxy-url', server.url];
  if (wants('helpers')) rows.push(await pairRow('OpenClaw: resolver launcher, openclaw resolve', { argv: [node, resolver, ...RESOLVER_ARGS], env: helperEnv, input: resolveRequest }, 'bare @napi-rs/keyring read', bareKeyring, keyringGoal));
  if (wants('helpers')) rows.push(await pairRow('Claude Code: apiKeyHelper launcher, key get --reveal --quiet', { argv: helperArgv(claudeLauncher, 'openclaw', server.url, node), env: helperEnv }, 'bare @napi-rs/keyring read', bareKeyring, keyringGoal));
  if (wants('helpers')) rows.push(await pairRow('Codex auth command, shell profile lookup: key-helper.cjs key get --reveal', { argv: [node, helper, ...getLine], env: helperEnv }, 'bare @napi-rs/keyring read', bareKeyring, keyringGoal));
  // What every helper ran before the key helper: the full CLI with the same line (bin/ollm now
  // hands key get to the helper, so the CLI's own entry).
  if (wants('helpers')) rows.push(await pairRow('before: the full CLI (node dist/cli.js) with that line', { argv: [node, join(ROOT, 'dist', 'cli.js'), ...getLine], env: helperEnv }, 'bare @napi-rs/keyring read', bareKeyring));

  // Lines with positionals and `--`, which went through yargs before ollm had one parser (docs/parsing.md).
  if (wants('lines')) {
    const bare = await measure([node, '-e', '0'], env);
    rows.push({ name: 'ollm config set style litellm', median: await measure(ollm('config', 'set', 'style', 'litellm'), env), baseline: { name: 'node -e 0', median: bare } });
    rows.push({ name: 'ollm exec -- true', median: await measure(ollm('exec', '--', 'true'), env), baseline: { name: 'node -e 0', median: bare } });
  }

  // key create end to end (with the OpenClaw config target), each run a new alias.
  if (wants('create')) {
    let n = 0;
    // --replace: each new alias takes OpenClaw's key over from the one before; without it ollm refuses (exit 2).
    const createOnce = () => runOnce(ollm('key', 'create', '--alias', `bench-${n++}`, '--budget', '50', '--monthly', '--write', 'openclaw', '--replace'), env);
    for (let i = 0; i < WARMUP; i++) await createOnce();
    const creates: Sample[] = [];
    for (let i = 0; i < Math.min(RUNS, 10); i++) creates.push(await createOnce());
    creates.sort((a, b) => a.ms - b.ms);
    rows.push({ name: 'ollm key create --budget 50 --monthly --write openclaw --replace', median: { ms: creates[Math.floor(creates.length / 2)]!.ms, rssMb: Math.max(...creates.map((c) => c.rssMb)) } });
  }

  // Fleet rotation (issue 22): keys held elsewhere (`--match --reveal`) and keys held here (`--all`),
  // against the sequential curl loop LiteLLM's page teaches; on the real LiteLLM (opt-in), against
  // the same generate + delete requests fired concurrently by a bare script.
  if (wants('bulk')) {
    for (const size of BULK_SIZES) rows.push(...await fleetRows(server, keyring, node, size));
  }
  if (wants('real')) rows.push(await realLiteLLMRow(keyring, node));

  printTable(rows);
} finally {
  keyring?.stop();
  await server.close();
  home.cleanup();
}

function printTable(rows: Row[]): void {
  const lines = [
    `Node ${nodeVersion}, ${RUNS} runs after ${WARMUP} warm-up (median); peak RSS is the largest of the runs.`,
    `Load average (1 min) on ${cpus} CPUs: ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after — above ${cpus} the figures are noisy.`,
    '',
    '| measurement | median | baseline (same run) | baseline median | ratio | goal | peak RSS (goal ≤ 80 MB) |',
    '|---|---:|---|---:|---:|---|---:|',
  ];
  for (const row of rows) {
    const ratio = row.baseline ? row.median.ms / row.baseline.median.ms : undefined;
    const verdict = ratio !== undefined && row.ratioOk ? (row.ratioOk(ratio) ? ' ✓' : ' ✗') : '';
    lines.push(`| ${row.name} | ${row.median.ms.toFixed(0)} ms | ${row.baseline?.name ?? '—'} | ${row.baseline ? `${row.baseline.median.ms.toFixed(0)} ms` : '—'} | ${ratio !== undefined ? `${ratio.toFixed(2)}×` : '—'} | ${row.goal ? `${row.goal}${verdict}` : '—'} | ${row.median.rssMb.toFixed(0)} MB${row.median.rssMb <= 80 ? ' ✓' : ' ✗'} |`);
  }
  console.log(lines.join('\n'));
}
