// Codex's config.toml edits, read back by an independent TOML parser (smol-toml): every other
// setting and comment survives a write and a removal byte for byte, hostile strings come back
// exactly as given (TOML's escaping is the library's), and a provider the user chose is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as TOML from 'smol-toml';
import { placeProvider, removeProvider, type PlaceProvider } from '../../src/assistants/codex/config-edits.ts';

/** smol-toml's tables have no prototype; as plain JSON data they compare with deepEqual. */
const read = (text: string): any => JSON.parse(JSON.stringify(TOML.parse(text)));

const helper = (over: Partial<PlaceProvider> = {}): PlaceProvider => ({
  id: 'ollm', name: 'LiteLLM', proxyBase: 'http://127.0.0.1:4000', select: false,
  auth: { kind: 'helper', command: '/usr/bin/node', args: ['/opt/ollm/bin/ollm', 'key', 'get', '--reveal', '--alias', 'codex', '--proxy-url', 'http://127.0.0.1:4000'], timeoutMs: 15000, refreshIntervalMs: 60000 },
  ...over,
});

const CONFIGS: Record<string, string> = {
  empty: '',
  'only a comment': '# only a comment\n',
  'root keys and a trailing comment': 'model = "gpt-4o" # the model\n# trailing\n',
  'a header comment over a table': '# head\n[tui]\nnotifications = true\n',
  'another provider as a section': '# my config\nmodel = "gpt-5" # the model\napproval_policy = "never"\n\n# profiles\n[profiles.fast]\nmodel = "o3"\n\n[model_providers.other]\nname = "Other"  # keep\nbase_url = "https://x/v1"\n\n# MCP\n[mcp_servers.a]\ncommand = "npx"\nargs = ["-y", "thing"]\n',
  'an explicit [model_providers] table': '[model_providers]\nother = { name = "o", base_url = "http://o/v1" }\n',
  'CRLF line ends': 'model = "x"\r\n\r\n[tui]\r\nnotifications = true\r\n',
};

for (const [name, text] of Object.entries(CONFIGS)) {
  test(`write then remove leaves the config as it was: ${name}`, () => {
    const placed = placeProvider(text, 'config.toml', helper());
    const data = read(placed.text);
    assert.equal(data.model_provider, 'ollm');
    assert.deepEqual(data.model_providers.ollm, {
      name: 'LiteLLM', base_url: 'http://127.0.0.1:4000/v1', wire_api: 'responses',
      auth: { command: '/usr/bin/node', args: (helper().auth as { args: string[] }).args, timeout_ms: 15000, refresh_interval_ms: 60000 },
    });
    // Every other setting reads back the same.
    const before = read(text);
    const after = structuredClone(data);
    delete after.model_provider;
    delete after.model_providers.ollm;
    if (!before.model_providers && Object.keys(after.model_providers).length === 0) delete after.model_providers;
    assert.deepEqual(after, before);
    for (const comment of text.match(/#.*$/gm) ?? []) assert.ok(placed.text.includes(comment), `comment kept: ${comment}`);
    const removed = removeProvider(placed.text, 'config.toml', 'ollm', () => true);
    assert.ok(removed);
    assert.equal(removed.text, text);
  });
}

test('hostile strings are TOML strings that read back exactly', () => {
  const nasty = 'a"b\\c\'d\'\'\'e"""f${HOME}`id`$(id)\n\t\u0001é💥{env:X}!cmd #not-a-comment';
  const placed = placeProvider('model = "x"\n', 'config.toml', helper({
    name: nasty, proxyBase: `http://127.0.0.1:4000/${nasty}`,
    auth: { kind: 'helper', command: `/opt/${nasty}/node`, args: [nasty, '--alias', nasty], timeoutMs: 1, refreshIntervalMs: 0 },
  }));
  const block = (read(placed.text)).model_providers.ollm;
  assert.equal(block.name, nasty);
  assert.equal(block.base_url, `http://127.0.0.1:4000/${nasty}/v1`);
  assert.equal(block.auth.command, `/opt/${nasty}/node`);
  assert.deepEqual(block.auth.args, [nasty, '--alias', nasty]);
  assert.equal((read(placed.text)).model, 'x');
});

test('another model_provider is kept unless asked; ollm\'s block is written beside it', () => {
  const text = 'model_provider = "corp" # mine\n\n[model_providers.corp]\nname = "Corp"\nbase_url = "https://corp/v1"\n';
  const kept = placeProvider(text, 'config.toml', helper());
  assert.equal(kept.selected, false);
  assert.equal(kept.other, 'corp');
  const data = read(kept.text);
  assert.equal(data.model_provider, 'corp');
  assert.equal(data.model_providers.ollm.wire_api, 'responses');
  const taken = read(placeProvider(text, 'config.toml', helper({ select: true })).text);
  assert.equal(taken.model_provider, 'ollm');
  // Removing ollm's block leaves the user's choice and provider alone.
  assert.equal(removeProvider(kept.text, 'config.toml', 'ollm', () => true)!.text, text);
});

test('a style switch leaves one way of getting the key; extra keys the user added stay', () => {
  const first = placeProvider('', 'config.toml', helper());
  const withExtra = first.text.replace('wire_api = "responses"', 'wire_api = "responses"\nrequest_max_retries = 7');
  const file = read(placeProvider(withExtra, 'config.toml', helper({ auth: { kind: 'file', secret: 'sk-test-0123456789abcdef' } })).text);
  assert.equal(file.model_providers.ollm.experimental_bearer_token, 'sk-test-0123456789abcdef');
  assert.equal(file.model_providers.ollm.auth, undefined);
  assert.equal(file.model_providers.ollm.request_max_retries, 7);
  const env = read(placeProvider(withExtra, 'config.toml', helper({ auth: { kind: 'env', variable: 'LITELLM_API_KEY' } })).text);
  assert.equal(env.model_providers.ollm.env_key, 'LITELLM_API_KEY');
  assert.equal(env.model_providers.ollm.auth, undefined);
});

test('a block that is no longer ollm\'s is not removed', () => {
  const placed = placeProvider('', 'config.toml', helper()).text;
  assert.equal(removeProvider(placed, 'config.toml', 'ollm', () => false), null);
});

test('invalid TOML is refused with the file named, never rewritten', () => {
  assert.throws(() => placeProvider('model = \n', '/x/config.toml', helper()), /Codex's config \/x\/config\.toml is not valid TOML/);
});
