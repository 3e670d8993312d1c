// `ollm models sync` against the fake proxy and a real Secret Service: the model list follows
// /v1/models as the held key sees it, hand-made entries and comments survive byte for byte,
// stale models stay unless --prune, and the refusals happen before anything is written.
import { beforeEach, afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import JSON5 from 'json5';
import { json, needsProcess, openWorld, spawnedTest, type World } from '../support/fixture.ts';
import { needsSecretService } from '../support/cli.ts';
import { runInTerminal } from '../support/terminal.ts';
import { schemaProblems } from '../support/openclaw-schema.ts';

const PROXY_MODELS = ['claude-sonnet-4-6', 'gpt-4o', 'claude-haiku-4-5', 'llama-3-70b'];
let world: World;

beforeEach(async (t) => { world = await openWorld({ models: PROXY_MODELS, spawned: needsProcess(t) }); });
afterEach(async () => { await world.close(); });

const configPath = () => join(world.home.dir, '.openclaw', 'openclaw.json');
const readConfig = (path = configPath()) => readFileSync(path, 'utf8');

/** Read as OpenClaw reads it: with the json5 package, not the parser ollm writes with. */
const parseConfig = (text: string) => JSON5.parse(text) as Record<string, any>;

function writeConfig(text: string, path = configPath()): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, text, { mode: 0o600 });
}

function backups(path = configPath()): string[] {
  const prefix = `${path.split('/').at(-1)}.ollm-`;
  return readdirSync(dirname(path)).filter((name) => name.startsWith(prefix));
}

/** A key held in the keychain that may use `models` (none: all), written nowhere. */
async function createKey(models: string[], alias = 'openclaw'): Promise<string> {
  const modelFlags = models.length > 0 ? ['--models', models.join(',')] : [];
  const created = await world.ollm(['key', 'create', '--alias', alias, ...modelFlags, '--write', 'none']);
  assert.equal(created.code, 0, created.stderr);
  return world.server.findByAlias(alias)!.key;
}

