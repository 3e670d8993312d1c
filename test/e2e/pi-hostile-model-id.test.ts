// Hostile model ids from the proxy, through ollm into pi's models.json and on to the REAL pi: each
// one is an inert string. pi sends it back to the proxy byte for byte as the model of a turn, with
// the key ollm gave it, and nothing in it is ever run (no file appears) — only apiKey is a command.
// Against the fake LiteLLM, which lists any model name the test chooses.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome, programStore, runOllm, type TempHome } from '../support/cli.ts';
import { startFakeLiteLLM, type FakeLiteLLM } from '../support/litellm-server.ts';
import { ensurePi, piUnavailableReason, runPi } from '../support/pi.ts';

await ensurePi().catch(() => {});
const unavailable = piUnavailableReason();
// The keychain's helper style, or where no Secret Service can run the file store and pi's file
// style (the key in models.json, behind pi's `!` escape): model ids are inert in both.
const store = programStore();
const skip = unavailable && !process.env.CI ? unavailable : false;

const HOSTILE = ['!touch PWNED-bang', '$(touch PWNED-dollar)', '`touch PWNED-tick`', '${HOME}', 'LITELLM_MASTER_KEY'];

let server: FakeLiteLLM;
let home: TempHome;
beforeEach(async () => {
  home = makeHome();
  server = await startFakeLiteLLM({ models: ['gpt-4o', ...HOSTILE] });
});
afterEach(async () => {
  await server.close();
  home.cleanup();
});

const agentDir = () => join(home.dir, 'pi-agent');

function pwned(): string[] {
  return [home.dir, agentDir()].flatMap((dir) => readdirSync(dir).filter((name) => name.startsWith('PWNED')));
}

describe('hostile model ids stay inert in the real pi', { skip, concurrency: 1 }, () => {
  test('each is sent back to the proxy as written, with ollm\'s key, and nothing runs', { timeout: 300_000 }, async () => {
    const created = await runOllm(['key', 'create', '--for', 'pi', ...store.storeFlags], {
      env: { ...home.env, ...store.env, LITELLM_PROXY_URL: server.url, LITELLM_MASTER_KEY: server.masterKey!, PI_CODING_AGENT_DIR: agentDir() },
      timeoutMs: 60_000,
    });
    assert.equal(created.code, 0, created.stderr);
    const key = server.findByAlias('pi')!.key;
    for (const model of HOSTILE) {
      const mark = server.requests.length;
      const turn = await runPi(['-p', '--provider', 'litellm', '--model', model, '--no-session', '--no-tools', 'Reply with hi'], {
        home: home.dir,
        env: { PI_CODING_AGENT_DIR: agentDir(), XDG_CONFIG_HOME: home.env.XDG_CONFIG_HOME, XDG_STATE_HOME: home.env.XDG_STATE_HOME, ...store.env },
      });
      assert.equal(turn.code, 0, `pi --model ${model}:\n${turn.stdout}\n${turn.stderr}`);
      const calls = server.requests.slice(mark).filter((r) => r.method === 'POST' && /\/chat\/completions$/.test(r.path));
      assert.equal(calls.length, 1, model);
      assert.equal((calls[0]!.body as { model: string }).model, model, 'the id reached the proxy as written');
      assert.equal(calls[0]!.authKey, key, 'with the key ollm gave pi');
    }
    assert.deepEqual(pwned(), []);
  });
});
