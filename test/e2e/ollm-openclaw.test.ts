// The proof of issue 3: `ollm key create` writes the key, and the REAL OpenClaw (Node 24) then
// sends exactly that key to the proxy — for each style and for .env; after `ollm key revoke`
// it no longer does. ollm runs with the real `openclaw` on its PATH, so its validation and
// auth-profile handling run for real too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, type TestContext } from 'node:test';
import { test } from '../support/keyring-test.ts';
import type { FakeLiteLLM } from '../support/litellm-server.ts';
import { type OpenClawWorld, ensureOpenClaw, openClawUnavailableReason, openOpenClawWorld, runOpenClaw, writeOpenClawConfig, NO_SESSION_BUS } from '../support/openclaw.ts';
import { needsSecretService, programStore, runOllm, snapshotTree, type RunResult } from '../support/cli.ts';
import { startUntil } from '../support/kill-during.ts';

await ensureOpenClaw().catch(() => {});
const unavailable = openClawUnavailableReason();
const store = programStore();
const skip = unavailable && !process.env.CI ? unavailable : false;

const PER_TEST = { timeout: 300_000 };
const LLM_PATH = /^\/(v1\/)?(chat\/completions|messages)$/;

type World = OpenClawWorld;

// Outside createThenInferThenRevoke ollm keeps the key in the file store (--store file), with no
// session bus: those tests are about what OpenClaw does with what ollm wrote.
// createThenInferThenRevoke uses the file's own Secret Service, or where none can run the file
// store (programStore); only the keychain style, whose resolver reads the keychain, needs one.
const FILE_STORE = ['--store', 'file'];
const setup = (t: TestContext, programs = false): Promise<World> =>
  openOpenClawWorld(t, ['claude-sonnet-4-6', 'gpt-4o'], programs ? store.env : NO_SESSION_BUS);

function ollm(world: World, args: string[], node?: string): Promise<RunResult> {
  return runOllm(args, { env: world.env, timeoutMs: 120_000, node });
}

/** `openclaw infer model run`, with what OpenClaw's exec provider may pass on (passEnv). */
function infer(world: World) {
  return runOpenClaw(['infer', 'model', 'run', '--prompt', 'Reply with hi', '--json'], {
    home: world.home,
    timeoutMs: 90_000,
    env: { DBUS_SESSION_BUS_ADDRESS: world.env.DBUS_SESSION_BUS_ADDRESS, XDG_CONFIG_HOME: world.env.XDG_CONFIG_HOME, XDG_STATE_HOME: world.env.XDG_STATE_HOME },
  });
}

/** The keys the proxy received on LLM routes since `from` (Bearer or x-api-key). */
function sentKeys(server: FakeLiteLLM, from = 0): Array<string | null> {
  return server.requests.slice(from).filter((r) => r.method === 'POST' && LLM_PATH.test(r.path)).map((r) => r.authKey);
}

interface Scenario {
  before?: (world: World) => void;
  check?: (world: World, key: string) => void;
  node?: string;
}

async function createThenInferThenRevoke(t: TestContext, createArgs: string[], { before, check, node }: Scenario = {}) {
  const world = await setup(t, true);
  before?.(world);
  const created = await ollm(world, ['key', 'create', '--budget', '5', ...store.storeFlags, ...createArgs], node);
  assert.equal(created.code, 0, `key create failed:\n${created.stdout}\n${created.stderr}`);
  const key = world.server.findByAlias('openclaw')!.key;
  check?.(world, key);

  const answered = await infer(world);
  assert.equal(answered.code, 0, `openclaw infer failed:\n${answered.stdout}\n${answered.stderr}`);
  assert.deepEqual(sentKeys(world.server), [key], 'OpenClaw sent exactly the key ollm created');

  const revoked = await ollm(world, ['key', 'revoke', '--yes']);
  assert.equal(revoked.code, 0, revoked.stderr);
  const mark = world.server.requests.length;
  await infer(world);
  assert.ok(!sentKeys(world.server, mark).includes(key), 'after revoke OpenClaw no longer sends the key');
}

