// The settings table and the config file schema: one rule per setting, the flag's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSetting, parseTargetsSetting, readOllmConfig, SETTINGS } from '../../src/composition/settings.ts';
import { parseTargetList } from '../../src/composition/kinds.ts';
import { parseStyle } from '../../src/assistants/openclaw/styles.ts';
import { validateAlias } from '../../src/keys/alias.ts';
import { parseProxyUrl } from '../../src/config/proxy-url.ts';

test('names are the user-facing spellings; the file\'s spelling gets a "did you mean"', () => {
  assert.deepEqual(SETTINGS.map((s) => [s.name, s.key]), [['proxy-url', 'proxyUrl'], ['alias', 'alias'], ['style', 'style'], ['codex-style', 'codexStyle'], ['targets', 'targets']]);
  assert.throws(() => findSetting('proxyUrl'), (e: Error & { hint?: string }) => /no setting "proxyUrl"/.test(e.message) && /Did you mean proxy-url\?/.test(e.hint ?? ''));
  assert.throws(() => findSetting('ALIAS'), (e: Error & { hint?: string }) => /Did you mean alias\?/.test(e.hint ?? ''));
  assert.throws(() => findSetting('budget'), (e: Error & { hint?: string }) => /Settings: proxy-url, alias, style, codex-style, targets/.test(e.hint ?? ''));
});

test('each setting accepts and refuses exactly what its flag does, with the same message', () => {
  const cases: Array<[string, string, () => unknown]> = [
    ['proxy-url', 'ftp://gw', () => parseProxyUrl('ftp://gw', 'the command line')],
    ['alias', '-dash', () => validateAlias('-dash')],
    ['style', 'vault', () => parseStyle('vault', 'style')],
    ['targets', 'openclaw,cloud', () => parseTargetList(['openclaw,cloud'], 'targets')],
  ];
  for (const [name, bad, flagRule] of cases) {
    let flagMessage = '';
    try { flagRule(); } catch (error) { flagMessage = (error as Error).message; }
    assert.ok(flagMessage, `${name}: the flag refuses ${bad}`);
    assert.throws(() => findSetting(name).parse(bad, 'the command line'), { message: flagMessage });
  }
  assert.equal(findSetting('proxy-url').parse('https://gw.example/litellm/', 'x'), 'https://gw.example/litellm');
  assert.deepEqual(findSetting('targets').parse('dotenv, openclaw,dotenv', 'x'), ['dotenv', 'openclaw']);
  assert.equal(findSetting('style').parse('keychain', 'x'), 'keychain');
});

test('the targets setting is never empty and never none-plus-more', () => {
  assert.throws(() => parseTargetsSetting([',']), /names no target/);
  assert.throws(() => parseTargetsSetting(['none,dotenv']), /none cannot be combined/);
  assert.deepEqual(parseTargetsSetting(['none']), ['none']);
});

test('the config file is checked with the same rules; the message names the key and the validator\'s reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-config-'));
  try {
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ proxyUrl: 'http://localhost:4000', alias: 'work', style: 'anthropic', targets: ['profile'], other: [1] }));
    assert.deepEqual(await readOllmConfig(file), { proxyUrl: 'http://localhost:4000', alias: 'work', style: 'anthropic', targets: ['profile'], other: [1] });
    const invalid: Array<[Record<string, unknown>, RegExp, RegExp]> = [
      [{ proxyUrl: 'localhost:4000' }, /at "proxyUrl": The proxy URL from the config file has no scheme/, /ollm config set proxy-url/],
      [{ alias: 'a b' }, /at "alias": The alias "a b" contains characters/, /ollm config set alias --unset/],
      [{ style: 'vault' }, /at "style": style "vault" is not a way/, /ollm config set style/],
      [{ targets: ['cloud'] }, /at "targets": targets "cloud" is not a place/, /ollm config set targets/],
      [{ targets: 'openclaw' }, /at "targets"/, /ollm config set targets/],
      [{ targets: [] }, /at "targets": targets names no target/, /ollm config set targets/],
    ];
    for (const [content, message, hint] of invalid) {
      writeFileSync(file, JSON.stringify(content));
      await assert.rejects(readOllmConfig(file), (e: Error & { code?: string; hint?: string }) => {
        assert.equal(e.code, 'config_invalid');
        assert.match(e.message, message);
        assert.match(e.hint ?? '', hint);
        return true;
      }, JSON.stringify(content));
    }
    writeFileSync(file, '[1, 2]');
    await assert.rejects(readOllmConfig(file), /does not hold a JSON object/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('resolveAlias: --alias > the configured alias > openclaw; the config is not read when the flag decides', async () => {
  const { resolveAlias } = await import('../../src/keys/alias.ts');
  let reads = 0;
  const ctx = (alias?: string) => ({ config: async () => { reads += 1; return alias === undefined ? {} : { alias }; } });
  assert.equal(await resolveAlias({ alias: 'flag' }, ctx('work')), 'flag');
  assert.equal(reads, 0);
  assert.equal(await resolveAlias({}, ctx('work')), 'work');
  assert.equal(await resolveAlias({}, ctx()), 'openclaw');
  await assert.rejects(resolveAlias({ alias: 'bad alias' }, ctx()), /contains characters/);
});
