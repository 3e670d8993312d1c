// The real Claude Code (the pinned @anthropic-ai/claude-code, its native binary) through the REAL
// LiteLLM with a key ollm made for it: `ollm key create --for claude-code` writes apiKeyHelper and
// ANTHROPIC_BASE_URL into settings.json (CLAUDE_CONFIG_DIR = the test home), `claude -p` runs the
// helper with /bin/sh (which runs ollm, which reads the key from the file's own Secret Service, or
// where none can run from the file store: programStore) and the proxy books the
// turn's spend on that key; after `ollm key rotate` the next turn is booked on the new key; after
// `ollm key revoke` the settings no longer name ollm and the revoked key is refused by the proxy.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome, programStore, runOllm, type TempHome } from '../support/cli.ts';
import { json } from '../support/fixture.ts';
import { claudeCodeSkip, runClaude } from '../support/claude-code.ts';
import { realGate } from '../support/real-litellm-gate.ts';
import { startRealLiteLLM, type RealLiteLLM } from '../support/real-litellm.ts';
import { lookupSecret } from '../support/secret-service.ts';
import { waitFor } from '../support/wait-for.ts';

const store = programStore();
const skip = realGate.skip || await claudeCodeSkip();
/** A model LiteLLM answers itself (mock_response), priced so that spend is booked. */
const MODEL = 'claude-sonnet-4-6';

describe('the real Claude Code on the real LiteLLM, with ollm\'s key', { skip }, () => {
  let proxy: RealLiteLLM;
  let home: TempHome;
  before(async () => {
    proxy = await startRealLiteLLM();
    home = makeHome({ ...store.env, LITELLM_PROXY_URL: proxy.url, LITELLM_MASTER_KEY: proxy.masterKey });
  });
  after(async () => {
    await proxy?.stop();
    home?.cleanup();
  });

  const ollm = (...args: string[]) => runOllm(args, { env: home.env, timeoutMs: 60_000 });
  const held = async () => {
    const got = await ollm('key', 'get', '--alias', 'claude-code', '--reveal', '--quiet');
    assert.equal(got.code, 0, got.stderr);
    return got.stdout.trim();
  };
  // Claude Code gets what a session has: HOME, the session bus and XDG folders (the helper's ollm needs them).
  const claude = (env: NodeJS.ProcessEnv = {}) => runClaude(['-p', 'Reply with hi', '--model', MODEL], {
    home: home.dir,
    env: { DBUS_SESSION_BUS_ADDRESS: home.env.DBUS_SESSION_BUS_ADDRESS, XDG_CONFIG_HOME: home.env.XDG_CONFIG_HOME, XDG_STATE_HOME: home.env.XDG_STATE_HOME, ...env },
  });
  const spendOf = (key: string) => waitFor(async () => {
    const { body } = await proxy.call('GET', `/key/info?key=${key}`);
    return body.info?.spend > 0 && body.info.spend as number;
  }, { what: 'the real proxy to book the turn on the key', timeoutMs: 60_000, everyMs: 250 });
  const messagesAnswered = () => proxy.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages').map((r) => r.status);

  test('a turn is booked on the key ollm made; after rotate the next turn on the new key; after revoke the key is refused', async () => {
    const created = await ollm('key', 'create', '--for', 'claude-code', '--budget', '5', '--monthly', '--json', ...store.storeFlags);
    assert.equal(created.code, 0, `${created.stdout}\n${created.stderr}`);
    const first = await held();
    assert.match(first, /^sk-/);
    if (store.kind === 'keychain') assert.equal(lookupSecret(store.env, 'ollm', `claude-code@${proxy.url}`), first, 'the key is in the Secret Service');
    const settingsFile = join(home.dir, '.claude', 'settings.json');
    const settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
    assert.equal(settings.env.ANTHROPIC_BASE_URL, proxy.url);
    assert.ok(!readFileSync(settingsFile, 'utf8').includes(first), 'the helper style keeps the key out of settings.json');

    const turn = await claude();
    assert.equal(turn.code, 0, `claude -p failed:\n${turn.stdout}\n${turn.stderr}`);
    assert.match(turn.stdout, /Hello from the real LiteLLM/);
    assert.ok(messagesAnswered().includes(200), 'Claude Code sent its turn to the proxy\'s /v1/messages');
    assert.ok(await spendOf(first) > 0, 'the proxy booked the turn on the key ollm made');

    const rotated = await ollm('key', 'rotate', '--for', 'claude-code', '--json');
    assert.equal(rotated.code, 0, `${rotated.stdout}\n${rotated.stderr}`);
    assert.equal(json(rotated).results[0].grace, '10m', 'the old key outlives the helper\'s TTL');
    const second = await held();
    assert.notEqual(second, first);
    const spentBefore = (await proxy.call('GET', `/key/info?key=${second}`)).body.info?.spend ?? 0;
    const next = await claude();
    assert.equal(next.code, 0, `claude -p after the rotation failed:\n${next.stdout}\n${next.stderr}`);
    assert.ok(await waitFor(async () => {
      const { body } = await proxy.call('GET', `/key/info?key=${second}`);
      return body.info?.spend > spentBefore;
    }, { what: 'the turn after the rotation to be booked on the new key', timeoutMs: 60_000, everyMs: 250 }));

    const revoked = await ollm('key', 'revoke', '--for', 'claude-code', '--yes');
    assert.equal(revoked.code, 0, `${revoked.stdout}\n${revoked.stderr}`);
    const left = JSON.parse(readFileSync(settingsFile, 'utf8'));
    assert.equal(left.apiKeyHelper, undefined, 'revoke took ollm\'s helper out');
    assert.equal(left.env?.ANTHROPIC_BASE_URL, undefined);
    // A session that still holds the revoked key (Claude Code caches the helper's answer) is refused.
    const before401 = messagesAnswered().length;
    const refused = await claude({ ANTHROPIC_BASE_URL: proxy.url, ANTHROPIC_AUTH_TOKEN: second });
    assert.notEqual(refused.code, 0, `claude -p with the revoked key succeeded:\n${refused.stdout}`);
    const answers = messagesAnswered().slice(before401);
    assert.ok(answers.length > 0 && answers.every((status) => status === 401), `the proxy refused the revoked key (answers: ${answers.join(', ')})`);
  });
});
