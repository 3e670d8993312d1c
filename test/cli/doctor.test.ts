// `ollm doctor` against the LiteLLM-compatible server, a real Secret Service and real files: each
// check finds what it should, says so once (later checks are skipped, not failed twice), and the
// fix it prints — run as printed — makes the check pass. Where no Secret Service runs, the spawned
// world keeps the key in the file store (fixture.ts): the checks of the proxy, the key, OpenClaw's
// config, the exec provider and file modes run there; the tests whose findings or fixes are the
// keychain's (no key held here, a saved master key, a locked keychain, the keychain style) keep
// the needsSecretService gate. `openclaw` is kept off PATH here
// (OLLM_OPENCLAW_BIN=''); the real OpenClaw is test/e2e/doctor-openclaw.test.ts.
import { beforeEach, afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { openWorld, json, type World } from '../support/fixture.ts';
import { OLLM, needsSecretService } from '../support/cli.ts';
import { startSecretService } from '../support/secret-service.ts';
import { runInTerminal } from '../support/terminal.ts';

let world: World;
let shim: string;
/** How far the fake proxy's clock runs ahead of the real one: lets a key expire without waiting. */
let proxyClockAheadMs = 0;

beforeEach(async () => {
  proxyClockAheadMs = 0;
  // Spawned: a printed fix is run as printed, by the binary on PATH, against the real keychain
  // (without a Secret Service: the file store, where world.storeFlags keeps the key).
  world = await openWorld({ now: () => new Date(Date.now() + proxyClockAheadMs), spawned: true });
  // `ollm` on PATH, so a printed fix can be run exactly as printed.
  shim = mkdtempSync(join(tmpdir(), 'ollm-shim-'));
  symlinkSync(OLLM, join(shim, 'ollm'));
});
afterEach(async () => {
  rmSync(shim, { recursive: true, force: true });
  await world.close();
});

interface Check { id: string; status: 'ok' | 'warn' | 'fail' | 'skip'; message: string; fix: string | null }
interface Report { ok: boolean; checks: Check[]; proxy_url: string; alias: string }

const configPath = () => join(world.home.dir, '.openclaw', 'openclaw.json');
const dotenvPath = () => join(world.home.dir, '.openclaw', '.env');

/** World env without the real openclaw, with the shim on PATH. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return world.env({ OLLM_OPENCLAW_BIN: '', PATH: [shim, process.env.PATH].join(delimiter), ...extra });
}

async function doctor(args: string[] = [], extra: NodeJS.ProcessEnv = {}) {
  const result = await world.ollm(['doctor', '--json', ...args], { env: env(extra) });
  const report = json<Report>(result);
  const check = (id: string): Check => {
    const found = report.checks.find((c) => c.id === id);
    assert.ok(found, `no check ${id}`);
    return found;
  };
  return { result, report, check };
}

/** Run a printed fix in a shell, as a user would paste it (async: the proxy answers from this process). */
async function runFix(fix: string | null, extra: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string }> {
  assert.ok(fix, 'a fix was printed');
  const child = spawn('sh', ['-c', fix], { env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  assert.equal(code, 0, `fix failed: ${fix}\n${stdout}\n${stderr}`);
  return { stdout, stderr };
}

/**
 * The doctor prints curl commands for what ollm has no command for. Their exact shape is
 * asserted, then the same request is made here (curl need not be installed on CI machines).
 */
async function runProxyCallFix(fix: string | null, replacements: Record<string, string> = {}): Promise<void> {
  const match = /^curl -sS -X POST (\S+) -H "Authorization: Bearer \$LITELLM_MASTER_KEY" -H 'Content-Type: application\/json' -d '(.*)'$/.exec(fix ?? '');
  assert.ok(match, `not a proxy call: ${fix}`);
  let body = match[2]!;
  for (const [from, to] of Object.entries(replacements)) body = body.replace(from, to);
  const response = await fetch(match[1]!, {
    method: 'POST', body, headers: { authorization: `Bearer ${world.server.masterKey}`, 'content-type': 'application/json' },
  });
  assert.equal(response.status, 200, await response.text());
}

async function createKey(args: string[] = ['--budget', '50', '--monthly']): Promise<string> {
  const result = await world.ollm(['key', 'create', ...world.storeFlags, ...args], { env: env() });
  assert.equal(result.code, 0, result.stderr);
  return world.server.keys().at(-1)!.key;
}

function writeConfig(text: string): void {
  mkdirSync(join(world.home.dir, '.openclaw'), { recursive: true, mode: 0o700 });
  writeFileSync(configPath(), text, { mode: 0o600 });
}

const statuses = (report: Report) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));

test('a healthy setup: every check passes, exit 0, nothing secret printed', async () => {
  const key = await createKey();
  const { result, report } = await doctor();
  assert.equal(result.code, 0, result.stdout);
  assert.equal(report.ok, true);
  assert.equal(report.alias, 'openclaw');
  assert.equal(report.proxy_url, world.server.url);
  assert.deepEqual(statuses(report), {
    'proxy': 'ok', 'master-key': 'ok', 'stored-key': 'ok', 'budget': 'ok', 'keychain': 'ok', 'locks': 'ok', 'openclaw-config': 'ok',
    'openclaw-valid': 'ok', 'openclaw-provider': 'ok', 'openclaw-default-model': 'ok', 'openclaw-key': 'ok', 'legacy-env': 'ok', 'env-refs': 'ok',
    'profile-block': 'skip', 'file-modes': 'ok', 'exec-provider': 'skip', 'schedule': 'skip',
  });
  for (const check of report.checks) assert.deepEqual(Object.keys(check), ['id', 'status', 'message', 'fix']);
  assert.match(report.checks.find((c) => c.id === 'proxy')!.message, /version not reported, database connected/, '1.84+ readiness names no version');
  assert.match(report.checks.find((c) => c.id === 'openclaw-key')!.message, new RegExp(`sk-…${key.slice(-4)}, from LITELLM_API_KEY in env\\.vars`));
  assert.ok(!result.stdout.includes(key) && !result.stderr.includes(key), 'the key is masked');
  assert.ok(!result.stdout.includes(world.server.masterKey!), 'the master key never appears');

  const human = await world.ollm(['doctor'], { env: env() });
  assert.equal(human.code, 0);
  assert.match(human.stdout, /^✓ Proxy\s+http:\/\/127\.0\.0\.1:\d+ is up/m);
  assert.match(human.stdout, /^- Exec provider\s+Not used/m);
  assert.match(human.stdout, /\n\n✓ 14 passed, 3 skipped \(key "openclaw" on http:\/\/127\.0\.0\.1:\d+\)\. OpenClaw is set up to use this key\.\n$/);
  assert.doesNotMatch(human.stdout + human.stderr, /\u001b|⠋/, 'no colour and no spinner on a pipe');
});

// No key held anywhere: the doctor asks the keychain, and its fix `ollm key create` keeps the key there.
test('a fresh machine: no key and no OpenClaw config fail once each; what depends on them is skipped', needsSecretService, async () => {
  const { result, report, check } = await doctor();
  assert.equal(result.code, 1);
  assert.equal(report.ok, false);
  assert.equal(check('stored-key').status, 'fail');
  assert.equal(check('stored-key').fix, 'ollm key create');
  assert.equal(check('openclaw-config').status, 'fail');
  assert.match(check('openclaw-config').message, /No OpenClaw config at .*\.openclaw\/openclaw\.json \(the default path\)/);
  for (const id of ['budget', 'openclaw-valid', 'openclaw-provider', 'openclaw-default-model', 'openclaw-key', 'legacy-env', 'env-refs', 'exec-provider']) {
    assert.equal(check(id).status, 'skip', id);
    assert.equal(check(id).fix, null);
  }
  assert.equal(report.checks.filter((c) => c.status === 'fail').length, 2, 'nothing failed twice');
  for (const c of report.checks.filter((c) => c.status === 'warn' || c.status === 'fail')) assert.ok(c.fix, `${c.id} has a fix`);

  await runFix(check('stored-key').fix);
  assert.equal((await doctor()).result.code, 0, 'the printed fix is all it takes');
});

// Without LITELLM_MASTER_KEY the doctor looks for a saved one, in the keychain too.
test('no master key: the admin check is skipped with its reason (not a warning), and the rest runs with the stored key', needsSecretService, async () => {
  await createKey();
  const before = world.server.requests.length;
  const { result, check } = await doctor([], { LITELLM_MASTER_KEY: undefined });
  assert.equal(result.code, 0);
  assert.equal(check('master-key').status, 'skip');
  assert.match(check('master-key').message, /No master key here \(the recommended setup where OpenClaw runs\)/);
  assert.equal(check('master-key').fix, null);
  assert.equal(check('stored-key').status, 'ok');
  assert.equal(check('budget').status, 'ok');
  const asked = world.server.requests.slice(before).filter((r) => r.path === '/key/info');
  assert.deepEqual(asked.map((r) => r.authKey), [world.server.keys()[0]!.key], 'only the virtual key asked about itself');
  const human = await world.ollm(['doctor'], { env: env({ LITELLM_MASTER_KEY: undefined }) });
  assert.match(human.stdout, /^- Master key +No master key here/m, 'shown as skipped, not as a warning');
  assert.doesNotMatch(human.stdout, /warning/, 'the summary counts no warning for it');
});

test('a master key that is really a virtual key fails the admin check, and only that one', async () => {
  const key = await createKey();
  const { result, check } = await doctor([], { LITELLM_MASTER_KEY: key });
  assert.equal(result.code, 1);
  assert.equal(check('master-key').status, 'fail');
  assert.match(check('master-key').message, /virtual key of this proxy, not its master key/);
  assert.match(check('master-key').fix!, /LITELLM_MASTER_KEY/);
  assert.equal(check('stored-key').status, 'ok');
});

// For that proxy no key is held here, so the keychain is asked (and its check must pass).
test('an unreachable proxy fails once; the proxy checks are skipped, the local ones still run', needsSecretService, async () => {
  await createKey();
  const { result, check } = await doctor(['--timeout', '2'], { LITELLM_PROXY_URL: 'http://127.0.0.1:9' });
  assert.equal(result.code, 1);
  assert.equal(check('proxy').status, 'fail');
  assert.match(check('proxy').message, /Nothing is listening at http:\/\/127\.0\.0\.1:9/);
  assert.equal(check('proxy').fix, 'export LITELLM_PROXY_URL=<URL of your LiteLLM proxy>');
  for (const id of ['master-key', 'stored-key', 'budget']) assert.equal(check(id).status, 'skip', id);
  assert.equal(check('keychain').status, 'ok');
  // The key was made for the test server's URL, so for this proxy none is held: the local checks say so.
  assert.equal(check('openclaw-config').status, 'ok');
  assert.equal(check('openclaw-provider').status, 'fail');
  assert.match(check('openclaw-provider').message, /baseUrl is http:\/\/127\.0\.0\.1:\d+, not the proxy http:\/\/127\.0\.0\.1:9/);
});

test('budget: a warning from 80 %, a failure at 100 %; the printed /key/update raises it', async () => {
  const key = await createKey();
  world.server.setSpend(key, 40);
  let run = await doctor();
  assert.equal(run.result.code, 0);
  assert.equal(run.check('budget').status, 'warn');
  assert.match(run.check('budget').message, /^\$40\.00 of \$50\.00 \(monthly\) spent \(80\.0 %\); the budget resets \d{4}-\d\d-01 00:00 UTC/);
  world.server.setSpend(key, 50);
  run = await doctor();
  assert.equal(run.result.code, 1);
  assert.equal(run.check('budget').status, 'fail');
  assert.match(run.check('budget').message, /refuses this key's requests until the budget is raised or resets/);
  assert.ok(!run.check('budget').fix!.includes(key), 'the fix names the key by its hash');
  await runProxyCallFix(run.check('budget').fix, { '<USD>': '100' });
  run = await doctor();
  assert.equal(run.check('budget').status, 'ok');
  assert.match(run.check('budget').message, /\$50\.00 of \$100\.00/);
});

/** An admin's change on the proxy, outside ollm. */
async function adminCall(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${world.server.url}${path}`, {
    method: 'POST', body: JSON.stringify(body), headers: { authorization: `Bearer ${world.server.masterKey}`, 'content-type': 'application/json' },
  });
  assert.equal(response.status, 200, await response.text());
}

// The printed fix `ollm key revoke --yes && ollm key create` keeps the new key in the keychain.
test('a blocked, an expired and a deleted key each fail the stored-key check with a fix that works', needsSecretService, async () => {
  const key = await createKey();
  const token = world.server.findByKey(key)!.token;
  await adminCall('/key/block', { key: token });
  let run = await doctor();
  assert.equal(run.result.code, 1);
  assert.equal(run.check('stored-key').status, 'fail');
  assert.match(run.check('stored-key').message, /is blocked on the proxy/);
  assert.match(run.check('stored-key').fix!, new RegExp(`/key/unblock .*'\\{"key":"${token}"\\}'$`));
  assert.equal(run.check('budget').status, 'skip', 'not failed twice');
  await runProxyCallFix(run.check('stored-key').fix);
  assert.equal((await doctor()).check('stored-key').status, 'ok', 'unblocked');

  await adminCall('/key/update', { key: token, duration: '1s' });
  proxyClockAheadMs = 2_000; // a second past the expiry, for the proxy
  run = await doctor();
  assert.equal(run.check('stored-key').status, 'fail');
  assert.match(run.check('stored-key').message, /has expired/);
  assert.equal(run.check('budget').status, 'skip');
  await runProxyCallFix(run.check('stored-key').fix);
  run = await doctor();
  assert.equal(run.check('stored-key').status, 'ok');
  assert.match(run.check('stored-key').message, /expires \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 90 days\)/);

  world.server.reset();
  run = await doctor();
  assert.equal(run.check('stored-key').status, 'fail');
  assert.match(run.check('stored-key').message, /does not know the stored key sk-…/);
  assert.equal(run.check('stored-key').fix, 'ollm key revoke --yes && ollm key create');
  await runFix(run.check('stored-key').fix);
  assert.equal((await doctor()).result.code, 0);
});

test('a key that expires within a week is a warning', async () => {
  await createKey(['--expires', '2d']);
  const { result, check } = await doctor();
  assert.equal(result.code, 0);
  assert.equal(check('stored-key').status, 'warn');
  assert.match(check('stored-key').message, /works but expires .*\(in 2 days\)/);
});

// Held nowhere here: the keychain is asked, and the fix rotates the key into it.
test('a key held nowhere here but on the proxy: the fix rotates it into this machine', needsSecretService, async () => {
  world.server.addKey({ key_alias: 'openclaw', max_budget: 5 });
  const { check } = await doctor();
  assert.equal(check('stored-key').status, 'fail');
  assert.match(check('stored-key').message, /the proxy has one, but its secret is not here/);
  assert.equal(check('stored-key').fix, 'ollm key rotate --match openclaw --write openclaw');
  assert.equal(check('budget').status, 'ok', 'the proxy\'s record still tells the budget');
  await runFix(check('stored-key').fix);
  assert.equal((await doctor()).result.code, 0);
});

test('a different key in the environment or in .env wins over env.vars: the key OpenClaw sends is named, with its fix', async () => {
  const key = await createKey();
  const other = world.server.addKey({ key_alias: 'other' }).key;

  let run = await doctor([], { LITELLM_API_KEY: other });
  assert.equal(run.result.code, 1);
  assert.equal(run.check('openclaw-key').status, 'fail');
  assert.match(run.check('openclaw-key').message, new RegExp(`OpenClaw sends sk-…${other.slice(-4)} from LITELLM_API_KEY in this shell's environment, not the keychain's key sk-…${key.slice(-4)} \\(the environment wins`));
  assert.equal(run.check('openclaw-key').fix, 'eval "$(ollm env)"');
  const fixed = await runFix(`${run.check('openclaw-key').fix} && ollm doctor --json`, { LITELLM_API_KEY: other });
  assert.equal(JSON.parse(fixed.stdout).checks.find((c: Check) => c.id === 'openclaw-key').status, 'ok', fixed.stderr);

  writeFileSync(dotenvPath(), `# daemon keys\nLITELLM_API_KEY=${other}\n`, { mode: 0o600 });
  run = await doctor();
  assert.equal(run.check('openclaw-key').status, 'fail');
  assert.match(run.check('openclaw-key').message, /from LITELLM_API_KEY in .*\.openclaw\/\.env, not the keychain's key .* \(\.env wins over env\.vars\)/);
  assert.equal(run.check('openclaw-key').fix, 'ollm key write --write dotenv');
  await runFix(run.check('openclaw-key').fix);
  run = await doctor();
  assert.equal(run.check('openclaw-key').status, 'ok');
  assert.match(readFileSync(dotenvPath(), 'utf8'), /^# daemon keys$/m, 'the rest of .env is kept');
});

test('an unset ${VAR}: reported once, with what OpenClaw then does, and `ollm key write` fixes it', async () => {
  await createKey(['--write', 'none']);
  writeConfig(`{
  // hand-written: the key is meant to come from the environment
  models: { providers: { litellm: { baseUrl: '${world.server.url}', api: 'openai-completions', apiKey: '\${LITELLM_API_KEY}', models: [] } } },
  agents: { defaults: { model: { primary: 'litellm/gpt-4o' } } },
  gateway: { auth: { token: '$\${NOT_A_REFERENCE}' } },
}
`);
  let run = await doctor();
  assert.equal(run.result.code, 1);
  assert.equal(run.check('env-refs').status, 'fail');
  assert.match(run.check('env-refs').message, /^models\.providers\.litellm\.apiKey uses \$\{LITELLM_API_KEY\}, set nowhere OpenClaw looks \(this shell's environment, .*\.env, env\.vars\): OpenClaw only warns and keeps the text: `openclaw infer` then refuses to run, and agent turns send "\$\{LITELLM_API_KEY\}" itself as the key \(the proxy answers 401\)\.$/);
  assert.doesNotMatch(run.check('env-refs').message, /NOT_A_REFERENCE/, '$${VAR} is OpenClaw\'s escape, not a reference');
  assert.equal(run.check('openclaw-key').status, 'skip', 'not failed twice');
  assert.equal(run.check('env-refs').fix, 'ollm key write --write openclaw');

  // Set only in the environment of the shell running the doctor: then it is set for OpenClaw started there too.
  assert.equal((await doctor([], { LITELLM_API_KEY: world.heldKey('openclaw') })).check('env-refs').status, 'ok');

  await runFix(run.check('env-refs').fix);
  run = await doctor();
  assert.equal(run.result.code, 0, JSON.stringify(run.report.checks, null, 1));
  assert.equal(run.check('env-refs').status, 'ok');
  assert.match(readFileSync(configPath(), 'utf8'), /hand-written: the key is meant to come from the environment/);
});

test('a ${VAR} outside the providers is a warning; an empty value counts as unset, as in OpenClaw', async () => {
  await createKey();
  const text = readFileSync(configPath(), 'utf8').replace(/^\{/, '{\n  "gateway": { "auth": { "token": "${GATEWAY_TOKEN}" } },');
  writeConfig(text);
  const run = await doctor([], { GATEWAY_TOKEN: '' });
  assert.equal(run.result.code, 0);
  assert.equal(run.check('env-refs').status, 'warn');
  assert.match(run.check('env-refs').message, /^gateway\.auth\.token uses \$\{GATEWAY_TOKEN\}/);
  assert.equal(run.check('env-refs').fix, `echo 'GATEWAY_TOKEN=<value>' >> ${dotenvPath()}`);
  assert.equal((await doctor([], { GATEWAY_TOKEN: 'set' })).check('env-refs').status, 'ok');
});

test('legacy flat env keys fail on their own (not again as invalid config); `ollm key write` moves them', async () => {
  await createKey();
  writeConfig(readFileSync(configPath(), 'utf8').replace('"env": {', '"env": {\n    "OPENAI_API_KEY": "sk-openai-legacy",'));
  let run = await doctor();
  assert.equal(run.result.code, 1);
  assert.equal(run.check('legacy-env').status, 'fail');
  assert.match(run.check('legacy-env').message, /^env\.OPENAI_API_KEY uses the legacy flat form, which OpenClaw 2026\.9 rejects/);
  assert.equal(run.check('openclaw-valid').status, 'ok');
  assert.match(run.check('openclaw-valid').message, /apart from the legacy env keys/);
  await runFix(run.check('legacy-env').fix);
  run = await doctor();
  assert.equal(run.check('legacy-env').status, 'ok');
  assert.equal(run.result.code, 0);
});

test('a config that is not JSON5 fails once with the line to edit; everything reading it is skipped', async () => {
  await createKey();
  writeConfig('{\n  models: {\n    providers: { litellm: { baseUrl: "x" }\n  },\n  oops oops\n}\n');
  const { result, check } = await doctor();
  assert.equal(result.code, 1);
  assert.equal(check('openclaw-config').status, 'fail');
  assert.match(check('openclaw-config').message, /is not valid JSON5 at line 5, column \d+/);
  assert.equal(check('openclaw-config').fix, `\${EDITOR:-vi} +5 ${configPath()}`);
  for (const id of ['openclaw-valid', 'openclaw-provider', 'openclaw-default-model', 'openclaw-key', 'legacy-env', 'env-refs', 'exec-provider']) assert.equal(check(id).status, 'skip', id);
});

test('without openclaw on PATH, the schema rules for the sections ollm uses still catch unknown keys', async () => {
  await createKey();
  writeConfig(readFileSync(configPath(), 'utf8').replace('"baseUrl"', '"timeout": 5,\n      "baseUrl"').replace(/^\{/, '{\n  "notAnOpenClawSection": true,'));
  const { result, check } = await doctor();
  assert.equal(result.code, 1);
  assert.equal(check('openclaw-valid').status, 'fail');
  assert.match(check('openclaw-valid').message, /\(root\): Unrecognized key: "notAnOpenClawSection"; models\.providers\.litellm: Unrecognized key: "timeout"/);
});

test('a provider pointing at another proxy, or a default model elsewhere', async () => {
  await createKey();
  const original = readFileSync(configPath(), 'utf8');
  writeConfig(original.replace(`"baseUrl": "${world.server.url}"`, '"baseUrl": "http://old-proxy.example:4000"'));
  let run = await doctor();
  assert.equal(run.check('openclaw-provider').status, 'fail');
  assert.match(run.check('openclaw-provider').message, /baseUrl is http:\/\/old-proxy\.example:4000, not the proxy/);
  await runFix(run.check('openclaw-provider').fix);
  assert.equal((await doctor()).check('openclaw-provider').status, 'ok');

  writeConfig(readFileSync(configPath(), 'utf8').replace('"primary": "litellm/claude-sonnet-4-6"', '"primary": "anthropic/claude-opus-4-6"'));
  run = await doctor();
  assert.equal(run.result.code, 0);
  assert.equal(run.check('openclaw-provider').status, 'warn');
  assert.match(run.check('openclaw-provider').message, /default model is anthropic\/claude-opus-4-6: only litellm\/… models go through the proxy/);
  assert.equal(run.check('openclaw-provider').fix, 'ollm key write --write openclaw --default-model claude-sonnet-4-6');
  await runFix(run.check('openclaw-provider').fix);
  assert.equal((await doctor()).check('openclaw-provider').status, 'ok');
});

test('file modes: a key readable by others fails, an open directory warns; the printed chmod fixes both', async () => {
  await createKey();
  chmodSync(configPath(), 0o644);
  chmodSync(join(world.home.dir, '.openclaw'), 0o755);
  const run = await doctor();
  assert.equal(run.result.code, 1);
  assert.equal(run.check('file-modes').status, 'fail');
  assert.match(run.check('file-modes').message, /openclaw\.json is 0644 and holds a key; .*\.openclaw is 0755/);
  assert.equal(run.check('file-modes').fix, `chmod 600 ${configPath()} && chmod 700 ${join(world.home.dir, '.openclaw')}`);
  await runFix(run.check('file-modes').fix);
  assert.equal(statSync(configPath()).mode & 0o777, 0o600);
  assert.equal((await doctor()).check('file-modes').status, 'ok');

  chmodSync(join(world.home.dir, '.openclaw'), 0o750);
  const dir = await doctor();
  assert.equal(dir.check('file-modes').status, 'warn', 'a directory holds no key itself');
});

test('the shell-profile block: current, stale, gone, and lookup mode', async () => {
  const profile = join(world.home.dir, '.profile');
  writeFileSync(profile, '# my profile\n');
  const key = await createKey(['--write', 'openclaw,profile', '--profile-file', profile]);
  let run = await doctor();
  assert.equal(run.check('profile-block').status, 'ok');
  assert.match(run.check('profile-block').message, new RegExp(`exports LITELLM_API_KEY = the keychain's key sk-…${key.slice(-4)}`));

  writeFileSync(profile, readFileSync(profile, 'utf8').replace(key, 'sk-an-old-key-0000000000000'));
  run = await doctor();
  assert.equal(run.check('profile-block').status, 'fail');
  assert.match(run.check('profile-block').message, /exports an old key \(sk-…0000\) as LITELLM_API_KEY/);
  assert.equal(run.check('profile-block').fix, `ollm key write --write profile --profile-file ${profile}`);
  await runFix(run.check('profile-block').fix);
  assert.equal((await doctor()).check('profile-block').status, 'ok');

  writeFileSync(profile, '# my profile\n');
  run = await doctor();
  assert.equal(run.check('profile-block').status, 'fail');
  assert.match(run.check('profile-block').message, /block for openclaw@http:\/\/127\.0\.0\.1:\d+ is gone/);

  const lookup = await world.ollm(['key', 'write', '--write', 'profile', '--profile-file', profile, '--profile-mode', 'lookup'], { env: env() });
  assert.equal(lookup.code, 0, lookup.stderr);
  run = await doctor();
  assert.equal(run.check('profile-block').status, 'ok');
  assert.match(run.check('profile-block').message, /looks LITELLM_API_KEY up from the keychain at shell start/);
  writeFileSync(profile, readFileSync(profile, 'utf8').replace(process.execPath, '/nonexistent/node'));
  run = await doctor();
  assert.equal(run.check('profile-block').status, 'fail');
  assert.match(run.check('profile-block').message, /runs \/nonexistent\/node, which no longer exists/);
});

test('keychain style: the exec provider passes OpenClaw\'s rules and, run as OpenClaw runs it, returns the key', needsSecretService, async () => {
  await createKey(['--openclaw-style', 'keychain']);
  let run = await doctor();
  assert.equal(run.result.code, 0, JSON.stringify(run.report.checks, null, 1));
  assert.equal(run.check('exec-provider').status, 'ok');
  assert.match(run.check('exec-provider').message, /answers with the keychain's key/);
  assert.match(run.check('openclaw-key').message, /resolved at run time from the keychain through ollm's exec provider/);
  const launcher = join(world.home.dir, '.local', 'state', 'ollm', 'openclaw-resolver');

  chmodSync(launcher, 0o777);
  run = await doctor();
  assert.equal(run.check('exec-provider').status, 'fail');
  assert.match(run.check('exec-provider').message, /writable by group or others \(mode 777\); OpenClaw refuses to run it/);
  assert.equal(run.check('exec-provider').fix, `chmod 700 ${launcher}`);
  await runFix(run.check('exec-provider').fix);
  assert.equal((await doctor()).check('exec-provider').status, 'ok');

  // A Node upgrade removed the node in the launcher's shebang.
  writeFileSync(launcher, readFileSync(launcher, 'utf8').replace(/^#!.*$/m, '#!/nonexistent/node'), { mode: 0o700 });
  run = await doctor();
  assert.equal(run.check('exec-provider').status, 'fail');
  assert.match(run.check('exec-provider').message, /runs \/nonexistent\/node, which no longer exists/);
  await runFix(run.check('exec-provider').fix);
  assert.equal((await doctor()).check('exec-provider').status, 'ok');

  const real = `${launcher}.real`;
  writeFileSync(real, readFileSync(launcher, 'utf8'), { mode: 0o700 });
  unlinkSync(launcher);
  symlinkSync(real, launcher);
  run = await doctor();
  assert.equal(run.check('exec-provider').status, 'fail');
  assert.match(run.check('exec-provider').message, /is a symlink; OpenClaw refuses to run it/);
});

test('a locked keychain fails the keychain check with how to unlock it', needsSecretService, async (t) => {
  const own = await startSecretService();
  t.after(() => own.stop());
  own.lock();
  const { result, check } = await doctor([], own.env);
  assert.equal(result.code, 1);
  assert.equal(check('keychain').status, 'fail');
  assert.match(check('keychain').message, /the keychain is locked/);
  assert.match(check('keychain').fix!, /Unlock your login keyring/);
});

test('the insecure file store in use passes the keychain check without any keychain', async () => {
  const plain = world.env({ OLLM_OPENCLAW_BIN: '', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
  const created = await world.ollm(['key', 'create', '--insecure-storage'], { env: plain });
  assert.equal(created.code, 0, created.stderr);
  const result = await world.ollm(['doctor', '--json'], { env: plain });
  const report = json<Report>(result);
  const keychainCheck = report.checks.find((c) => c.id === 'keychain')!;
  assert.equal(keychainCheck.status, 'ok');
  assert.match(keychainCheck.message, /kept in the plain-text file .*insecure-secrets\.json \(--store file\); the OS keychain is not used \(Cannot write to the keychain: there is no D-Bus session/);
  assert.equal(report.checks.find((c) => c.id === 'stored-key')!.status, 'ok');
  assert.equal(result.code, 0, JSON.stringify(report.checks, null, 1));
});

// An alias held nowhere here: the keychain is asked, and the fix `ollm key create --alias` keeps it there.
test('--alias: the fixes name the alias; --quiet prints only the failures', needsSecretService, async () => {
  const { check } = await doctor(['--alias', 'bot']);
  assert.equal(check('stored-key').fix, 'ollm key create --alias bot');
  const quiet = await world.ollm(['doctor', '--alias', 'bot', '--quiet'], { env: env() });
  assert.equal(quiet.code, 1);
  assert.match(quiet.stdout, /^✗ Stored key\s+This machine holds no key "bot"/m);
  assert.match(quiet.stdout, /fix: ollm key create --alias bot/);
  assert.doesNotMatch(quiet.stdout, /^[✓!-] /m, 'no passes, warnings or skips');
  assert.doesNotMatch(quiet.stdout, /passed/, 'no summary');

  await createKey();
  const clean = await world.ollm(['doctor', '--quiet'], { env: env() });
  assert.equal(clean.code, 0);
  assert.equal(clean.stdout, '', 'nothing to say when nothing failed');
});

test('on a terminal: coloured marks, a spinner while checking, the summary last', async () => {
  await createKey();
  world.server.setSpend(world.server.keys()[0]!.key, 45);
  const result = await runInTerminal(['doctor'], env());
  assert.equal(result.code, 0, result.stdout);
  assert.match(result.stdout, /⠋(\u001b\[39m)? Checking "openclaw"/, 'the spinner ran on the terminal');
  assert.match(result.stdout, /\u001b\[32m✓\u001b\[39m \u001b\[1mProxy/, 'green ✓');
  assert.match(result.stdout, /\u001b\[33m!\u001b\[39m \u001b\[1mBudget/, 'yellow ! for 90 % of the budget');
  assert.match(result.stdout, /\u001b\[33m! 1 warning, 13 passed, 3 skipped/);
  const failing = await runInTerminal(['doctor'], env({ LITELLM_API_KEY: 'sk-some-other-key-123456789' }));
  assert.equal(failing.code, 1);
  assert.match(failing.stdout, /\u001b\[31m✗\u001b\[39m \u001b\[1mKey OpenClaw sends/, 'red ✗');
  assert.match(failing.stdout, /\u001b\[2mfix:\u001b\[22m eval "\$\(ollm env\)"/);
});