/** What an admin does on the proxy: change the models a key may use. */
async function setKeyModels(key: string, models: string[]): Promise<void> {
  const answer = await fetch(`${world.server.url}/key/update`, {
    method: 'POST',
    headers: { authorization: `Bearer ${world.server.masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ key, models }),
  });
  assert.equal(answer.status, 200, await answer.text());
}

function modelRequests() {
  return world.server.requests.filter((r) => r.method === 'GET' && /^\/(v1\/)?models$/.test(r.path));
}

/** A config someone tuned by hand: comments, JSON5 quoting, one customised and one private entry. */
function handWritten(baseUrl: string): string {
  return `// OpenClaw config, edited by hand
{
  gateway: { port: 18789 }, // my port
  models: {
    providers: {
      litellm: {
        baseUrl: '${baseUrl}',
        api: 'openai-completions',
        apiKey: '\${LITELLM_API_KEY}',
        models: [
          // tuned by hand: bigger window, my own name
          { id: 'claude-sonnet-4-6', name: 'Sonnet (work)', contextWindow: 200000, reasoning: true },
          /* only my laptop's proxy had it */ { id: 'my-local-model', name: 'Mine' },
        ],
      },
    },
  },
}
`;
}

test('adds the models the key may use, in the file\'s own style; hand-made entries and comments stay byte for byte', async () => {
  const key = await createKey(['claude-sonnet-4-6', 'gpt-4o', 'claude-haiku-4-5']);
  const before = handWritten(world.server.url);
  writeConfig(before);

  const result = await world.ollm(['models', 'sync', '--json']);

  assert.equal(result.code, 0, result.stderr);
  const report = json(result);
  assert.deepEqual(report.added, ['gpt-4o', 'claude-haiku-4-5'], 'proxy order; llama-3-70b is not the key\'s');
  assert.deepEqual(report.kept, ['claude-sonnet-4-6']);
  assert.deepEqual(report.stale, ['my-local-model']);
  assert.deepEqual(report.removed, []);
  assert.equal(report.config_path, configPath());
  assert.equal(report.dry_run, false);
  assert.deepEqual(modelRequests().map((r) => r.authKey), [key], '/v1/models asked once, with the held key');
  assert.equal(readConfig(), before.replace(
    "/* only my laptop's proxy had it */ { id: 'my-local-model', name: 'Mine' },\n",
    "/* only my laptop's proxy had it */ { id: 'my-local-model', name: 'Mine' },\n"
      + "          { id: 'gpt-4o', name: 'gpt-4o' },\n"
      + "          { id: 'claude-haiku-4-5', name: 'claude-haiku-4-5' },\n",
  ));
  assert.deepEqual(schemaProblems(parseConfig(readConfig())), [], 'valid for OpenClaw\'s strict schema');
  const [backup] = backups();
  assert.ok(backup, 'the previous file was backed up');
  assert.equal(readFileSync(join(dirname(configPath()), backup), 'utf8'), before);
  assert.ok(!readConfig().includes(key) && !result.stdout.includes(key), 'no key in the config or the output');
});

test('a model gone from the proxy stays and is reported; --prune removes exactly the gone ones', async () => {
  const key = await createKey(['claude-sonnet-4-6', 'gpt-4o', 'claude-haiku-4-5']);
  writeConfig(handWritten(world.server.url));
  assert.equal((await world.ollm(['models', 'sync'])).code, 0);
  const synced = readConfig();
  await setKeyModels(key, ['claude-sonnet-4-6', 'gpt-4o']);

  const kept = await world.ollm(['models', 'sync']);
  assert.equal(kept.code, 0, kept.stderr);
  assert.equal(readConfig(), synced, 'nothing to add: the file is not rewritten');
  assert.equal(backups().length, 1, 'and not backed up again');
  assert.match(kept.stdout, /Not offered by the proxy any more; --prune removes them:\n {2}! my-local-model\n {2}! claude-haiku-4-5/);
  assert.match(kept.stdout, /= 2 kept as written: claude-sonnet-4-6, gpt-4o/);
  assert.doesNotMatch(kept.stdout, /\u001b\[/, 'no colour on a pipe');
  assert.equal(kept.stderr, '', 'no spinner on a pipe');

  const pruned = await world.ollm(['models', 'sync', '--prune', '--json']);
  assert.equal(pruned.code, 0, pruned.stderr);
  const report = json(pruned);
  assert.deepEqual(report.removed, ['my-local-model', 'claude-haiku-4-5']);
  assert.deepEqual(report.stale, []);
  assert.deepEqual(report.added, []);
  assert.deepEqual(report.kept, ['claude-sonnet-4-6', 'gpt-4o']);
  assert.equal(readConfig(), `// OpenClaw config, edited by hand
{
  gateway: { port: 18789 }, // my port
  models: {
    providers: {
      litellm: {
        baseUrl: '${world.server.url}',
        api: 'openai-completions',
        apiKey: '\${LITELLM_API_KEY}',
        models: [
          // tuned by hand: bigger window, my own name
          { id: 'claude-sonnet-4-6', name: 'Sonnet (work)', contextWindow: 200000, reasoning: true },
          /* only my laptop's proxy had it */
          { id: 'gpt-4o', name: 'gpt-4o' },
        ],
      },
    },
  },
}
`);
  assert.deepEqual(schemaProblems(parseConfig(readConfig())), []);
});

test('after `key create`, a model the admin grants later is added by sync; the config the key was written to is the one synced', async () => {
  const custom = join(world.home.dir, 'work', 'openclaw.json');
  const created = await world.ollm(['key', 'create', '--models', 'gpt-4o', '--openclaw-config', custom]);
  assert.equal(created.code, 0, created.stderr);
  const key = world.server.findByAlias('openclaw')!.key;
  await setKeyModels(key, ['gpt-4o', 'claude-haiku-4-5']);

  const result = await world.ollm(['models', 'sync', '--json']);

  assert.equal(result.code, 0, result.stderr);
  const report = json(result);
  assert.equal(report.config_path, custom, 'the file from ollm\'s target list, not the default');
  assert.deepEqual(report.added, ['claude-haiku-4-5']);
  assert.deepEqual(report.kept, ['gpt-4o']);
  assert.ok(!existsSync(configPath()), 'the default config was not created');
  const config = parseConfig(readConfig(custom));
  assert.deepEqual(config.models.providers.litellm.models.map((m: { id: string }) => m.id), ['gpt-4o', 'claude-haiku-4-5']);
  assert.equal(config.env.vars.LITELLM_API_KEY, key, 'the key create wrote is untouched');
  assert.deepEqual(schemaProblems(config), []);

  const again = await world.ollm(['models', 'sync']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /already list every model .* offers "openclaw"/);
});

test('--dry-run shows what would change and writes nothing, even to a read-only config', async () => {
  await createKey(['claude-sonnet-4-6', 'gpt-4o', 'claude-haiku-4-5']);
  const before = handWritten(world.server.url);
  writeConfig(before);

  const human = await world.ollm(['models', 'sync', '--dry-run'], { env: world.env({ OPENCLAW_CONFIG_READONLY: '1' }) });
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /Would update OpenClaw's litellm models in .*openclaw\.json \(--dry-run: nothing written\):/);
  assert.match(human.stdout, /\+ gpt-4o {2}would be added\n {2}\+ claude-haiku-4-5 {2}would be added/);

  const report = json(await world.ollm(['models', 'sync', '--dry-run', '--prune', '--json']));
  assert.equal(report.dry_run, true);
  assert.deepEqual(report.added, ['gpt-4o', 'claude-haiku-4-5']);
  assert.deepEqual(report.removed, ['my-local-model']);
  assert.equal(report.backup, null);
  assert.equal(readConfig(), before);
  assert.deepEqual(backups(), []);

  const refused = await world.ollm(['models', 'sync', '--json'], { env: world.env({ OPENCLAW_CONFIG_READONLY: '1' }) });
  assert.equal(refused.code, 1);
  assert.equal(json(refused).error.code, 'openclaw_config_readonly');
  assert.equal(readConfig(), before);
});

test('no litellm provider in OpenClaw\'s config: a clear refusal naming `ollm key write`, before asking the proxy', async () => {
  await createKey(['gpt-4o']);
  const before = '// mine\n{ gateway: { port: 18789 } }\n';
  writeConfig(before);

  const result = await world.ollm(['models', 'sync', '--json']);

  assert.equal(result.code, 1);
  const { error } = json(result);
  assert.equal(error.code, 'openclaw_provider_missing');
  assert.match(error.message, /has no models\.providers\.litellm/);
  assert.match(error.hint, /ollm key write --alias openclaw --write openclaw/);
  assert.equal(readConfig(), before);
  assert.deepEqual(modelRequests(), [], 'the proxy was not asked');

  const human = await world.ollm(['models', 'sync']);
  assert.equal(human.code, 1);
  assert.match(human.stderr, /✗ OpenClaw's config .* has no models\.providers\.litellm, so there is no model list to fill\.\n {2}Write the key there first/);
});

test('no config file at all: the same refusal, and no file is created', async () => {
  await createKey(['gpt-4o']);
  const result = await world.ollm(['models', 'sync', '--json']);
  assert.equal(result.code, 1);
  assert.equal(json(result).error.code, 'openclaw_provider_missing');
  assert.match(json(result).error.message, /does not exist/);
  assert.ok(!existsSync(configPath()));
});

test('a provider pointing at another proxy is refused; a key not held here says how to get one', async () => {
  await createKey(['gpt-4o']);
  const before = handWritten('http://127.0.0.1:1');
  writeConfig(before);
  const mismatch = await world.ollm(['models', 'sync', '--json']);
  assert.equal(mismatch.code, 1);
  assert.equal(json(mismatch).error.code, 'openclaw_proxy_mismatch');
  assert.match(json(mismatch).error.hint, /--proxy-url http:\/\/127\.0\.0\.1:1/);
  assert.equal(readConfig(), before);

  // The same proxy written as OpenClaw also accepts it (with /v1 and a trailing slash) is not a mismatch.
  writeConfig(handWritten(`${world.server.url}/v1/`));
  assert.equal((await world.ollm(['models', 'sync'])).code, 0);

  const missing = await world.ollm(['models', 'sync', '--alias', 'nobody', '--json']);
  assert.equal(missing.code, 1);
  assert.equal(json(missing).error.code, 'key_not_found');
});

test('a proxy that lists nothing for the key leaves the list alone, even with --prune', async () => {
  await createKey(['a-model-the-proxy-does-not-have']);
  const before = handWritten(world.server.url);
  writeConfig(before);
  const result = await world.ollm(['models', 'sync', '--prune', '--json']);
  assert.equal(result.code, 1);
  assert.equal(json(result).error.code, 'no_models_offered');
  assert.equal(readConfig(), before);
});

test('wildcard routes the proxy lists are skipped, not added, and the entries they match survive --prune', async () => {
  await world.close();
  world = await openWorld({ models: ['gpt-4o', 'xai/*'] });
  await createKey([]);
  writeConfig(`{ models: { providers: { litellm: { baseUrl: '${world.server.url}', api: 'openai-completions', models: [{ id: 'xai/grok-3', name: 'Grok 3' }] } } } }\n`);
  const report = json(await world.ollm(['models', 'sync', '--prune', '--json']));
  assert.deepEqual(report.added, ['gpt-4o']);
  assert.deepEqual(report.skipped, ['xai/*']);
  assert.deepEqual(report.kept, ['xai/grok-3']);
  assert.deepEqual(report.removed, []);
  assert.deepEqual(parseConfig(readConfig()).models.providers.litellm.models, [{ id: 'xai/grok-3', name: 'Grok 3' }, { id: 'gpt-4o', name: 'gpt-4o' }]);
});

spawnedTest('on a terminal the changes are coloured; the default model gone from the proxy is pointed out', needsSecretService, async () => {
  const key = await createKey(['claude-sonnet-4-6', 'gpt-4o']);
  writeConfig(`{
  models: { providers: { litellm: { baseUrl: '${world.server.url}', api: 'openai-completions', models: [{ id: 'claude-sonnet-4-6', name: 'S' }] } } },
  agents: { defaults: { model: { primary: 'litellm/claude-sonnet-4-6' } } },
}
`);
  await setKeyModels(key, ['gpt-4o']);

  const shown = await runInTerminal(['models', 'sync'], world.env());

  assert.equal(shown.code, 0, shown.stdout);
  assert.match(shown.stdout, /\u001b\[32m\+\u001b\[39m gpt-4o/, 'a green + on a terminal');
  assert.match(shown.stdout, /\u001b\[33m!\u001b\[39m claude-sonnet-4-6/);
  assert.match(shown.stdout, /Asking http:\/\/127\.0\.0\.1:\d+ which models "openclaw" may use/, 'a spinner while the proxy is asked');
  assert.match(shown.stdout, /OpenClaw's default model litellm\/claude-sonnet-4-6 is not offered any more/);

  const piped = json(await world.ollm(['models', 'sync', '--json']));
  assert.equal(piped.stale_default_model, 'litellm/claude-sonnet-4-6');
});

test('--quiet prints nothing on success but still writes', async () => {
  await createKey(['gpt-4o']);
  writeConfig(`{ models: { providers: { litellm: { baseUrl: '${world.server.url}', models: [] } } } }\n`);
  const result = await world.ollm(['models', 'sync', '--quiet']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '');
  assert.deepEqual(parseConfig(readConfig()).models.providers.litellm.models, [{ id: 'gpt-4o', name: 'gpt-4o' }]);
});
