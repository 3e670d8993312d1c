import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSON5 from 'json5';
import { Json5Document } from '../../src/edit/json5-document.ts';
import { placeKey, removeKey, type KeyPlacement } from '../../src/assistants/openclaw/config-edits.ts';
import { schemaProblems } from '../support/openclaw-schema.ts';

const KEY = 'sk-AbCdEfGhIjKlMnOpQrStUv';
const base: KeyPlacement = {
  style: 'litellm', proxyBase: 'http://localhost:4000', account: 'openclaw@http://localhost:4000',
  secret: KEY, models: ['gpt-4o', 'claude-sonnet-4-6'],
};
const COMMENTED = `// my OpenClaw config
{
  // gateway settings I tuned by hand
  gateway: { port: 18789 },
  agents: {
    defaults: {
      workspace: '~/clawd', // keep
    },
  },
}
`;

function edit(text: string, placement: KeyPlacement) {
  const doc = Json5Document.parse(text, 'openclaw.json');
  const report = placeKey(doc, placement);
  // Read back as OpenClaw reads it (the json5 package), not with the parser that wrote it.
  const printed = doc.toString();
  return { text: printed, config: JSON5.parse(printed) as Record<string, any>, report };
}

test('litellm style: env.vars, the litellm provider from the proxy\'s models, a default model; schema-valid', () => {
  const { text, config, report } = edit(COMMENTED, base);
  assert.equal(config.env.vars.LITELLM_API_KEY, KEY);
  assert.deepEqual(config.models.providers.litellm, {
    baseUrl: 'http://localhost:4000', api: 'openai-completions', apiKey: '${LITELLM_API_KEY}',
    models: [{ id: 'gpt-4o', name: 'gpt-4o' }, { id: 'claude-sonnet-4-6', name: 'claude-sonnet-4-6' }],
  });
  assert.equal(config.agents.defaults.model.primary, 'litellm/gpt-4o');
  assert.equal(report.primaryModel, 'litellm/gpt-4o');
  for (const comment of ['// my OpenClaw config', '// gateway settings I tuned by hand', '// keep']) assert.ok(text.includes(comment), comment);
  assert.equal(config.gateway.port, 18789);
  assert.equal(config.agents.defaults.workspace, '~/clawd');
  assert.deepEqual(schemaProblems(config), []);
});

test('an existing default model is kept unless --default-model is given; existing models are kept', () => {
  const start = `{ agents: { defaults: { model: { primary: 'anthropic/claude-opus-4-6' } } },
    models: { providers: { litellm: { baseUrl: 'http://old', models: [{ id: 'mine', name: 'Mine', contextWindow: 1000 }] } } } }`;
  const kept = edit(start, base).config;
  assert.equal(kept.agents.defaults.model.primary, 'anthropic/claude-opus-4-6');
  assert.deepEqual(kept.models.providers.litellm.models, [{ id: 'mine', name: 'Mine', contextWindow: 1000 }], 'user models untouched');
  assert.equal(kept.models.providers.litellm.baseUrl, 'http://localhost:4000');
  const chosen = edit(start, { ...base, defaultModel: 'gpt-4o' }).config;
  assert.equal(chosen.agents.defaults.model.primary, 'litellm/gpt-4o');
  assert.deepEqual(chosen.models.providers.litellm.models.map((m: { id: string }) => m.id), ['mine', 'gpt-4o']);
  assert.deepEqual(schemaProblems(chosen), []);
});

test('anthropic style: ANTHROPIC_API_KEY and the anthropic provider pointed at the proxy; schema-valid', () => {
  const { config } = edit('{}', { ...base, style: 'anthropic' });
  assert.equal(config.env.vars.ANTHROPIC_API_KEY, KEY);
  assert.equal(config.env.vars.LITELLM_API_KEY, undefined);
  assert.equal(config.models.providers.anthropic.baseUrl, 'http://localhost:4000');
  assert.equal(config.models.providers.anthropic.api, 'anthropic-messages');
  assert.deepEqual(config.models.providers.anthropic.models, [{ id: 'claude-sonnet-4-6', name: 'claude-sonnet-4-6' }]);
  assert.equal(config.agents.defaults.model.primary, 'anthropic/claude-sonnet-4-6');
  assert.deepEqual(schemaProblems(config), []);
});

test('keychain style: an exec provider and a SecretRef, no plaintext key anywhere; schema-valid', () => {
  const placement: KeyPlacement = { ...base, style: 'keychain', resolver: { command: '/home/u/.local/state/ollm/openclaw-resolver', args: ['openclaw', 'resolve'], passEnv: ['HOME', 'DBUS_SESSION_BUS_ADDRESS'] } };
  const { text, config, report } = edit(`{ env: { vars: { LITELLM_API_KEY: '${KEY}', OTHER: 'x' } } }`, placement);
  assert.ok(!text.includes(KEY), 'the old plaintext key is gone');
  assert.match(report.notes.join(), /removed the plaintext/);
  assert.deepEqual(config.env.vars, { OTHER: 'x' });
  assert.deepEqual(config.models.providers.litellm.apiKey, { source: 'exec', provider: 'ollm', id: 'openclaw/http://localhost:4000' });
  assert.deepEqual(config.secrets.providers.ollm, {
    source: 'exec', command: '/home/u/.local/state/ollm/openclaw-resolver', args: ['openclaw', 'resolve'], jsonOnly: true, timeoutMs: 5000,
    passEnv: ['HOME', 'DBUS_SESSION_BUS_ADDRESS'],
  });
  assert.deepEqual(schemaProblems(config), []);
});

test('removeKey takes out only this key\'s env var or SecretRef', () => {
  const doc = Json5Document.parse('{}', 'f');
  placeKey(doc, base);
  assert.deepEqual(removeKey(doc, 'litellm', base.account, (v) => v === 'sk-other'), []);
  assert.equal((doc.get(['env', 'vars', 'LITELLM_API_KEY'])), KEY);
  assert.deepEqual(removeKey(doc, 'litellm', base.account, (v) => v === KEY), ['env.vars.LITELLM_API_KEY']);
  assert.equal(doc.get(['env']), undefined, 'an emptied env block is pruned');

  const keychainDoc = Json5Document.parse('{}', 'f');
  placeKey(keychainDoc, { ...base, style: 'keychain', resolver: { command: '/x', args: [], passEnv: [] } });
  assert.deepEqual(removeKey(keychainDoc, 'keychain', 'other@http://localhost:4000', () => true), []);
  assert.deepEqual(removeKey(keychainDoc, 'keychain', base.account, () => true), ['models.providers.litellm.apiKey']);
});