describe('the real OpenClaw uses the key ollm wrote', { skip, concurrency: 2 }, () => {
  test('litellm style (env.vars + litellm provider), with ollm itself on Node 24', PER_TEST, async (t) => {
    const oc = await ensureOpenClaw();
    await createThenInferThenRevoke(t, [], {
      node: oc.node,
      // A hand-commented config: ollm edits it, OpenClaw validates it, the comments stay.
      before: (world) => writeOpenClawConfig(world.home, `// hand-written
{
  gateway: { port: 18789 }, // my port
}
`),
      check: (world, key) => {
        const text = readFileSync(join(world.home, '.openclaw', 'openclaw.json'), 'utf8');
        assert.ok(text.includes(key));
        assert.ok(text.includes('// hand-written') && text.includes('gateway: { port: 18789 }, // my port'), text);
      },
    });
  });

  test('anthropic style (x-api-key on /v1/messages)', PER_TEST, async (t) => {
    await createThenInferThenRevoke(t, ['--openclaw-style', 'anthropic']);
  });

  test('keychain style: no sk- string in any file under HOME, OpenClaw asks ollm at run time', { ...PER_TEST, ...needsSecretService }, async (t) => {
    await createThenInferThenRevoke(t, ['--openclaw-style', 'keychain'], {
      check: (world) => {
        for (const [file, content] of snapshotTree(world.home)) assert.doesNotMatch(content, /sk-[A-Za-z0-9_-]{10,}/, file);
      },
    });
  });

  test('dotenv: ~/.openclaw/.env only, the config left alone', PER_TEST, async (t) => {
    await createThenInferThenRevoke(t, ['--write', 'dotenv'], {
      // A daemon user's setup: the provider reads ${LITELLM_API_KEY}, which only .env provides.
      before: (world) => writeOpenClawConfig(world.home, `// set up by hand
{
  models: { providers: { litellm: { baseUrl: '${world.server.url}', api: 'openai-completions', apiKey: '\${LITELLM_API_KEY}', models: [] } } },
  agents: { defaults: { model: { primary: 'litellm/gpt-4o' } } },
}
`),
      check: (world, key) => {
        assert.match(readFileSync(join(world.home, '.openclaw', '.env'), 'utf8'), new RegExp(`^LITELLM_API_KEY=${key}$`, 'm'));
        assert.ok(!readFileSync(join(world.home, '.openclaw', 'openclaw.json'), 'utf8').includes(key), 'the config is not touched');
      },
    });
  });
});

