// The proof for pi: `ollm key create --for pi --budget 5 --monthly` against the REAL LiteLLM, then
// the REAL pi (pinned, from npm) runs one non-interactive turn (`pi -p`) with its agent directory
// in the test home; the proxy books that turn's spend on exactly that key. After `ollm key rotate`
// the next turn is booked on the new key (the helper style: models.json untouched); after
// `ollm key revoke` pi gets no answer. The file style's revoked key is refused by the proxy.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome, needsSecretService, programStore, runOllm, snapshotTree, type RunResult, type TempHome } from '../support/cli.ts';
import { ensurePi, piUnavailableReason, runPi } from '../support/pi.ts';
import { startRealLiteLLM, type RealLiteLLM } from '../support/real-litellm.ts';
import { realGate } from '../support/real-litellm-gate.ts';
import { waitFor } from '../support/wait-for.ts';

await ensurePi().catch(() => {});
const unavailable = piUnavailableReason();
// The helper style reads the keychain (it refuses the file store); the file style runs on the
// file's own Secret Service, or where none can run on the file store (programStore).
const store = programStore();
const skip = (unavailable && !process.env.CI ? unavailable : false) || realGate.skip;

/** A model of the harness's config that LiteLLM answers itself (mock_response), priced per token. */
const MODEL = 'gpt-4o';
const ANSWER = /Hello from the real LiteLLM \(gpt-4o, mock response\)/;

let proxy: RealLiteLLM;
let home: TempHome;
before(async () => { if (!skip) proxy = await startRealLiteLLM(); });
after(async () => { await proxy?.stop(); });
beforeEach(() => { home = makeHome(); });
afterEach(() => { home.cleanup(); });

const agentDir = () => join(home.dir, 'pi-agent');
const modelsPath = () => join(agentDir(), 'models.json');

/** ollm as a user runs it: the built program, on the file's own Secret Service (or the file store). */
function ollm(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return runOllm(args, {
    env: { ...home.env, ...store.env, LITELLM_PROXY_URL: proxy.url, LITELLM_MASTER_KEY: proxy.masterKey, PI_CODING_AGENT_DIR: agentDir(), ...extra },
    timeoutMs: 120_000,
  });
}

/** One turn of the real pi, with what a user's session has: its home, ollm's XDG dirs, the session bus. No LiteLLM variables. */
function turn() {
  return runPi(['-p', '--provider', 'litellm', '--model', MODEL, '--no-session', '--no-tools', 'Reply with hi'], {
    home: home.dir,
    env: { PI_CODING_AGENT_DIR: agentDir(), XDG_CONFIG_HOME: home.env.XDG_CONFIG_HOME, XDG_STATE_HOME: home.env.XDG_STATE_HOME, ...store.env },
  });
}

async function proxyKey(alias: string): Promise<string> {
  const { status, body } = await proxy.call('GET', `/key/list?key_alias=${alias}&return_full_object=true`);
  assert.equal(status, 200);
  const [key] = body.keys as Array<{ token: string; max_budget: number | null; budget_duration: string | null }>;
  assert.equal(key!.max_budget, 5, '--budget 5');
  assert.ok(key!.budget_duration, '--monthly');
  return key!.token;
}

/** The spend the proxy booked on a key (by its token); it writes spend in batches, so wait for it. */
function spendBooked(token: string, above = 0): Promise<number> {
  return waitFor(async () => {
    const { body } = await proxy.call('GET', `/key/info?key=${token}`);
    const spend = body.info?.spend as number | undefined;
    return spend !== undefined && spend > above && spend;
  }, { what: 'the real proxy to book the turn\'s spend on the key', timeoutMs: 60_000, everyMs: 250 });
}

