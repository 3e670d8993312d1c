// The real OpenCode reads the config ollm wrote as ollm means it, against the fake proxy (fast):
// hostile model ids (`{env:HOME}`, `{file:…}`) stay literal in OpenCode's own view of its config
// (`opencode debug config`) and nothing is read; the key in OLLM_OPENCODE_API_KEY is what arrives;
// and what a `/connect` login for the same provider id in auth.json does to that.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { openWorld, type World } from '../support/fixture.ts';
import { ensureOpenCode, openCodeEnv, openCodeSkip } from '../support/opencode.ts';
import { runWithDeadline } from '../support/run-with-deadline.ts';

const skip = await openCodeSkip();
const LLM_PATH = /^\/(v1\/)?chat\/completions$/;

describe('the real OpenCode reads what ollm wrote', { skip, timeout: 300_000 }, () => {
  let world: World;
  afterEach(async () => { await world?.close(); });

  async function opencode(args: string[], extra: NodeJS.ProcessEnv = {}) {
    const { binDir, bin } = await ensureOpenCode();
    const project = join(world.home.dir, 'project');
    mkdirSync(project, { recursive: true });
    return runWithDeadline([bin, ...args], { env: { ...world.env(), ...openCodeEnv(world.home.dir), PATH: [binDir, process.env.PATH].join(delimiter), ...extra }, cwd: project, timeoutMs: 120_000 });
  }
  const sentKeys = () => world.server.requests.filter((r) => r.method === 'POST' && LLM_PATH.test(r.path)).map((r) => r.authKey);

  test('hostile model ids stay literal for OpenCode: no {env:} or {file:} is substituted', async () => {
    const hostile = ['{env:HOME}', '{file:~/.ssh/id_rsa}', 'gpt{env:OLLM_OPENCODE_API_KEY}'];
    world = await openWorld({ models: ['gpt-4o', ...hostile] });
    const secret = join(world.home.dir, '.ssh', 'id_rsa');
    mkdirSync(dirname(secret), { recursive: true });
    writeFileSync(secret, 'PRIVATE-KEY-CONTENT');
    const created = await world.ollm(['key', 'create', '--for', 'opencode', '--default-model', '{env:HOME}']);
    assert.equal(created.code, 0, created.stderr);
    const key = world.heldKey('opencode')!;

    const shown = await opencode(['debug', 'config'], { OLLM_OPENCODE_API_KEY: key });
    assert.equal(shown.code, 0, shown.stderr);
    const config = JSON.parse(shown.stdout) as any;
    assert.deepEqual(Object.keys(config.provider.litellm.models).sort(), ['gpt-4o', ...hostile].sort());
    assert.equal(config.model, 'litellm/{env:HOME}');
    assert.ok(!shown.stdout.includes('PRIVATE-KEY-CONTENT'), 'no file was read into the config');
    assert.ok(!shown.stdout.includes(world.home.dir), 'HOME was not substituted');
    assert.ok(!shown.stdout.includes(key), 'the key did not leak into a model id');

    const ran = await opencode(['run', '-m', 'litellm/gpt-4o', 'Reply with hi'], { OLLM_OPENCODE_API_KEY: key });
    assert.equal(ran.code, 0, `${ran.stdout}\n${ran.stderr}`);
    assert.deepEqual([...new Set(sentKeys())], [key], 'OpenCode sent exactly the key in OLLM_OPENCODE_API_KEY');
  });

  test('a /connect key stored for provider litellm in auth.json is not sent while ollm\'s entry has apiKey, even an empty one', async () => {
    world = await openWorld({ models: ['gpt-4o'] });
    const created = await world.ollm(['key', 'create', '--for', 'opencode']);
    assert.equal(created.code, 0, created.stderr);
    const key = world.heldKey('opencode')!;
    const auth = join(world.home.dir, '.local', 'share', 'opencode', 'auth.json');
    mkdirSync(dirname(auth), { recursive: true });
    writeFileSync(auth, JSON.stringify({ litellm: { type: 'api', key: 'sk-stored-by-connect' } }), { mode: 0o600 });
    await opencode(['run', '-m', 'litellm/gpt-4o', 'Reply with hi'], { OLLM_OPENCODE_API_KEY: key });
    // The config's apiKey wins over the stored login when the variable is set…
    assert.deepEqual([...new Set(sentKeys())], [key]);
    const mark = world.server.requests.length;
    await opencode(['run', '-m', 'litellm/gpt-4o', 'Reply with hi'], {});
    // …and with the variable unset, `{env:}` is empty: OpenCode then sends no key at all, not the
    // stored login (the doctor's `opencode-env` check warns of an unset variable for this reason).
    const unset = world.server.requests.slice(mark).filter((r) => r.method === 'POST' && LLM_PATH.test(r.path)).map((r) => r.authKey);
    assert.ok(unset.length > 0, 'OpenCode still called the proxy');
    assert.deepEqual([...new Set(unset)], [null]);
  });
});
