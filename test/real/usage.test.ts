// Everyday use against the real LiteLLM: the doctor, spend after real requests through the
// proxy, models sync into OpenClaw's config, and one OpenClaw turn with no fake in between.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import JSON5 from 'json5';
import { json } from '../support/fixture.ts';
import { ensureOpenClaw, openClawUnavailableReason, runOpenClaw } from '../support/openclaw.ts';
import { realSuite } from '../support/real-world.ts';
import { waitFor } from '../support/wait-for.ts';
import { realGate } from '../support/real-litellm-gate.ts';

const suite = realSuite();

async function chat(key: string, model = 'gpt-4o'): Promise<void> {
  const response = await fetch(`${suite.proxy.directUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(response.status, 200, await response.text());
}

/** Spend reaches the database in batches (every second here); wait for it rather than for time. */
async function spendRecorded(key: string): Promise<number> {
  return waitFor(async () => {
    const { body } = await suite.proxy.call('GET', `/key/info?key=${key}`);
    return body.info?.spend > 0 && body.info.spend as number;
  }, { what: 'the real proxy to record the spend', timeoutMs: 60_000 });
}

describe('everyday commands on the real proxy', realGate, () => {
  test('doctor passes every proxy and key check', async () => {
    assert.equal((await suite.world.ollm(['key', 'create', '--alias', 'doc', '--budget', '5', '--monthly'])).code, 0);
    const result = await suite.world.ollm(['doctor', '--alias', 'doc', '--json']);
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const checks = json(result).checks as Array<{ id: string; status: string; message: string }>;
    const failed = checks.filter((c) => c.status !== 'ok' && c.status !== 'skip');
    assert.deepEqual(failed, [], 'every check passes or is skipped for a reason');
    for (const id of ['proxy', 'master-key', 'stored-key', 'budget']) {
      assert.equal(checks.find((c) => c.id === id)?.status, 'ok', `${id}: ${JSON.stringify(checks.find((c) => c.id === id))}`);
    }
  });

  test('doctor fails a key deleted on the proxy (the archive answers 200 for it) and names the way out (issue 23)', async () => {
    assert.equal((await suite.world.ollm(['key', 'create', '--alias', 'doc-gone', '--write', 'none'])).code, 0);
    const key = suite.world.heldKey('doc-gone')!;
    assert.equal((await suite.proxy.call('POST', '/key/delete', { body: { keys: [key] } })).status, 200);
    const result = await suite.world.ollm(['doctor', '--alias', 'doc-gone', '--json']);
    assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
    const stored = (json(result).checks as Array<{ id: string; status: string; message: string; fix: string | null }>).find((c) => c.id === 'stored-key')!;
    assert.equal(stored.status, 'fail', stored.message);
    assert.match(stored.message, /was deleted on the proxy/);
    assert.equal(stored.fix, 'ollm key revoke --alias doc-gone --yes && ollm key create --alias doc-gone');
  });

  test('spend shows what real requests through the proxy cost, per day and per model', async () => {
    assert.equal((await suite.world.ollm(['key', 'create', '--alias', 'spender', '--budget', '1', '--write', 'none'])).code, 0);
    const key = suite.world.heldKey('spender')!;
    await chat(key);
    const spent = await spendRecorded(key);
    const today = new Date().toISOString().slice(0, 10);
    const todayIn = (report: Record<string, any>) => (report.days as Array<{ date: string; spend: number }>).find((d) => d.date === today)?.spend;
    // The proxy books the key's spend and writes its spend-log row in separate batches: wait until
    // /spend/logs (what `spend` reads) has the request too, then hold the report to the key's spend.
    let last: number | undefined;
    const report = await waitFor(async () => {
      const result = await suite.world.ollm(['spend', '--alias', 'spender', '--json']);
      assert.equal(result.code, 0, result.stderr);
      const read = json(result);
      last = todayIn(read);
      return last !== undefined && last > 0 && read;
    }, { what: 'the spend logs to book the request', timeoutMs: 60_000, everyMs: 250 });
    assert.equal(report.source, 'spend_logs', 'read from /spend/logs with the master key');
    assert.ok(Math.abs(last! - spent) < 1e-9, `today's spend ${last} is what the proxy recorded (${spent})`);
    // The real proxy books spend under the deployment's model (openai/gpt-4o), not the alias.
    assert.deepEqual((report.models as Array<{ model: string }>).map((m) => m.model), ['openai/gpt-4o']);
  });

  test('models sync writes the proxy\'s models into OpenClaw\'s config, read back with json5', async () => {
    // Not the default alias, so it is written for OpenClaw only when asked.
    assert.equal((await suite.world.ollm(['key', 'create', '--alias', 'syncer', '--write', 'openclaw'])).code, 0);
    const result = await suite.world.ollm(['models', 'sync', '--alias', 'syncer', '--json']);
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const config = JSON5.parse(readFileSync(join(suite.world.home.dir, '.openclaw', 'openclaw.json'), 'utf8'));
    const ids = (config.models.providers.litellm.models as Array<{ id: string }>).map((m) => m.id).sort();
    assert.deepEqual(ids, ['claude-sonnet-4-6', 'gpt-4o']);
    assert.equal(config.models.providers.litellm.baseUrl, suite.proxy.url);
  });
});

const openclawMissing = openClawUnavailableReason();
describe('OpenClaw through the real LiteLLM', { skip: realGate.skip || (openclawMissing && !process.env.CI ? openclawMissing : false) }, () => {
  test('a key from `ollm key create` carries a real OpenClaw turn, and the proxy bills it', { timeout: 300_000 }, async () => {
    const oc = await ensureOpenClaw();
    const ocPath = [dirname(oc.node), join(oc.dir, 'node_modules', '.bin'), process.env.PATH].join(delimiter);
    const created = await suite.world.ollm(['key', 'create', '--alias', 'openclaw', '--budget', '5', '--default-model', 'gpt-4o'],
      { env: suite.world.env({ PATH: ocPath }), timeoutMs: 120_000 });
    assert.equal(created.code, 0, `${created.stdout}\n${created.stderr}`);
    const key = suite.world.heldKey('openclaw')!;
    const from = suite.proxy.requests.length;
    const turn = await runOpenClaw(['infer', 'model', 'run', '--prompt', 'Reply with hi', '--json'], {
      home: suite.world.home.dir, timeoutMs: 120_000,
    });
    assert.equal(turn.code, 0, `openclaw infer failed:\n${turn.stdout}\n${turn.stderr}`);
    assert.match(turn.stdout, /Hello from the real LiteLLM \(gpt-4o/, 'the answer came from the real proxy');
    const llm = suite.proxy.requests.slice(from).filter((r) => r.method === 'POST' && /chat\/completions$/.test(r.path));
    assert.ok(llm.length >= 1 && llm.every((r) => r.status === 200), JSON.stringify(llm.map((r) => r.status)));
    assert.ok((await spendRecorded(key)) > 0, 'the turn was billed to the key ollm created');
  });
});
