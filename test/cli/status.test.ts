// `ollm status`: every assistant found here or holding a key, its alias, where the key is kept and
// written, and from the proxy its spend, budget and reset — against the fake LiteLLM, in-process.
// A key gone on the proxy, or a proxy that does not answer, is shown on its row, never a crash.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorld, json, type World } from '../support/fixture.ts';
import { deleteOnProxy } from '../support/proxy-admin.ts';

let world: World;

beforeEach(async () => { world = await openWorld(); });
afterEach(async () => { await world.close(); });

const configFile = () => join(world.home.dir, '.openclaw', 'openclaw.json');
// No openclaw program on PATH: OpenClaw is found only by its config file (or OLLM_OPENCLAW_BIN).
const env = (extra: NodeJS.ProcessEnv = {}) => world.env({ OLLM_OPENCLAW_BIN: '', PATH: '/usr/bin:/bin', ...extra });
const ollm = (args: string[], extra: NodeJS.ProcessEnv = {}) => world.ollm(args, { env: env(extra) });

interface KeyRow {
  key_alias: string;
  storage: string | null;
  written_to: Array<{ kind: string; file: string; description: string }>;
  on_proxy: { spend: number; max_budget: number | null; budget_duration: string | null; budget_reset_at: string | null; remaining_budget: number | null; budget_used_percent: number | null; blocked: boolean } | null;
  error: { message: string; hint: string | null; code: string } | null;
}
interface Status {
  proxy_url: string;
  assistants: Array<{ name: string; display_name: string; found: boolean; config: string | null; program: string | null; key_alias: string; keys: KeyRow[] }>;
  other_keys: KeyRow[];
}

async function status(extra: NodeJS.ProcessEnv = {}): Promise<Status> {
  const result = await ollm(['status', '--json'], extra);
  assert.equal(result.code, 0, result.stderr);
  // The independent reader: stdout is exactly one JSON document.
  return JSON.parse(result.stdout) as Status;
}

function firstOfNextMonthUtc(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
}

test('OpenClaw found with its key: alias, keychain, where written, spend, budget and reset from the proxy; another key listed apart', async () => {
  assert.equal((await ollm(['key', 'create', '--budget', '50', '--monthly'])).code, 0);
  assert.equal((await ollm(['key', 'create', '--alias', 'bot', '--budget', '5', '--write', 'none'])).code, 0);
  world.server.setSpend(world.heldKey('openclaw')!, 12.5);
  world.server.requests.length = 0;

  const report = await status();
  assert.equal(report.proxy_url, world.server.url);
  assert.equal(report.assistants.length, 1);
  const [openclaw] = report.assistants;
  assert.equal(openclaw!.name, 'openclaw');
  assert.equal(openclaw!.display_name, 'OpenClaw');
  assert.equal(openclaw!.found, true);
  assert.equal(openclaw!.config, configFile());
  assert.equal(openclaw!.program, null);
  assert.equal(openclaw!.key_alias, 'openclaw');
  assert.equal(openclaw!.keys.length, 1);
  const [key] = openclaw!.keys;
  assert.equal(key!.key_alias, 'openclaw');
  assert.equal(key!.storage, 'keychain');
  assert.deepEqual(key!.written_to.map((t) => [t.kind, t.file]), [['openclaw', configFile()]]);
  assert.equal(key!.error, null);
  assert.equal(key!.on_proxy!.spend, 12.5);
  assert.equal(key!.on_proxy!.max_budget, 50);
  assert.equal(key!.on_proxy!.remaining_budget, 37.5);
  assert.equal(key!.on_proxy!.budget_used_percent, 25);
  assert.equal(key!.on_proxy!.budget_duration, '1mo');
  assert.equal(new Date(key!.on_proxy!.budget_reset_at!).toISOString(), firstOfNextMonthUtc());
  assert.deepEqual(report.other_keys.map((k) => [k.key_alias, k.storage, k.on_proxy?.max_budget]), [['bot', 'keychain', 5]]);
  // One /key/info per held key, nothing else asked.
  assert.deepEqual(world.server.requests.map((r) => r.path).sort(), ['/key/info', '/key/info']);

  // For people (stdout is a pipe here: tab-separated rows, no header).
  const human = await ollm(['status']);
  assert.equal(human.code, 0, human.stderr);
  const rows = human.stdout.trim().split('\n').map((line) => line.split('\t'));
  assert.deepEqual(rows[0], ['OpenClaw', configFile(), 'openclaw', 'keychain', '$12.50', '$50.00 (monthly)', firstOfNextMonthUtc().slice(0, 10), `OpenClaw config ${configFile()} (env.vars.LITELLM_API_KEY)`]);
  assert.equal(rows[1]![2], 'bot');
  assert.equal(rows[1]![4], '$0.00');
  assert.ok(!human.stdout.includes(world.heldKey('openclaw')!) && !human.stdout.includes(world.server.masterKey!), 'no secret in the output');
});

