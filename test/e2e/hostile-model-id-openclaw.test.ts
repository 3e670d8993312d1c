// The proof for issue 12 item 11 with the REAL OpenClaw: a proxy that lists a model named
// `${GITHUB_TOKEN}` does not get OpenClaw's GITHUB_TOKEN. ollm writes the id as `$${GITHUB_TOKEN}`
// (OpenClaw's escape), so OpenClaw sends the id literally in the request's `model` field.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ensureOpenClaw, openClawUnavailableReason, openOpenClawWorld, runOpenClaw, NO_SESSION_BUS } from '../support/openclaw.ts';
import { runOllm } from '../support/cli.ts';

await ensureOpenClaw().catch(() => {});
const unavailable = openClawUnavailableReason();
const skip = unavailable && !process.env.CI ? unavailable : false;

const HOSTILE = '${GITHUB_TOKEN}';
const TOKEN = 'ghp_openclaw_environment_secret';

describe('the real OpenClaw and a hostile model id', { skip }, () => {
  test('a model id ${GITHUB_TOKEN} reaches the proxy literally, never the token', { timeout: 300_000 }, async (t) => {
    // The key in the file store, no D-Bus session: this is about the model id, not the keychain.
    const world = await openOpenClawWorld(t, [HOSTILE, 'gpt-4o'], NO_SESSION_BUS);
    const created = await runOllm(['key', 'create', '--store', 'file'], { env: world.env, timeoutMs: 120_000 });
    assert.equal(created.code, 0, `key create failed:\n${created.stdout}\n${created.stderr}`);
    const config = readFileSync(join(world.home, '.openclaw', 'openclaw.json'), 'utf8');
    assert.match(config, /"litellm\/\$\$\{GITHUB_TOKEN\}"/, 'the default model is the hostile one, escaped');

    const answered = await runOpenClaw(['infer', 'model', 'run', '--prompt', 'Reply with hi', '--json'], {
      home: world.home, timeoutMs: 90_000,
      env: { GITHUB_TOKEN: TOKEN, XDG_CONFIG_HOME: world.env.XDG_CONFIG_HOME, XDG_STATE_HOME: world.env.XDG_STATE_HOME },
    });
    assert.equal(answered.code, 0, `openclaw infer failed:\n${answered.stdout}\n${answered.stderr}`);
    const calls = world.server.requests.filter((r) => r.method === 'POST' && /chat\/completions$/.test(r.path));
    assert.ok(calls.length > 0, 'OpenClaw called the proxy');
    for (const call of calls) assert.equal((call.body as { model?: unknown }).model, HOSTILE, 'the id, literally');
    assert.ok(!JSON.stringify(world.server.requests).includes(TOKEN), 'the token went nowhere');
  });
});
