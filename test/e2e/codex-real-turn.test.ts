// The real Codex CLI through the REAL LiteLLM, with the key `ollm key create --for codex` made and
// Codex's auth command fetched: a `codex exec` turn completes, the proxy bills that key; after
// `ollm key rotate` the next turn runs on the new key (Codex asks the helper again; the file is
// not touched); after `ollm key revoke` the proxy refuses the key and ollm's provider is gone.
// LiteLLM's mock_response cannot answer a streaming /v1/responses (1.108.7), and Codex streams,
// so the deployment calls a small local OpenAI-compatible server (test/support/openai-upstream.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as TOML from 'smol-toml';
import { makeHome, runOllm, type TempHome } from '../support/cli.ts';
import { codexUnavailableReason, ensureCodex, runCodex } from '../support/codex.ts';
import { startOpenAIUpstream, type OpenAIUpstream } from '../support/openai-upstream.ts';
import { startRealLiteLLM, type RealLiteLLM } from '../support/real-litellm.ts';
import { realGate } from '../support/real-litellm-gate.ts';
import { waitFor } from '../support/wait-for.ts';

const ANSWER = 'Hello from the local upstream behind the real LiteLLM.';
await ensureCodex().catch(() => {});
const codexMissing = codexUnavailableReason();
const skip = realGate.skip || (codexMissing && !process.env.CI ? codexMissing : false);