test('OpenClaw not found and no key: nothing to list; found by its config file alone: listed with the alias it would use and no key', async () => {
  const none = await status();
  assert.deepEqual(none.assistants, []);
  assert.deepEqual(none.other_keys, []);
  const human = await ollm(['status']);
  assert.equal(human.code, 0);
  assert.match(human.stdout, /No assistant \(OpenClaw(, [A-Za-z ]+)*\) was found on this machine, and it holds no key for http:\/\/127\.0\.0\.1:\d+\./);

  mkdirSync(join(world.home.dir, '.openclaw'), { recursive: true });
  writeFileSync(configFile(), '{}\n');
  assert.equal((await ollm(['config', 'set', 'alias', 'laptop'])).code, 0);
  const found = await status();
  assert.deepEqual(found.assistants.map((a) => [a.name, a.found, a.config, a.key_alias, a.keys]), [['openclaw', true, configFile(), 'laptop', []]]);
  const shown = await ollm(['status']);
  assert.match(shown.stderr, /OpenClaw has no key yet: `ollm key create --for openclaw --budget 50 --monthly` makes "laptop"\./);
  assert.equal(world.server.requests.filter((r) => r.path === '/key/info').length, 0, 'no key, nothing asked');

  // Found by its program (OLLM_OPENCLAW_BIN is the program ollm would run), without a config file.
  const byProgram = await status({ OLLM_OPENCLAW_BIN: '/opt/openclaw/bin/openclaw', OPENCLAW_CONFIG_PATH: join(world.home.dir, 'absent.json') });
  assert.deepEqual(byProgram.assistants.map((a) => [a.found, a.config, a.program]), [[true, null, '/opt/openclaw/bin/openclaw']]);
});

test('not found, but holding its key (kept in the keychain only): listed as not found, with the key', async () => {
  assert.equal((await ollm(['key', 'create', '--budget', '20', '--weekly', '--write', 'none'])).code, 0);
  const report = await status();
  assert.equal(report.assistants.length, 1);
  const [openclaw] = report.assistants;
  assert.equal(openclaw!.found, false);
  assert.equal(openclaw!.config, null);
  assert.deepEqual(openclaw!.keys.map((k) => [k.key_alias, k.storage, k.written_to.length, k.on_proxy?.max_budget, k.on_proxy?.budget_duration]), [['openclaw', 'keychain', 0, 20, '7d']]);
  const human = await ollm(['status']);
  assert.match(human.stdout, /^OpenClaw\tnot found\topenclaw\tkeychain\t\$0\.00\t\$20\.00 \(weekly\)\t\d{4}-\d\d-\d\d\tnowhere$/m);
});

test('a key gone on the proxy shows as such on its row, with the way out; the other key is still read; exit 0', async () => {
  assert.equal((await ollm(['key', 'create', '--budget', '50', '--monthly'])).code, 0);
  assert.equal((await ollm(['key', 'create', '--alias', 'bot', '--budget', '5', '--write', 'none'])).code, 0);
  await deleteOnProxy(world, 'openclaw');

  const report = await status();
  const [key] = report.assistants[0]!.keys;
  assert.equal(key!.on_proxy, null);
  assert.equal(key!.error!.code, 'key_deleted');
  assert.match(key!.error!.message, /The key "openclaw" was deleted on http:\/\/127\.0\.0\.1:\d+/);
  assert.match(key!.error!.hint!, /ollm key revoke --yes && ollm key create/);
  assert.equal(key!.storage, 'keychain', 'still held here');
  assert.equal(report.other_keys[0]!.on_proxy!.max_budget, 5, 'the other key is unaffected');

  const human = await ollm(['status']);
  assert.equal(human.code, 0);
  assert.match(human.stdout, /^OpenClaw\t.*\topenclaw\tkeychain\tdeleted on the proxy\t/m);
  assert.match(human.stderr, /OpenClaw "openclaw": The key "openclaw" was deleted on .*ollm key revoke --yes && ollm key create/);
});

test('the proxy down: every key says so on its row, what this machine knows is still shown; exit 0', async () => {
  assert.equal((await ollm(['key', 'create', '--budget', '50', '--monthly'])).code, 0);
  assert.equal((await ollm(['key', 'create', '--alias', 'bot', '--write', 'none'])).code, 0);
  await world.server.close();

  const result = await ollm(['status', '--json', '--timeout', '5']);
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout) as Status;
  const keys = [...report.assistants.flatMap((a) => a.keys), ...report.other_keys];
  assert.deepEqual(keys.map((k) => [k.key_alias, k.storage, k.on_proxy, k.error?.code]), [
    ['openclaw', 'keychain', null, 'proxy_unreachable'],
    ['bot', 'keychain', null, 'proxy_unreachable'],
  ]);
  assert.equal(report.assistants[0]!.found, true);
  assert.deepEqual(report.assistants[0]!.keys[0]!.written_to.map((t) => t.kind), ['openclaw']);

  const human = await ollm(['status', '--timeout', '5']);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /^OpenClaw\t.*\topenclaw\tkeychain\tproxy unreachable\t/m);
});
