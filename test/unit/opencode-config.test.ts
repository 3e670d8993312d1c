// OpenCode's config edits and paths, pure: where OpenCode reads its config, the escape that keeps
// `{env:}`/`{file:}` out of every string ollm writes (keys, values, a hostile proxy URL), the
// provider entry, and revoke taking out exactly what ollm wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSON5 from 'json5';
import { Json5Document } from '../../src/edit/json5-document.ts';
import { hasSubstitution, openCodeLiteralJson } from '../../src/assistants/opencode/config-string.ts';
import { placeProvider, removeProvider } from '../../src/assistants/opencode/config-edits.ts';
import { resolveOpenCodePaths } from '../../src/assistants/opencode/paths.ts';

const doc = (text = '') => Json5Document.parse(text, 'opencode.json', { escapeString: openCodeLiteralJson });
/** What OpenCode would substitute in the raw text, besides ollm's own reference. */
const substitutions = (text: string) => [...text.replaceAll('{env:OLLM_OPENCODE_API_KEY}', '').matchAll(/\{(env|file):[^}]+\}/g)].map((m) => m[0]);

test('paths: XDG_CONFIG_HOME moves the folder, opencode.jsonc wins over opencode.json, OPENCODE_CONFIG and the flag choose a file', () => {
  const home = mkdtempSync(join(tmpdir(), 'ollm-oc-'));
  try {
    assert.equal(resolveOpenCodePaths(undefined, { HOME: home }).configFile, join(home, '.config', 'opencode', 'opencode.json'));
    assert.equal(resolveOpenCodePaths(undefined, { HOME: home }).authFile, join(home, '.local', 'share', 'opencode', 'auth.json'));
    const xdg = join(home, 'xdg');
    assert.equal(resolveOpenCodePaths(undefined, { HOME: home, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: join(home, 'data') }).configFile, join(xdg, 'opencode', 'opencode.json'));
    assert.equal(resolveOpenCodePaths(undefined, { HOME: home, XDG_DATA_HOME: join(home, 'data') }).authFile, join(home, 'data', 'opencode', 'auth.json'));
    mkdirSync(join(xdg, 'opencode'), { recursive: true });
    writeFileSync(join(xdg, 'opencode', 'opencode.jsonc'), '{}');
    assert.equal(resolveOpenCodePaths(undefined, { HOME: home, XDG_CONFIG_HOME: xdg }).configFile, join(xdg, 'opencode', 'opencode.jsonc'));
    assert.deepEqual(resolveOpenCodePaths(undefined, { HOME: home, OPENCODE_CONFIG: '~/oc.json' }).configFile, join(home, 'oc.json'));
    assert.equal(resolveOpenCodePaths('/etc/x.json', { HOME: home, OPENCODE_CONFIG: '~/oc.json' }).configSource, '--opencode-config');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('the escape spells every { as \\u007b, which JSON reads back and OpenCode\'s raw-text substitution cannot match', () => {
  for (const value of ['{env:HOME}', '{file:~/.ssh/id_rsa}', 'a\\{env:X}', '{{env:X}}', '\\u007benv:X}', '{']) {
    const json = openCodeLiteralJson(JSON.stringify(value));
    assert.equal(JSON.parse(json), value);
    assert.equal(JSON5.parse(json), value);
    assert.equal(hasSubstitution(json), false, json);
  }
});

test('placeProvider: hostile proxy URL, model ids and key are literal; only ollm\'s reference is substituted', () => {
  const d = doc('// mine\n{ "theme": "x" }\n');
  const proxy = 'http://127.0.0.1:4000/{env:GITHUB_TOKEN}/{file:/etc/passwd}';
  const report = placeProvider(d, { provider: 'litellm', proxyBase: proxy, style: 'env', variable: 'OLLM_OPENCODE_API_KEY', secret: 'sk-x', models: ['{env:HOME}', 'gpt-4o'], defaultModel: '{file:/x}' });
  const text = d.toString();
  assert.deepEqual(substitutions(text), []);
  assert.equal((text.match(/\{env:OLLM_OPENCODE_API_KEY\}/g) ?? []).length, 1);
  const read = JSON5.parse(text) as any;
  assert.equal(read.provider.litellm.options.baseURL, `${proxy}/v1`);
  assert.deepEqual(Object.keys(read.provider.litellm.models), ['{env:HOME}', 'gpt-4o', '{file:/x}']);
  assert.equal(read.model, 'litellm/{file:/x}');
  assert.equal(report.created, true);
  assert.ok(text.startsWith('// mine\n'));

  const file = doc();
  placeProvider(file, { provider: 'litellm', proxyBase: 'http://p', style: 'file', variable: 'V', secret: 'sk-{env:HOME}', models: [] });
  assert.deepEqual(substitutions(file.toString()), []);
  assert.equal((JSON5.parse(file.toString()) as any).provider.litellm.options.apiKey, 'sk-{env:HOME}');
});

test('placeProvider keeps a model the user chose and their model entries; --default-model replaces the model', () => {
  const d = doc('{ "model": "anthropic/claude", "provider": { "litellm": { "models": { "mine": { "name": "Mine" } } } } }');
  const report = placeProvider(d, { provider: 'litellm', proxyBase: 'http://p', style: 'env', variable: 'V', secret: 's', models: ['gpt-4o'] });
  const read = JSON5.parse(d.toString()) as any;
  assert.equal(read.model, 'anthropic/claude');
  assert.deepEqual(read.provider.litellm.models, { mine: { name: 'Mine' } });
  assert.equal(report.created, false);
  placeProvider(d, { provider: 'litellm', proxyBase: 'http://p', style: 'env', variable: 'V', secret: 's', models: ['gpt-4o'], defaultModel: 'gpt-4o' });
  assert.equal((JSON5.parse(d.toString()) as any).model, 'litellm/gpt-4o');
  assert.deepEqual(Object.keys((JSON5.parse(d.toString()) as any).provider.litellm.models), ['mine', 'gpt-4o']);
});

test('removeProvider takes out only what still holds ollm\'s key or reference', () => {
  const options = { provider: 'litellm', style: 'env' as const, variable: 'V', created: true, isThisKey: () => false };
  const changed = doc('{ "model": "litellm/a", "provider": { "litellm": { "options": { "apiKey": "{env:OTHER}" } } } }');
  assert.deepEqual(removeProvider(changed, options), [], 'someone changed the reference: left alone');
  const ours = doc('{ "model": "litellm/a", "provider": { "x": {}, "litellm": { "options": { "apiKey": "{env:V}" } } } }');
  assert.deepEqual(removeProvider(ours, options), ['provider.litellm', 'model']);
  assert.deepEqual(JSON5.parse(ours.toString()), { provider: { x: {} } });
  const theirs = doc('{ "provider": { "litellm": { "name": "n", "options": { "apiKey": "sk-1", "baseURL": "b" } } } }');
  assert.deepEqual(removeProvider(theirs, { ...options, style: 'file', created: false, isThisKey: (v) => v === 'sk-1' }), ['provider.litellm.options.apiKey']);
  assert.deepEqual(JSON5.parse(theirs.toString()), { provider: { litellm: { name: 'n', options: { baseURL: 'b' } } } });
});

test('detect: OpenCode\'s global config, or `opencode` on PATH, or nothing', async () => {
  const { detectOpenCode } = await import('../../src/assistants/opencode/detect.ts');
  const home = mkdtempSync(join(tmpdir(), 'ollm-oc-'));
  try {
    const bin = join(home, 'bin');
    mkdirSync(bin);
    assert.equal(await detectOpenCode({ HOME: home, PATH: bin }), null);
    writeFileSync(join(bin, 'opencode'), '#!/bin/sh\n', { mode: 0o755 });
    assert.deepEqual(await detectOpenCode({ HOME: home, PATH: bin }), { program: join(bin, 'opencode') });
    mkdirSync(join(home, '.config', 'opencode'), { recursive: true });
    writeFileSync(join(home, '.config', 'opencode', 'opencode.jsonc'), '{}');
    assert.deepEqual(await detectOpenCode({ HOME: home, PATH: '' }), { config: join(home, '.config', 'opencode', 'opencode.jsonc') });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
