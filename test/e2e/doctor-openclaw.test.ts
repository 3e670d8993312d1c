// `ollm doctor` with the REAL OpenClaw (2026.9.6 on Node 24) on PATH: what the doctor says
// OpenClaw will do is checked against what OpenClaw then does — the auth-profile trap, an unset
// ${VAR}, and OpenClaw's own validation — and the fix it prints is run and proven to work.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, type TestContext } from 'node:test';
import { test } from '../support/keyring-test.ts';
import type { FakeLiteLLM } from '../support/litellm-server.ts';
import { createOpenClawHome, type OpenClawWorld, type RunOpenClawResult, ensureOpenClaw, openClawUnavailableReason, openOpenClawWorld, removeOpenClawHome, runOpenClaw, writeOpenClawConfig } from '../support/openclaw.ts';
import { programStore, runOllm, type RunResult } from '../support/cli.ts';

await ensureOpenClaw().catch(() => {});
const unavailable = openClawUnavailableReason();
// The file's own Secret Service, or where none can run the file store (programStore): the fixes
// these tests run (`ollm key write …`) read the key from wherever the record says it is kept.
const store = programStore();
const skip = unavailable && !process.env.CI ? unavailable : false;

const PER_TEST = { timeout: 420_000 };
const LLM_PATH = /^\/(v1\/)?(chat\/completions|messages)$/;
const MODEL = 'claude-sonnet-4-6';

type World = OpenClawWorld;

interface Check { id: string; status: string; message: string; fix: string | null }

const setup = (t: TestContext): Promise<World> => openOpenClawWorld(t, [MODEL, 'gpt-4o'], store.env);

function ollm(world: World, args: string[]): Promise<RunResult> {
  return runOllm(args, { env: world.env, timeoutMs: 180_000 });
}

