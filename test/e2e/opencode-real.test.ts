// The proof for OpenCode: `ollm key create --for opencode` against the REAL LiteLLM writes a config
// the REAL OpenCode (opencode-ai, pinned) accepts; `ollm exec --for opencode -- opencode run …`
// then makes one turn (a mock_response model) whose spend the proxy books on exactly that key;
// after `ollm key rotate` the next turn is booked on the new key; after `ollm key revoke` the
// provider entry is gone and the revoked key is refused. ollm runs as the built binary with the
// file's own Secret Service, or where none can run the file store (programStore; exec hands over
// the key from there), OpenCode with HOME and the XDG folders in the test's home.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import JSON5 from 'json5';
import { makeHome, OLLM, programStore, runOllm, type TempHome } from '../support/cli.ts';
import { ensureOpenCode, openCodeEnv, openCodeSkip, type OpenCodeInstall } from '../support/opencode.ts';
import { runWithDeadline } from '../support/run-with-deadline.ts';
import { realGate } from '../support/real-litellm-gate.ts';
import { startRealLiteLLM, type RealLiteLLM } from '../support/real-litellm.ts';
import { waitFor } from '../support/wait-for.ts';

const store = programStore();
const skip = realGate.skip || await openCodeSkip();
const MOCK_REPLY = 'Hello from the real LiteLLM (gpt-4o, mock response).';

describe('the real OpenCode sends the key ollm handed it to the real LiteLLM', { skip, timeout: 600_000 }, () => {
  let proxy: RealLiteLLM;
  let home: TempHome;
  let opencode: OpenCodeInstall;
  let project: string;

  before(async () => {
    opencode = await ensureOpenCode();
    proxy = await startRealLiteLLM();
    home = makeHome();
    project = join(home.dir, 'project');
    mkdirSync(project);
  });
  after(async () => {
    await proxy?.stop();
    home?.cleanup();
  });

  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    ...home.env, ...store.env, ...openCodeEnv(home.dir),
    PATH: [opencode.binDir, process.env.PATH].join(delimiter),
    LITELLM_PROXY_URL: proxy.url, LITELLM_MASTER_KEY: proxy.masterKey, ...extra,
  });
  const ollm = (args: string[]) => runOllm(args, { env: env(), timeoutMs: 120_000 });
  const configFile = () => join(home.dir, '.config', 'opencode', 'opencode.json');
  const heldKey = async () => {
    const got = await runOllm(['key', 'get', '--alias', 'opencode', '--reveal', '--quiet'], { env: env(), timeoutMs: 60_000 });
    assert.equal(got.code, 0, got.stderr);
    return got.stdout.trim();
  };
  /** One non-interactive OpenCode turn, started the way the docs say: through `ollm exec`. */
  const turn = () => runWithDeadline([process.execPath, OLLM, 'exec', '--for', 'opencode', '--', 'opencode', 'run', '-m', 'litellm/gpt-4o', 'Reply with hi'], { env: env(), cwd: project, timeoutMs: 180_000 });
  const spendOf = async (key: string) => (await proxy.call('GET', `/key/info?key=${key}`)).body.info?.spend as number | undefined;
  /** The keys OpenCode sent on the proxy's chat route since `mark` (a turn may make more than one request). */
  const sentKeys = (mark: number) => proxy.requests.slice(mark).filter((r) => r.method === 'POST' && /\/chat\/completions$/.test(r.path)).map((r) => r.authKey);
  const spendBooked = (key: string, above = 0) => waitFor(async () => ((await spendOf(key)) ?? 0) > above, { what: 'the real proxy to book the turn\'s spend on the key', timeoutMs: 60_000 });

  test('create, a turn booked on the key, rotate, a turn booked on the new key, revoke, refused', async () => {
    const created = await ollm(['key', 'create', '--for', 'opencode', '--budget', '5', '--monthly', ...store.storeFlags]);
    assert.equal(created.code, 0, `${created.stdout}\n${created.stderr}`);
    const first = await heldKey();
    const written = readFileSync(configFile(), 'utf8');
    assert.ok(!written.includes(first), 'the key is in no file');
    const config = JSON5.parse(written) as any;
    assert.equal(config.provider.litellm.options.apiKey, '{env:OLLM_OPENCODE_API_KEY}');
    assert.equal(config.provider.litellm.options.baseURL, `${proxy.url}/v1`);
    assert.ok('gpt-4o' in config.provider.litellm.models);

    const one = await turn();
    assert.equal(one.code, 0, `opencode run failed:\n${one.stdout}\n${one.stderr}`);
    assert.ok(one.stdout.includes(MOCK_REPLY), `OpenCode printed the proxy's answer:\n${one.stdout}`);
    await spendBooked(first);

    const rotated = await ollm(['key', 'rotate', '--for', 'opencode', '--json']);
    assert.equal(rotated.code, 0, `${rotated.stdout}\n${rotated.stderr}`);
    assert.equal(JSON.parse(rotated.stdout).results[0].grace, '24h', 'a running OpenCode keeps the old key: it stays alive 24h by default');
    const second = await heldKey();
    assert.notEqual(second, first);
    assert.equal(readFileSync(configFile(), 'utf8'), written, 'the env style has nothing to rewrite');
    // The old key's spend was carried over to the new one. (The proxy books spend in batches, so
    // part of the first turn may still land on the old key: only what the new key gains is this turn's.)
    const carried = (await spendOf(second)) ?? 0;

    const mark = proxy.requests.length;
    const two = await turn();
    assert.equal(two.code, 0, `opencode run after rotate failed:\n${two.stdout}\n${two.stderr}`);
    assert.ok(two.stdout.includes(MOCK_REPLY));
    const sent = sentKeys(mark);
    assert.ok(sent.length > 0 && sent.every((key) => key === second), 'every request of the turn after the rotation carried the new key');
    await spendBooked(second, carried);

    const revoked = await ollm(['key', 'revoke', '--for', 'opencode', '--yes']);
    assert.equal(revoked.code, 0, `${revoked.stdout}\n${revoked.stderr}`);
    const left = JSON5.parse(readFileSync(configFile(), 'utf8')) as any;
    assert.equal(left.provider?.litellm, undefined, 'revoke took out the provider entry ollm made');
    assert.equal(left.model, undefined);

    // An OpenCode still holding the revoked key (a shell that exported it): the proxy refuses it.
    const provider = { provider: { litellm: { npm: '@ai-sdk/openai-compatible', options: { baseURL: `${proxy.url}/v1`, apiKey: '{env:OLLM_OPENCODE_API_KEY}' }, models: { 'gpt-4o': { name: 'gpt-4o' } } } } };
    const refused = await runWithDeadline([opencode.bin, 'run', '-m', 'litellm/gpt-4o', 'Reply with hi'], {
      env: env({ OLLM_OPENCODE_API_KEY: second, OPENCODE_CONFIG_CONTENT: JSON.stringify(provider) }), cwd: project, timeoutMs: 180_000,
    });
    assert.ok(!refused.stdout.includes(MOCK_REPLY), `the revoked key got an answer:\n${refused.stdout}`);
    assert.match(`${refused.stdout}\n${refused.stderr}`, /401|auth|invalid|key/i);
    assert.equal(await proxy.keyWorks(second), false);
  });
});
