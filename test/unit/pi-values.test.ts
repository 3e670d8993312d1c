// pi's value rules, as ollm writes them: the helper's apiKey command keeps every outside word
// (launcher path, alias, proxy URL) one inert shell word, recognises only its own alias, a key
// pi would run as a command is refused for the file style, the model plan, and pi's paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helperArgs, helperValue, isHelperValueFor, literalValue } from '../../src/assistants/pi/pi-value.ts';
import { planPiModels } from '../../src/assistants/pi/sync-models.ts';
import { resolvePiPaths } from '../../src/assistants/pi/paths.ts';
import { piReadProblem, stripPiJsonComments } from '../../src/assistants/pi/models-file.ts';
import { resolveAsPi } from '../../src/assistants/pi/doctor/run-checks.ts';

test('the helper command hands each hostile word to the launcher as one argument, and runs nothing in it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-pi-value-'));
  try {
    // A launcher at a hostile path that prints its arguments one per line.
    const hostileDir = join(dir, 'it\'s $(touch PWNED) `touch PWNED2` ${HOME} !x');
    mkdirSync(hostileDir);
    const launcher = join(hostileDir, 'pi-key-helper');
    writeFileSync(launcher, '#!/bin/sh\nfor a; do printf "%s\\n" "$a"; done\n', { mode: 0o700 });
    const alias = 'a\'l$(touch PWNED3)';
    const proxy = 'http://127.0.0.1:4000/p\'$(touch PWNED4)`x`';
    const value = helperValue(launcher, alias, proxy);
    assert.ok(value.startsWith('!'), 'pi runs a value starting with ! as a command');
    // As pi 0.73.1 runs it: the first ! dropped, the rest to /bin/sh -c.
    const run = spawnSync('/bin/sh', ['-c', value.slice(1)], { cwd: dir, encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: dir } });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stdout.split('\n').slice(0, -1), helperArgs(alias, proxy));
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('PWNED')), []);
    assert.deepEqual(readdirSync(hostileDir).filter((n) => n.startsWith('PWNED')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ollm recognises its own helper command by alias and proxy, whatever the launcher path', () => {
  const value = helperValue('/state/ollm/pi-key-helper', 'pi', 'http://localhost:4000');
  assert.equal(isHelperValueFor(value, 'pi', 'http://localhost:4000'), true);
  assert.equal(isHelperValueFor(helperValue('/elsewhere/pi-key-helper', 'pi', 'http://localhost:4000'), 'pi', 'http://localhost:4000'), true);
  assert.equal(isHelperValueFor(value, 'other', 'http://localhost:4000'), false);
  assert.equal(isHelperValueFor(value, 'pi', 'http://localhost:4001'), false);
  assert.equal(isHelperValueFor('!op read op://vault/key', 'pi', 'http://localhost:4000'), false);
  assert.equal(isHelperValueFor('sk-literal', 'pi', 'http://localhost:4000'), false);
});

test('the file style writes a key literally, and refuses one pi would run as a command', () => {
  assert.equal(literalValue('sk-abc123'), 'sk-abc123');
  assert.throws(() => literalValue('!rm -rf ~'), /pi would run a value starting with "!" as a command/);
  assert.throws(() => literalValue(''), /cannot be written/);
});

test('pi resolves apiKey as 0.73.1 does: a command, else a variable\'s name, else the text', async () => {
  assert.deepEqual(await resolveAsPi('!printf " sk-from-cmd \\n"', { PATH: '/usr/bin:/bin' }), { value: 'sk-from-cmd' });
  assert.deepEqual(await resolveAsPi('MY_KEY', { MY_KEY: 'sk-from-env' }), { value: 'sk-from-env' });
  assert.deepEqual(await resolveAsPi('sk-literal', {}), { value: 'sk-literal' });
  assert.match((await resolveAsPi('!exit 3', { PATH: '/usr/bin:/bin' })).error ?? '', /exited with 3/);
});

test('the model plan: new ids added in the proxy\'s order, hand entries kept, gone ones stale or pruned, routes skipped', () => {
  const listed = [{ id: 'gpt-4o', name: 'mine' }, { id: 'old' }, { id: 'xai/grok' }, 'not an entry'];
  const offered = ['claude', 'gpt-4o', 'xai/*', '$(x)'];
  assert.deepEqual(planPiModels(listed, offered, false), { added: ['claude', '$(x)'], kept: ['gpt-4o', 'xai/grok'], stale: ['old'], removed: [], skipped: ['xai/*'] });
  assert.deepEqual(planPiModels(listed, offered, true).removed, ['old']);
});

test('pi\'s paths: PI_CODING_AGENT_DIR (with ~) moves every file; --pi-models names models.json only', () => {
  assert.equal(resolvePiPaths(undefined, { HOME: '/h' }).modelsFile, '/h/.pi/agent/models.json');
  const moved = resolvePiPaths(undefined, { HOME: '/h', PI_CODING_AGENT_DIR: '~/agent' });
  assert.deepEqual([moved.modelsFile, moved.authFile, moved.source], ['/h/agent/models.json', '/h/agent/auth.json', 'PI_CODING_AGENT_DIR']);
  assert.equal(resolvePiPaths('/x/models.json', { HOME: '/h' }).modelsFile, '/x/models.json');
});

test('pi\'s reader takes // comments and trailing commas, and nothing else of JSON5', () => {
  assert.equal(piReadProblem('{ "a": "http://x//y", // c\n "b": [1,], }'), null);
  assert.deepEqual(JSON.parse(stripPiJsonComments('{ "a": "http://x//y", // c\n "b": [1,], }')), { a: 'http://x//y', b: [1] });
  assert.notEqual(piReadProblem('{ a: 1 }'), null);
  assert.notEqual(piReadProblem('/* block */ {}'), null);
});