describe('Codex through the real LiteLLM', { skip }, () => {
  let upstream: OpenAIUpstream;
  let proxy: RealLiteLLM;
  let home: TempHome;
  before(async () => {
    upstream = await startOpenAIUpstream(ANSWER);
    proxy = await startRealLiteLLM({
      config: {
        model_list: [{
          model_name: 'gpt-4o',
          litellm_params: { model: 'openai/gpt-4o', api_base: upstream.apiBase, api_key: 'sk-upstream-not-checked', input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001 },
        }],
        litellm_settings: { telemetry: false },
        general_settings: { proxy_batch_write_at: 1 },
      },
    });
    home = makeHome();
  });
  after(async () => {
    await proxy?.stop();
    await upstream?.close();
    home?.cleanup();
  });

  // No keychain here: ollm keeps the key in its file store (`--store file`), which the helper reads.
  const env = () => ({ ...home.env, DBUS_SESSION_BUS_ADDRESS: 'disabled:', LITELLM_PROXY_URL: proxy.url, LITELLM_MASTER_KEY: proxy.masterKey, PATH: '/usr/bin:/bin' });
  const ollm = (args: string[]) => runOllm(args, { env: env(), timeoutMs: 120_000 });
  const configFile = () => join(home.dir, '.codex', 'config.toml');
  const heldKey = (): string | undefined => (JSON.parse(readFileSync(join(home.dir, '.local', 'state', 'ollm', 'insecure-secrets.json'), 'utf8')) as { secrets: Record<string, string> }).secrets[`ollm/codex@${proxy.url}`];
  // Codex gets what a shell would give it: no LITELLM_* or OPENAI_* variables (the key comes from the helper).
  const codexEnv = () => ({ HOME: home.dir, XDG_CONFIG_HOME: home.env.XDG_CONFIG_HOME, XDG_STATE_HOME: home.env.XDG_STATE_HOME, DBUS_SESSION_BUS_ADDRESS: 'disabled:' });
  const turn = () => runCodex(['exec', '--skip-git-repo-check', 'Reply with hi'], { env: codexEnv(), cwd: home.dir, timeoutMs: 180_000 });
  const spend = async (key: string): Promise<number> => {
    const { status, body } = await proxy.call('GET', '/key/info', { key });
    assert.equal(status, 200, JSON.stringify(body));
    return Number(body.info?.spend ?? 0);
  };
  const billed = (key: string, above: number) => waitFor(async () => (await spend(key)) > above, { what: 'the real proxy to book the turn on the key', timeoutMs: 60_000, everyMs: 250 });

  test('a codex exec turn on ollm\'s key, the next one after a rotation on the new key, and a revoked key refused', { timeout: 600_000 }, async () => {
    mkdirSync(join(home.dir, '.codex'), { recursive: true });
    writeFileSync(configFile(), '# my Codex settings\nmodel = "gpt-4o" # served by the proxy\n');
    const created = await ollm(['key', 'create', '--for', 'codex', '--store', 'file', '--budget', '5', '--monthly']);
    assert.equal(created.code, 0, `${created.stdout}\n${created.stderr}`);
    const key = heldKey()!;
    const configText = readFileSync(configFile(), 'utf8');
    assert.ok(!configText.includes(key), 'no key in Codex\'s config');
    assert.equal((TOML.parse(configText) as any).model, 'gpt-4o');

    const first = await turn();
    assert.equal(first.code, 0, `codex exec failed:\n${first.stdout}\n${first.stderr}`);
    assert.ok(first.stdout.includes(ANSWER) || first.stderr.includes(ANSWER), `the answer came back:\n${first.stdout}\n${first.stderr}`);
    const through = proxy.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses');
    assert.ok(through.length >= 1 && through.every((r) => r.status === 200), JSON.stringify(through.map((r) => r.status)));
    assert.ok(upstream.requests.some((r) => r.stream), 'Codex streamed, through LiteLLM to the upstream');
    await billed(key, 0);

    const rotated = await ollm(['key', 'rotate', '--for', 'codex', '--json']);
    assert.equal(rotated.code, 0, `${rotated.stdout}\n${rotated.stderr}`);
    assert.equal(JSON.parse(rotated.stdout).results[0].grace, '5m');
    assert.equal(readFileSync(configFile(), 'utf8'), configText, 'the helper style needs no rewrite');
    const newKey = heldKey()!;
    assert.notEqual(newKey, key);
    const [oldBefore, newBefore] = [await spend(key), await spend(newKey)];
    const second = await turn();
    assert.equal(second.code, 0, `codex exec after the rotation failed:\n${second.stdout}\n${second.stderr}`);
    await billed(newKey, newBefore);
    assert.equal(await spend(key), oldBefore, 'the old key was not used');

    const revoked = await ollm(['key', 'revoke', '--for', 'codex', '--yes']);
    assert.equal(revoked.code, 0, `${revoked.stdout}\n${revoked.stderr}`);
    assert.equal(readFileSync(configFile(), 'utf8'), '# my Codex settings\nmodel = "gpt-4o" # served by the proxy\n', 'exactly what ollm wrote was removed');
    // A Codex that still holds the revoked key (it caches what the helper printed) is refused by the proxy.
    const fromRevoke = proxy.requests.length;
    const refused = await runCodex(['exec', '--skip-git-repo-check',
      '-c', 'model_provider="held"', '-c', 'model_providers.held.name="held"', '-c', `model_providers.held.base_url="${proxy.url}/v1"`,
      '-c', 'model_providers.held.wire_api="responses"', '-c', `model_providers.held.experimental_bearer_token="${newKey}"`, 'Reply with hi'],
    { env: codexEnv(), cwd: home.dir, timeoutMs: 180_000 });
    assert.notEqual(refused.code, 0, `codex exec with the revoked key succeeded:\n${refused.stdout}`);
    const afterRevoke = proxy.requests.slice(fromRevoke).filter((r) => r.method === 'POST' && r.path === '/v1/responses');
    assert.ok(afterRevoke.length >= 1 && afterRevoke.every((r) => r.status === 401), `the proxy refused it: ${JSON.stringify(afterRevoke.map((r) => r.status))}`);
  });

  test('the file style (the key in config.toml) and the env style (`ollm exec --for codex -- codex`) carry real turns too', { timeout: 600_000 }, async () => {
    const created = await ollm(['key', 'create', '--for', 'codex', '--store', 'file', '--codex-style', 'file']);
    assert.equal(created.code, 0, `${created.stdout}\n${created.stderr}`);
    const key = heldKey()!;
    assert.equal((TOML.parse(readFileSync(configFile(), 'utf8')) as any).model_providers.ollm.experimental_bearer_token, key);
    const fileTurn = await turn();
    assert.equal(fileTurn.code, 0, `codex exec (file style) failed:\n${fileTurn.stdout}\n${fileTurn.stderr}`);
    await billed(key, 0);

    const switched = await ollm(['key', 'write', '--for', 'codex', '--write', 'codex', '--codex-style', 'env']);
    assert.equal(switched.code, 0, `${switched.stdout}\n${switched.stderr}`);
    const text = readFileSync(configFile(), 'utf8');
    assert.ok(!text.includes(key), 'the env style leaves no key in the file');
    assert.equal((TOML.parse(text) as any).model_providers.ollm.env_key, 'LITELLM_API_KEY');
    const before = await spend(key);
    const { codex } = await ensureCodex();
    const viaExec = await runOllm(['exec', '--for', 'codex', '--', process.execPath, codex, 'exec', '--skip-git-repo-check', 'Reply with hi'],
      { env: { ...env(), LITELLM_MASTER_KEY: undefined, NO_COLOR: '1' }, timeoutMs: 180_000 });
    assert.equal(viaExec.code, 0, `ollm exec --for codex -- codex exec failed:\n${viaExec.stdout}\n${viaExec.stderr}`);
    await billed(key, before);
    // Without ollm exec the variable is missing, and Codex says so instead of sending anything.
    const bare = await turn();
    assert.notEqual(bare.code, 0);
    assert.match(`${bare.stdout}\n${bare.stderr}`, /LITELLM_API_KEY/);
  });
});