async function doctor(world: World): Promise<{ code: number | null; check: (id: string) => Check }> {
  const result = await ollm(world, ['doctor', '--json']);
  let report: { checks: Check[] };
  try {
    report = JSON.parse(result.stdout) as typeof report;
  } catch {
    assert.fail(`doctor --json printed no JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return { code: result.code, check: (id) => report.checks.find((c) => c.id === id)! };
}

/** Run an `ollm …` fix the doctor printed, word for word. */
async function runPrintedFix(world: World, fix: string | null): Promise<void> {
  assert.ok(fix?.startsWith('ollm '), `an ollm command: ${fix}`);
  const result = await ollm(world, fix!.split(' ').slice(1));
  assert.equal(result.code, 0, `${fix}\n${result.stdout}\n${result.stderr}`);
}

function openclaw(world: World, args: string[], input?: string): Promise<RunOpenClawResult> {
  return runOpenClaw(args, { home: world.home, timeoutMs: 120_000, env: { ...store.env }, ...(input === undefined ? {} : { input }) });
}

/** The keys the proxy received on LLM routes since `from` (as sent: a literal "${VAR}" too). */
function sentKeys(server: FakeLiteLLM, from: number): Array<string | null> {
  return server.requests.slice(from).filter((r) => r.method === 'POST' && LLM_PATH.test(r.path)).map((r) => r.authKey);
}

async function inferSends(world: World): Promise<{ run: RunOpenClawResult; keys: Array<string | null> }> {
  const mark = world.server.requests.length;
  const run = await openclaw(world, ['infer', 'model', 'run', '--prompt', 'Reply with hi', '--json']);
  assert.equal(run.timedOut, false);
  return { run, keys: sentKeys(world.server, mark) };
}

describe('ollm doctor and the real OpenClaw', { skip, concurrency: 2 }, () => {
  test('the auth-profile trap: named with the profile\'s key, true (OpenClaw sends it), and fixed by the printed command', PER_TEST, async (t) => {
    const world = await setup(t);
    const created = await ollm(world, ['key', 'create', '--budget', '5', ...store.storeFlags]);
    assert.equal(created.code, 0, created.stderr);
    const key = world.server.findByAlias('openclaw')!.key;
    const before = await doctor(world);
    assert.equal(before.code, 0);
    assert.equal(before.check('openclaw-valid').message, '`openclaw config validate` accepts it.');
    assert.match(before.check('openclaw-key').message, /OpenClaw sends the keychain's key .* from LITELLM_API_KEY in env\.vars/);
    assert.doesNotMatch(before.check('openclaw-key').message, /not checked/, 'the profiles were read with openclaw');

    // Onboarding (or anything else) leaves a stored profile with another key.
    const stale = world.server.addKey({ key_alias: 'onboarded' }).key;
    const pasted = await openclaw(world, ['models', 'auth', 'paste-api-key', '--provider', 'litellm', '--profile-id', 'litellm:default'], stale);
    assert.equal(pasted.code, 0, pasted.stderr);

    const trapped = await doctor(world);
    assert.equal(trapped.code, 1);
    const found = trapped.check('openclaw-key');
    assert.equal(found.status, 'fail');
    assert.equal(found.message, `OpenClaw's stored auth profile (litellm:default = sk-…${stale.slice(-4)}) holds another key and wins over the config and every env variable: the keychain's key sk-…${key.slice(-4)} is never sent.`);
    assert.equal(found.fix, 'ollm key write --write openclaw');
    // What the doctor said is what OpenClaw does.
    const sent = await inferSends(world);
    assert.equal(sent.run.code, 0, sent.run.stderr);
    assert.deepEqual(sent.keys, [stale]);

    await runPrintedFix(world, found.fix);
    const fixed = await doctor(world);
    assert.equal(fixed.code, 0);
    assert.equal(fixed.check('openclaw-key').message, `OpenClaw's stored auth profile litellm:default holds the keychain's key sk-…${key.slice(-4)}; it wins over the config and the environment.`);
    const after = await inferSends(world);
    assert.equal(after.run.code, 0, after.run.stderr);
    assert.deepEqual(after.keys, [key]);
  });

  test('an unset ${VAR}: the place OpenClaw warns about, and OpenClaw then does what the doctor says (infer refuses, an agent turn sends the literal)', PER_TEST, async (t) => {
    const world = await setup(t);
    const created = await ollm(world, ['key', 'create', '--write', 'none', ...store.storeFlags]);
    assert.equal(created.code, 0, created.stderr);
    const key = world.server.findByAlias('openclaw')!.key;
    const config = `// the key is meant to come from the environment
{
  models: { providers: { litellm: { baseUrl: '${world.server.url}', api: 'openai-completions', apiKey: '\${LITELLM_API_KEY}',
    models: [{ id: '${MODEL}', name: 'Claude Sonnet 4.6' }] } } },
  agents: { defaults: { model: { primary: 'litellm/${MODEL}' } } },
}
`;
    writeOpenClawConfig(world.home, config);
    const [report, validate] = await Promise.all([doctor(world), openclaw(world, ['config', 'validate', '--json'])]);
    assert.equal(report.code, 1);
    const refs = report.check('env-refs');
    assert.equal(refs.status, 'fail');
    assert.equal(report.check('openclaw-valid').status, 'ok', 'OpenClaw accepts the config: it only warns');
    assert.equal(report.check('openclaw-key').status, 'skip', 'reported once, by the ${VAR} check');
    // OpenClaw's own warning names the same place and variable.
    const warnings = (JSON.parse(validate.stdout) as { warnings: Array<{ path: string; message: string }> }).warnings;
    assert.deepEqual(warnings.map((w) => w.path), ['models.providers.litellm.apiKey']);
    assert.match(warnings[0]!.message, /Missing env var "LITELLM_API_KEY"/);
    assert.ok(refs.message.startsWith('models.providers.litellm.apiKey uses ${LITELLM_API_KEY}, set nowhere OpenClaw looks'), refs.message);
    assert.match(refs.message, /`openclaw infer` then refuses to run, and agent turns send "\$\{LITELLM_API_KEY\}" itself as the key \(the proxy answers 401\)/);

    // infer: exit 1 and no request at all.
    const refused = await inferSends(world);
    assert.equal(refused.run.code, 1);
    assert.deepEqual(refused.keys, []);
    // An agent turn: the literal text goes out as the key, and the proxy refuses it. In a home of
    // its own, because OpenClaw then disables the provider's inline key for about a minute.
    const agentHome = await createOpenClawHome();
    t.after(() => removeOpenClawHome(agentHome));
    writeOpenClawConfig(agentHome, config);
    const mark = world.server.requests.length;
    const agent = await runOpenClaw(['agent', 'exec', 'Reply with hi', '--json'], { home: agentHome, timeoutMs: 120_000 });
    assert.equal(agent.timedOut, false);
    assert.equal(agent.code, 1, agent.stdout);
    const literal = sentKeys(world.server, mark);
    assert.ok(literal.length >= 1, 'the agent turn made a request');
    assert.deepEqual([...new Set(literal)], ['${LITELLM_API_KEY}']);
    assert.match(agent.stdout, /HTTP 401/);

    assert.equal(refs.fix, 'ollm key write --write openclaw');
    await runPrintedFix(world, refs.fix);
    const fixed = await doctor(world);
    assert.equal(fixed.code, 0);
    assert.equal(fixed.check('env-refs').status, 'ok');
    const answered = await inferSends(world);
    assert.equal(answered.run.code, 0, answered.run.stderr);
    assert.deepEqual(answered.keys, [key]);
  });

  test('OpenClaw\'s own validation: legacy flat env keys are reported once, other unknown keys as OpenClaw words them', PER_TEST, async (t) => {
    const world = await setup(t);
    const created = await ollm(world, ['key', 'create', ...store.storeFlags]);
    assert.equal(created.code, 0, created.stderr);
    const file = join(world.home, '.openclaw', 'openclaw.json');
    const written = readFileSync(file, 'utf8');
    writeOpenClawConfig(world.home, written.replace('"env": {', '"env": {\n    "OPENAI_API_KEY": "sk-openai-legacy-value",'));
    let report = await doctor(world);
    assert.equal(report.check('legacy-env').status, 'fail');
    assert.equal(report.check('openclaw-valid').message, '`openclaw config validate` accepts it apart from the legacy env keys (below).');

    writeOpenClawConfig(world.home, written.replace('"api": "openai-completions"', '"api": "openai-completions",\n      "foo": 1'));
    report = await doctor(world);
    assert.equal(report.check('openclaw-valid').status, 'fail');
    assert.match(report.check('openclaw-valid').message, /^OpenClaw rejects it, and then refuses to run: models\.providers\.litellm: Unrecognized key: "foo"\.$/);
    assert.equal(report.check('legacy-env').status, 'ok');
  });
});
