// The proof for `ollm models sync` with the REAL OpenClaw 2026.9.6 (Node 24): the synced config
// passes `openclaw config validate`, `openclaw models list` shows the proxy's models with the
// user's own entry as written, --prune takes a model out of that list, and a config OpenClaw
// rejects is put back byte for byte. ollm runs with the real `openclaw` on its PATH.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { type OpenClawWorld, ensureOpenClaw, openClawUnavailableReason, openOpenClawWorld, runOpenClaw, writeOpenClawConfig, NO_SESSION_BUS } from '../support/openclaw.ts';
import { runOllm, type RunResult } from '../support/cli.ts';

// Install (or reuse) first, so the skip decision knows the outcome. In CI nothing is skipped:
// a missing client makes the tests run and fail with the reason.
await ensureOpenClaw().catch(() => {});
const unavailable = openClawUnavailableReason();
const skip = process.env.CI ? false : unavailable ?? false;
// ollm keeps the key in the file store, with no D-Bus session: these tests are about the models
// OpenClaw is offered, not where the key is kept, and need no Secret Service.
const FILE_STORE = ['--store', 'file'];

const PER_TEST = { timeout: 300_000 };

type World = OpenClawWorld & { config: string };

async function setup(t: TestContext): Promise<World> {
  const world = await openOpenClawWorld(t, ['claude-sonnet-4-6', 'gpt-4o', 'claude-haiku-4-5'], NO_SESSION_BUS);
  return { ...world, config: join(world.home, '.openclaw', 'openclaw.json') };
}

/** ollm with the real `openclaw` on PATH, so its own validate-and-restore runs for real. */
function ollm(world: World, args: string[]): Promise<RunResult> {
  return runOllm(args, { env: world.env, timeoutMs: 120_000 });
}

async function openclawJson(world: World, args: string[]): Promise<Record<string, any>> {
  const run = await runOpenClaw([...args, '--json'], { home: world.home, timeoutMs: 90_000 });
  assert.equal(run.timedOut, false, `openclaw ${args.join(' ')} timed out`);
  try {
    return JSON.parse(run.stdout) as Record<string, any>;
  } catch {
    assert.fail(`openclaw ${args.join(' ')}: stdout is not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** The litellm models OpenClaw itself offers, by id (it lists them as `litellm/<id>`). */
async function openclawModels(world: World): Promise<Map<string, Record<string, any>>> {
  const listed = await openclawJson(world, ['models', 'list', '--provider', 'litellm']);
  return new Map((listed.models as Array<Record<string, any>>).map((m) => [String(m.key).replace(/^litellm\//, ''), m]));
}

function parse(result: RunResult): Record<string, any> {
  try {
    return JSON.parse(result.stdout) as Record<string, any>;
  } catch {
    assert.fail(`ollm stdout is not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}

function handWritten(world: World, extra = ''): string {
  return `// hand-written
{
  gateway: { port: 18789 }, // my port
  models: { providers: { litellm: {
    baseUrl: '${world.server.url}',
    api: 'openai-completions',
    apiKey: '\${LITELLM_API_KEY}',${extra}
    models: [
      // my own name and window for it
      { id: 'claude-sonnet-4-6', name: 'Sonnet (mine)', contextWindow: 200000 },
      { id: 'retired-model', name: 'retired-model' },
    ],
  } } },
}
`;
}

describe('the real OpenClaw accepts and offers what `ollm models sync` wrote', { skip, concurrency: 2 }, () => {
  test('sync adds the key\'s models, OpenClaw validates and lists them; --prune removes the retired one', PER_TEST, async (t) => {
    const world = await setup(t);
    writeOpenClawConfig(world.home, handWritten(world));
    const created = await ollm(world, ['key', 'create', '--budget', '5', ...FILE_STORE]);
    assert.equal(created.code, 0, `key create failed:\n${created.stdout}\n${created.stderr}`);

    const synced = await ollm(world, ['models', 'sync', '--json']);
    assert.equal(synced.code, 0, synced.stdout + synced.stderr);
    const report = parse(synced);
    assert.deepEqual(report.added, ['gpt-4o', 'claude-haiku-4-5']);
    assert.deepEqual(report.stale, ['retired-model']);
    assert.equal(report.checked_by_openclaw, true, 'ollm ran `openclaw config validate` itself');

    const validated = await openclawJson(world, ['config', 'validate']);
    assert.equal(validated.valid, true, JSON.stringify(validated.issues));
    const offered = await openclawModels(world);
    assert.deepEqual([...offered.keys()].sort(), ['claude-haiku-4-5', 'claude-sonnet-4-6', 'gpt-4o', 'retired-model']);
    assert.equal(offered.get('claude-sonnet-4-6')!.name, 'Sonnet (mine)', 'the user\'s name survived');
    assert.equal(offered.get('claude-sonnet-4-6')!.contextWindow, 200000, 'and their context window');
    assert.equal(offered.get('gpt-4o')!.name, 'gpt-4o');
    const text = readFileSync(world.config, 'utf8');
    assert.ok(text.startsWith('// hand-written') && text.includes('// my own name and window for it'), text);

    const pruned = await ollm(world, ['models', 'sync', '--prune', '--json']);
    assert.equal(pruned.code, 0, pruned.stdout + pruned.stderr);
    assert.deepEqual(parse(pruned).removed, ['retired-model']);
    assert.equal((await openclawJson(world, ['config', 'validate'])).valid, true);
    assert.deepEqual([...(await openclawModels(world)).keys()].sort(), ['claude-haiku-4-5', 'claude-sonnet-4-6', 'gpt-4o']);
  });

  test('when OpenClaw rejects the result, ollm puts the previous config back byte for byte', PER_TEST, async (t) => {
    const world = await setup(t);
    const created = await ollm(world, ['key', 'create', '--budget', '5', '--write', 'none', ...FILE_STORE]);
    assert.equal(created.code, 0, created.stderr);
    // A key OpenClaw's strict schema does not know: any write of this file fails its validation.
    const before = handWritten(world, "\n    contextSize: 1000, // not OpenClaw's name for it");
    writeOpenClawConfig(world.home, before);

    const result = await ollm(world, ['models', 'sync', '--json']);

    assert.equal(result.code, 1, result.stdout);
    const { error } = parse(result);
    assert.equal(error.code, 'openclaw_config_rejected');
    assert.match(error.message, /contextSize/);
    assert.equal(readFileSync(world.config, 'utf8'), before);
  });
});