describe('ollm and OpenClaw\'s own checks', { skip, concurrency: 2 }, () => {
  test('the auth-profile trap: a stored profile is found and updated, and the config keeps its comments', PER_TEST, async (t) => {
    const world = await setup(t);
    writeOpenClawConfig(world.home, {
      models: { providers: { litellm: { baseUrl: world.server.url, api: 'openai-completions', apiKey: '${LITELLM_API_KEY}', models: [] } } },
      agents: { defaults: { model: { primary: 'litellm/gpt-4o' } } },
    });
    const old = world.server.addKey({ key_alias: 'onboarded' }).key;
    const pasted = await runOpenClaw(['models', 'auth', 'paste-api-key', '--provider', 'litellm', '--profile-id', 'litellm:default'], { home: world.home, input: old, timeoutMs: 90_000 });
    assert.equal(pasted.code, 0, pasted.stderr);
    // The user comments the file OpenClaw just wrote (OpenClaw itself strips comments when it writes).
    const file = join(world.home, '.openclaw', 'openclaw.json');
    const rewritten = readFileSync(file, 'utf8');
    assert.match(rewritten, /"auth"/, 'OpenClaw recorded the profile in the config');
    writeOpenClawConfig(world.home, `// my config — keep this comment\n${rewritten.replace('"agents": {', '// and this one\n  "agents": {')}`);

    // Only warned: the trap is real — OpenClaw keeps sending the onboarded key.
    const warned = await ollm(world, ['key', 'create', '--no-openclaw-profile', ...FILE_STORE]);
    assert.equal(warned.code, 0, warned.stderr);
    assert.match(warned.stderr, /stored auth profile \(litellm:default\)/);
    assert.match(warned.stderr, /openclaw models auth paste-api-key --provider litellm --profile-id litellm:default/);
    const key = world.server.findByAlias('openclaw')!.key;
    await infer(world);
    assert.deepEqual(sentKeys(world.server).at(-1), old);

    // Updated: ollm replaces the profile's key, then OpenClaw sends ollm's key.
    const written = await ollm(world, ['key', 'write']);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stdout, /updated OpenClaw's stored auth profile litellm:default/);
    const mark = world.server.requests.length;
    const answered = await infer(world);
    assert.equal(answered.code, 0, answered.stderr);
    assert.deepEqual(sentKeys(world.server, mark), [key]);
    const text = readFileSync(join(world.home, '.openclaw', 'openclaw.json'), 'utf8');
    assert.ok(text.includes('// my config — keep this comment') && text.includes('// and this one'), `comments survive OpenClaw's rewrite:\n${text}`);
    assert.match(text, /"?auth"?\s*:/, 'OpenClaw\'s auth block is kept');
  });

  test('a config OpenClaw rejects after the edit is put back byte for byte; the key stays held', PER_TEST, async (t) => {
    const world = await setup(t);
    const invalid = `{ gateway: { notAGatewayKey: true } }\n`;
    const file = writeOpenClawConfig(world.home, invalid);
    const result = await ollm(world, ['key', 'create', '--json', ...FILE_STORE]);
    assert.equal(result.code, 1);
    const out = JSON.parse(result.stdout);
    assert.equal(out.target_errors[0].code, 'openclaw_config_rejected');
    assert.match(out.target_errors[0].message, /notAGatewayKey|Unrecognized key/);
    assert.equal(readFileSync(file, 'utf8'), invalid);
    const get = await ollm(world, ['key', 'get', '--reveal']);
    assert.equal(get.stdout.trim(), world.server.findByAlias('openclaw')!.key);
  });
});

describe('rotation, interrupted and resumed, with the real OpenClaw', { skip }, () => {
  test('SIGKILL while the new key is being created; after --resume OpenClaw sends the new key, and only it', PER_TEST, async (t) => {
    const world = await setup(t);
    assert.equal((await ollm(world, ['key', 'create', '--budget', '5', ...FILE_STORE])).code, 0);
    const old = world.server.findByAlias('openclaw')!.key;
    world.server.setSpend(old, 2.5);

    const { held } = world.server.hold({ method: 'POST', path: '/key/generate', when: 'after' });
    // Once held, the new key exists on the proxy; its answer never reaches the CLI.
    const { child, closed } = await startUntil(held, ['key', 'rotate'], world.env);
    assert.notEqual(world.server.findByAlias('openclaw')?.key, old, 'the new key carries the alias');
    child.kill('SIGKILL');
    await closed;

    const resumed = await ollm(world, ['key', 'rotate', '--resume', '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(JSON.parse(resumed.stdout).results[0].resumed, 'rolled-forward');
    const fresh = world.server.findByAlias('openclaw')!;
    assert.notEqual(fresh.key, old);
    assert.equal(fresh.spend, 2.5);
    assert.equal(world.server.keys().length, 1, 'old key retired, no orphan');

    const mark = world.server.requests.length;
    const answered = await infer(world);
    assert.equal(answered.code, 0, answered.stderr);
    assert.deepEqual(sentKeys(world.server, mark), [fresh.key]);
  });
});