describe('the real pi uses the key ollm gave it, through the real LiteLLM', { skip, concurrency: 1 }, () => {
  test('helper style: create, a turn booked on the key, rotate, the next turn on the new key, revoke', { ...needsSecretService, timeout: 300_000 }, async () => {
    const created = await ollm(['key', 'create', '--for', 'pi', '--budget', '5', '--monthly']);
    assert.equal(created.code, 0, `${created.stdout}\n${created.stderr}`);
    for (const [file, content] of snapshotTree(home.dir)) assert.doesNotMatch(content, /sk-[A-Za-z0-9_-]{16,}/, `no key in ${file}`);
    const first = await proxyKey('pi');

    const answered = await turn();
    assert.equal(answered.code, 0, `pi failed:\n${answered.stdout}\n${answered.stderr}`);
    assert.match(answered.stdout, ANSWER);
    const spent = await spendBooked(first);
    assert.ok(spent > 0);

    // The doctor, with the real pi on PATH: its version, and the key it would send, accepted by the real proxy.
    const pi = await ensurePi();
    const doctor = await ollm(['doctor', '--for', 'pi', '--json'], { PATH: `${pi.binDir}:${home.env.PATH ?? ''}` });
    const checks = Object.fromEntries((JSON.parse(doctor.stdout).checks as Array<{ id: string; status: string; message: string }>).map((c) => [c.id, c]));
    for (const id of ['pi-models', 'pi-auth', 'pi-key', 'pi-program']) assert.equal(checks[id]?.status, 'ok', `${id}: ${JSON.stringify(checks[id])}`);
    assert.match(checks['pi-program']!.message, /pi 0\.73\.1 runs the apiKey command for every request/);

    const before = readFileSync(modelsPath(), 'utf8');
    const rotated = await ollm(['key', 'rotate', '--alias', 'pi']);
    assert.equal(rotated.code, 0, `${rotated.stdout}\n${rotated.stderr}`);
    assert.equal(readFileSync(modelsPath(), 'utf8'), before, 'the helper style needs no rewrite');
    const second = await proxyKey('pi');
    assert.notEqual(second, first);

    const carried = (await proxy.call('GET', `/key/info?key=${second}`)).body.info?.spend as number ?? 0;
    const mark = proxy.requests.length;
    const again = await turn();
    assert.equal(again.code, 0, `pi failed after the rotation:\n${again.stdout}\n${again.stderr}`);
    assert.match(again.stdout, ANSWER);
    // LiteLLM's token is the SHA-256 of the key: every request of this turn carried the new key.
    const sent = proxy.requests.slice(mark).filter((r) => r.method === 'POST' && /\/chat\/completions$/.test(r.path))
      .map((r) => r.authKey && createHash('sha256').update(r.authKey).digest('hex'));
    assert.ok(sent.length > 0 && sent.every((token) => token === second), 'the turn after the rotation was sent with the new key');
    await spendBooked(second, carried);

    const revoked = await ollm(['key', 'revoke', '--alias', 'pi', '--yes']);
    assert.equal(revoked.code, 0, `${revoked.stdout}\n${revoked.stderr}`);
    const gone = await turn();
    assert.notEqual(gone.code, 0, `pi still answered after the revoke:\n${gone.stdout}`);
    assert.doesNotMatch(gone.stdout, ANSWER);
    assert.match(gone.stderr, /Unknown provider "litellm"/, 'revoke took ollm\'s provider out of models.json');
    // The models.json of before the revoke, put back: its helper finds no key, so pi sends none.
    writeFileSync(modelsPath(), before);
    const restored = await turn();
    assert.notEqual(restored.code, 0);
    assert.doesNotMatch(restored.stdout, ANSWER);
    assert.match(restored.stderr, /Failed to resolve API key for provider "litellm" from shell command/, restored.stderr);
  });

  test('file style: the key in models.json is booked, and once revoked the proxy refuses it', { timeout: 300_000 }, async () => {
    const created = await ollm(['key', 'create', '--for', 'pi', '--pi-style', 'file', '--budget', '5', '--monthly', ...store.storeFlags]);
    assert.equal(created.code, 0, `${created.stdout}\n${created.stderr}`);
    const answered = await turn();
    assert.equal(answered.code, 0, `pi failed:\n${answered.stdout}\n${answered.stderr}`);
    assert.match(answered.stdout, ANSWER);
    await spendBooked(await proxyKey('pi'));

    const before = readFileSync(modelsPath(), 'utf8');
    const revoked = await ollm(['key', 'revoke', '--alias', 'pi', '--yes']);
    assert.equal(revoked.code, 0, `${revoked.stdout}\n${revoked.stderr}`);
    writeFileSync(modelsPath(), before); // the revoked key, as a stale copy would hold it
    const refused = await turn();
    assert.doesNotMatch(refused.stdout, ANSWER);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /401 Authentication Error/, refused.stderr);
  });
});
