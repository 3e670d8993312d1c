// End-to-end: the REAL OpenClaw client (installed by test/support/openclaw.ts) against the fake
// LiteLLM proxy, proving which hand-written ~/.openclaw/openclaw.json shapes make it send exactly
// the key we expect — the shapes ollm writes — and pinning the OpenClaw behaviour ollm relies on.
import assert from 'node:assert/strict';
import { chmodSync, chownSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { startFakeLiteLLM, type FakeLiteLLM } from '../support/litellm-server.ts';
import {
  createOpenClawHome,
  ensureOpenClaw,
  openClawUnavailableReason,
  removeOpenClawHome,
  runOpenClaw,
  writeOpenClawConfig,
  type RunOpenClawResult,
} from '../support/openclaw.ts';

// Install (or reuse) first, so the skip decision is made with the install's outcome. In CI a
// missing client is a failure: the tests then run and fail on ensureOpenClaw()'s reason.
await ensureOpenClaw().catch(() => {});
const unavailable = openClawUnavailableReason();
const skip = unavailable && !process.env['CI'] ? unavailable : false;

const MODEL = 'claude-sonnet-4-6';
const PROMPT = ['infer', 'model', 'run', '--prompt', 'Reply with hi', '--json'];
const RUN_TIMEOUT_MS = 90_000; // generous: OpenClaw retries an unreachable upstream for over a minute
const PER_TEST = { timeout: 240_000 };
const LLM_PATH = /^\/(v1\/)?(chat\/completions|messages)$/;

interface Env {
  server: FakeLiteLLM;
  home: string;
  key: string;
}

/** A fake proxy with one fresh virtual key, and an empty OpenClaw home; both go away after the test. */
async function setup(t: TestContext): Promise<Env> {
  await ensureOpenClaw(); // rethrows the install failure (the CI case)
  const server = await startFakeLiteLLM({ models: [MODEL, 'gpt-4o'] });
  const home = await createOpenClawHome();
  t.after(async () => {
    await server.close();
    removeOpenClawHome(home);
  });
  const { key } = server.addKey({ key_alias: 'openclaw' });
  return { server, home, key };
}

async function openclaw(home: string, args: string[], input?: string): Promise<RunOpenClawResult> {
  const result = await runOpenClaw(args, { home, timeoutMs: RUN_TIMEOUT_MS, ...(input === undefined ? {} : { input }) });
  assert.equal(result.timedOut, false, `openclaw ${args.join(' ')} timed out\n${result.stderr}`);
  return result;
}

/** Run the one-shot model turn; on success its --json stdout is clean JSON. */
async function infer(home: string): Promise<{ result: RunOpenClawResult; json: Record<string, unknown> }> {
  const result = await openclaw(home, PROMPT);
  return { result, json: parseJson(result) };
}

function parseJson(result: RunOpenClawResult): Record<string, unknown> {
  try {
    return JSON.parse(result.stdout) as Record<string, unknown>;
  } catch {
    assert.fail(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\n--- stderr:\n${result.stderr}`);
  }
}

function assertAnswered(run: { result: RunOpenClawResult; json: Record<string, unknown> }, provider: string): void {
  assert.equal(run.result.code, 0, `infer failed:\n${run.result.stdout}\n${run.result.stderr}`);
  assert.equal(run.json['ok'], true);
  assert.equal(run.json['provider'], provider);
  assert.equal(run.json['model'], MODEL);
}

function llmRequests(server: FakeLiteLLM) {
  return server.requests.filter((r) => r.method === 'POST' && LLM_PATH.test(r.path));
}

/** One model turn = exactly one call, carrying exactly `key`; OpenClaw never lists models itself. */
function assertOnlyKey(server: FakeLiteLLM, key: string, path: string): void {
  const calls = llmRequests(server);
  assert.equal(calls.length, 1, `model calls: ${JSON.stringify(server.requests.map((r) => `${r.method} ${r.path}`))}`);
  assert.equal(calls[0]!.path, path);
  assert.equal(calls[0]!.authKey, key);
  assert.deepEqual(server.requests.filter((r) => /models$/.test(r.path)), [], 'OpenClaw does not call /v1/models');
}

function litellmProvider(server: FakeLiteLLM, apiKey: unknown) {
  return {
    baseUrl: server.url,
    api: 'openai-completions',
    apiKey,
    models: [{ id: MODEL, name: 'Claude Sonnet 4.6' }],
  };
}

const litellmAgents = { defaults: { model: { primary: `litellm/${MODEL}` } } };

// Two at a time: each run is one Node 24 process tree (~5 s warm); more only contend for CPU.
describe('the real OpenClaw client sends the key from', { skip, concurrency: 2 }, () => {
  test('env.vars.LITELLM_API_KEY through the litellm provider (apiKey "${LITELLM_API_KEY}")', PER_TEST, async (t) => {
    const { server, home, key } = await setup(t);
    writeOpenClawConfig(home, {
      env: { vars: { LITELLM_API_KEY: key } },
      models: { providers: { litellm: litellmProvider(server, '${LITELLM_API_KEY}') } },
      agents: litellmAgents,
    });

    const run = await infer(home);

    assertAnswered(run, 'litellm');
    assertOnlyKey(server, key, '/chat/completions');
    const [call] = llmRequests(server);
    assert.equal(call!.headers['authorization'], `Bearer ${key}`);
    assert.deepEqual(call!.body, {
      model: MODEL,
      messages: [{ role: 'user', content: 'Reply with hi' }],
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 8192,
    });
  });

  test('env.vars.ANTHROPIC_API_KEY through the anthropic provider (x-api-key on /v1/messages)', PER_TEST, async (t) => {
    const { server, home, key } = await setup(t);
    writeOpenClawConfig(home, {
      env: { vars: { ANTHROPIC_API_KEY: key } },
      // No apiKey: the anthropic provider reads ANTHROPIC_API_KEY itself. The base URL must be set
      // here; ANTHROPIC_BASE_URL is ignored by this version.
      models: { providers: { anthropic: { baseUrl: server.url, api: 'anthropic-messages', models: [{ id: MODEL, name: 'Claude Sonnet 4.6' }] } } },
      agents: { defaults: { model: { primary: `anthropic/${MODEL}` } } },
    });

    const run = await infer(home);

    assertAnswered(run, 'anthropic');
    assertOnlyKey(server, key, '/v1/messages');
    const [call] = llmRequests(server);
    assert.equal(call!.headers['x-api-key'], key);
    assert.equal(call!.headers['authorization'], undefined);
  });

  test('env.vars with a litellm provider that lists no models (none are needed for infer)', PER_TEST, async (t) => {
    const { server, home, key } = await setup(t);
    const { models: _none, ...provider } = litellmProvider(server, '${LITELLM_API_KEY}');
    writeOpenClawConfig(home, { env: { vars: { LITELLM_API_KEY: key } }, models: { providers: { litellm: provider } }, agents: litellmAgents });

    assertAnswered(await infer(home), 'litellm');
    assertOnlyKey(server, key, '/chat/completions');
  });

  test('an exec secret provider: a protocol-v1 command resolves the SecretRef', PER_TEST, async (t) => {
    const { server, home, key } = await setup(t);
    const { node } = await ensureOpenClaw();
    // The id grammar is /^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,255}$/ without "." or ".." segments, so
    // "openclaw@<url>" is refused ('@'); "openclaw/<url>" is a valid way to name key + proxy.
    const id = `openclaw/${server.url}`;
    writeFileSync(join(home, 'keys.json'), JSON.stringify({ [id]: key }), { mode: 0o600 });
    const command = writeResolver(home, node);
    const config = (refId: string, cmd = command) => ({
      secrets: {
        providers: {
          ollm: { source: 'exec', command: cmd, args: ['openclaw', 'resolve'], jsonOnly: true, timeoutMs: 5000, passEnv: ['HOME'] },
        },
      },
      models: { providers: { litellm: litellmProvider(server, { source: 'exec', provider: 'ollm', id: refId }) } },
      agents: litellmAgents,
    });
    writeOpenClawConfig(home, config(id));

    const run = await infer(home);

    assertAnswered(run, 'litellm');
    assertOnlyKey(server, key, '/chat/completions');
    const calls = readFileSync(join(home, 'resolver-calls.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as ResolverCall);
    assert.ok(calls.length >= 1);
    for (const call of calls) {
      assert.deepEqual(JSON.parse(call.input), { protocolVersion: 1, provider: 'ollm', ids: [id] });
      assert.deepEqual(call.argv, ['openclaw', 'resolve']);
      // Only passEnv (+ OPENCLAW_CLI) reaches the command: no PATH, hence the absolute shebang.
      assert.deepEqual(call.env, ['HOME', 'OPENCLAW_CLI']);
      assert.equal(call.cwd, home, 'it runs in the directory of the command');
    }

    // `secrets audit --allow-exec` runs the command without a model call: exit 0 and "clean" here…
    const audit = await openclaw(home, ['secrets', 'audit', '--allow-exec', '--json']);
    assert.equal(audit.code, 0, audit.stdout + audit.stderr);
    assert.equal(parseJson(audit)['status'], 'clean');

    // …exit 2 with REF_UNRESOLVED for an id the command does not know (it answers NOT_FOUND),
    const unknown = 'openclaw/http://127.0.0.1:1';
    writeOpenClawConfig(home, config(unknown));
    assert.deepEqual(await auditFindings(home), [
      `Failed to resolve exec:ollm:${unknown} (Exec provider "ollm" failed for id "${unknown}" (NOT_FOUND).).`,
    ]);
    // …and then the model turn fails closed: exit 1, no request at all.
    const before = server.requests.length;
    const failed = await infer(home);
    assert.equal(failed.result.code, 1);
    assert.equal(failed.json['ok'], false);
    assert.match(String((failed.json['error'] as { message: string }).message), /Local resolution also failed/);
    assert.equal(server.requests.length, before);

    // The command must not be group/world-writable, a symlink, or owned by another uid (even for root).
    writeOpenClawConfig(home, config(id));
    chmodSync(command, 0o770);
    assert.deepEqual(await auditFindings(home), [`Failed to resolve exec:ollm:${id} (secrets.providers.ollm.command permissions are too open: ${command}).`]);
    chmodSync(command, 0o755); // 0755 is fine: only write bits for group/other are refused
    assert.deepEqual(await auditFindings(home), []);
    const link = join(home, 'resolver-link.mjs');
    symlinkSync(command, link);
    writeOpenClawConfig(home, config(id, link));
    assert.deepEqual(await auditFindings(home), [`Failed to resolve exec:ollm:${id} (secrets.providers.ollm.command must not be a symlink: ${link}).`]);
    if (process.getuid?.() === 0) {
      writeOpenClawConfig(home, config(id));
      chownSync(command, 65534, 65534);
      assert.deepEqual(await auditFindings(home), [`Failed to resolve exec:ollm:${id} (secrets.providers.ollm.command must be owned by the current user (uid=0): ${command}).`]);
    }

    // The '@' form is rejected by validation before anything runs.
    writeOpenClawConfig(home, config(`openclaw@${server.url}`));
    const validate = await openclaw(home, ['config', 'validate', '--json']);
    assert.equal(validate.code, 1);
    assert.deepEqual((parseJson(validate)['issues'] as Array<{ path: string }>).map((i) => i.path), ['models.providers.litellm.apiKey.id']);
  });

  test('~/.openclaw/.env (LITELLM_API_KEY=…) with no env.vars in the config', PER_TEST, async (t) => {
    const { server, home, key } = await setup(t);
    writeOpenClawConfig(home, { models: { providers: { litellm: litellmProvider(server, '${LITELLM_API_KEY}') } }, agents: litellmAgents });
    writeFileSync(join(home, '.openclaw', '.env'), `LITELLM_API_KEY=${key}\n`, { mode: 0o600 });

    assertAnswered(await infer(home), 'litellm');
    assertOnlyKey(server, key, '/chat/completions');

    // .env outranks env.vars: a stale .env line would shadow a key ollm writes into the config.
    const other = server.addKey({ key_alias: 'other' }).key;
    writeOpenClawConfig(home, {
      env: { vars: { LITELLM_API_KEY: other } },
      models: { providers: { litellm: litellmProvider(server, '${LITELLM_API_KEY}') } },
      agents: litellmAgents,
    });
    server.requests.length = 0;
    assertAnswered(await infer(home), 'litellm');
    assertOnlyKey(server, key, '/chat/completions');
  });

  test('nowhere, once env.vars is removed: the old key is not sent', PER_TEST, async (t) => {
    const { server, home, key } = await setup(t);
    const withKey = {
      env: { vars: { LITELLM_API_KEY: key } },
      models: { providers: { litellm: litellmProvider(server, '${LITELLM_API_KEY}') } },
      agents: litellmAgents,
    };
    writeOpenClawConfig(home, withKey);
    assertAnswered(await infer(home), 'litellm'); // the same home has used the key: nothing may be cached
    assertOnlyKey(server, key, '/chat/completions');

    const { env: _removed, ...withoutKey } = withKey;
    writeOpenClawConfig(home, withoutKey);
    server.requests.length = 0;
    const run = await infer(home);

    // infer fails closed on an unset ${VAR} (exit 1, no request; `agent exec` instead sends the
    // literal "Bearer ${LITELLM_API_KEY}").
    assert.equal(run.result.code, 1, run.result.stdout);
    assert.match(run.result.stderr, /\[config\] warnings: models\.providers\.litellm\.apiKey: \*\*\* env var "LITELLM_API_KEY" - feature using this value will be unavailable/);
    assert.equal(server.requests.some((r) => r.authKey === key), false, 'the removed key was sent');
    assert.deepEqual(llmRequests(server), []);
  });

  test('a stored auth profile, which beats env.vars while `models status` still says "env"', PER_TEST, async (t) => {
    const { server, home, key } = await setup(t);
    const stale = server.addKey({ key_alias: 'stale-profile' }).key;
    writeOpenClawConfig(home, {
      env: { vars: { LITELLM_API_KEY: key } },
      models: { providers: { litellm: litellmProvider(server, '${LITELLM_API_KEY}') } },
      agents: litellmAgents,
    });
    const status = async () => {
      const run = await openclaw(home, ['models', 'status', '--json']);
      assert.equal(run.code, 0, run.stderr);
      const auth = parseJson(run)['auth'] as { providers: ProviderAuth[] };
      return auth.providers.find((p) => p.provider === 'litellm')!;
    };
    const initial = await status();
    assert.equal(initial.effective.kind, 'env');
    assert.equal(initial.profiles.count, 0);

    // Works without a TTY: the key is read from stdin.
    const paste = await openclaw(home, ['models', 'auth', 'paste-api-key', '--provider', 'litellm', '--profile-id', 'litellm:default'], stale);
    assert.equal(paste.code, 0, paste.stdout + paste.stderr);
    assert.match(paste.stdout, /Auth profile: litellm:default \(litellm\/api_key\)/);

    const trapped = await status();
    assert.equal(trapped.effective.kind, 'env', 'misleading: the profile is what gets sent');
    assert.equal(trapped.profiles.count, 1);
    assert.equal(trapped.profiles.apiKey, 1);
    assertAnswered(await infer(home), 'litellm');
    assertOnlyKey(server, stale, '/chat/completions');

    // Removing the profile (non-interactively) lets env.vars through again.
    const logout = await openclaw(home, ['models', 'auth', 'logout', 'litellm:default', '--yes']);
    assert.equal(logout.code, 0, logout.stdout + logout.stderr);
    assert.equal((await status()).profiles.count, 0);
    server.requests.length = 0;
    assertAnswered(await infer(home), 'litellm');
    assertOnlyKey(server, key, '/chat/completions');
  });

  test('config validate: JSON5 with comments is accepted untouched; unknown and flat env keys are not', PER_TEST, async (t) => {
    const { server, home, key } = await setup(t);
    const json5 = `// written by hand
{
  /* block comment */
  env: { vars: { LITELLM_API_KEY: '${key}', }, },
  models: { providers: { litellm: {
    baseUrl: "${server.url}", api: "openai-completions", apiKey: "\${LITELLM_API_KEY}", // trailing
    models: [{ id: "${MODEL}", name: "Claude Sonnet 4.6", },], }, }, },
  agents: { defaults: { model: { primary: "litellm/${MODEL}" } } },
}
`;
    const path = writeOpenClawConfig(home, json5);
    const file = await openclaw(home, ['config', 'file', '--json']);
    assert.deepEqual(parseJson(file), { path });
    const valid = await openclaw(home, ['config', 'validate', '--json']);
    assert.equal(valid.code, 0);
    assert.deepEqual(parseJson(valid), { valid: true, path, warnings: [] });
    assertAnswered(await infer(home), 'litellm');
    assertOnlyKey(server, key, '/chat/completions');
    assert.equal(readFileSync(path, 'utf8'), json5, 'validate and infer leave the file alone');

    const invalid = async (config: unknown) => {
      writeOpenClawConfig(home, config);
      const run = await openclaw(home, ['config', 'validate', '--json']);
      assert.equal(run.code, 1);
      const json = parseJson(run);
      assert.equal(json['ok'], false);
      assert.equal(json['valid'], false);
      assert.deepEqual(json['error'], { type: 'cli_error', message: 'OpenClaw config is invalid: ~/.openclaw/openclaw.json' });
      return json['issues'];
    };
    const base = { models: { providers: { litellm: litellmProvider(server, '${LITELLM_API_KEY}') } }, agents: litellmAgents };
    assert.deepEqual(await invalid({ ...base, env: { vars: { LITELLM_API_KEY: key } }, models: { providers: { litellm: { ...litellmProvider(server, '${LITELLM_API_KEY}'), foo: 1 } } } }), [
      { path: 'models.providers.litellm', message: 'Unrecognized key: "foo"' },
    ]);
    assert.deepEqual(await invalid({ ...base, env: { LITELLM_API_KEY: key } }), [
      { path: 'env', message: 'Unrecognized key: "LITELLM_API_KEY"' },
    ]);
  });
});

interface ResolverCall {
  argv: string[];
  env: string[];
  input: string;
  cwd: string;
}

interface ProviderAuth {
  provider: string;
  effective: { kind: string; detail: string };
  profiles: { count: number; apiKey: number; labels: string[] };
}

/**
 * The exec command OpenClaw runs: a node script with an absolute shebang (its environment has
 * no PATH), mode 0700, owned by us. It answers from <home>/keys.json and logs every call.
 */
function writeResolver(home: string, node: string): string {
  const path = join(home, 'resolve-key.mjs');
  writeFileSync(path, `#!${node}
import { appendFileSync, readFileSync } from 'node:fs';
const input = readFileSync(0, 'utf8');
const home = process.env.HOME;
appendFileSync(home + '/resolver-calls.jsonl', JSON.stringify({ argv: process.argv.slice(2), env: Object.keys(process.env).sort(), input, cwd: process.cwd() }) + '\\n');
const keys = JSON.parse(readFileSync(home + '/keys.json', 'utf8'));
const values = {}, errors = {};
for (const id of JSON.parse(input).ids) {
  if (id in keys) values[id] = keys[id];
  else errors[id] = { code: 'NOT_FOUND' };
}
process.stdout.write(JSON.stringify({ protocolVersion: 1, values, errors }));
`, { mode: 0o700 });
  chmodSync(path, 0o700); // writeFileSync's mode is filtered by the umask
  return path;
}

/** `secrets audit --allow-exec --json` findings' messages (exit 0 when clean, 2 when not). */
async function auditFindings(home: string): Promise<string[]> {
  const run = await openclaw(home, ['secrets', 'audit', '--allow-exec', '--json']);
  const json = parseJson(run) as { findings: Array<{ code: string; message: string }> };
  assert.equal(run.code, json.findings.length === 0 ? 0 : 2, run.stdout);
  for (const finding of json.findings) assert.equal(finding.code, 'REF_UNRESOLVED');
  return json.findings.map((f) => f.message);
}
