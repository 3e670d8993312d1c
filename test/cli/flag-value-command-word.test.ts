// A flag's value before the command may be a command's word (`ollm --alias env spend`): it is
// that flag's value, and the command is the one after it. The parser used to run `env` here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWorld, json } from '../support/fixture.ts';

test('`ollm --alias env key get` reads the key "env"; `-a env` and `--alias=env` too; the earliest command still wins otherwise', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--alias', 'env', '--write', 'none'])).code, 0);
  for (const line of [['--alias', 'env', 'key', 'get', '--json'], ['-a', 'env', 'key', 'get', '--json'], ['--alias=env', 'key', 'get', '--json'], ['--json', '--alias', 'env', 'key', 'get']]) {
    const result = await world.ollm(line);
    assert.equal(result.code, 0, `ollm ${line.join(' ')}: ${result.stderr}`);
    assert.equal(json(result).key_alias, 'env', `ollm ${line.join(' ')}`);
  }
  // A switch before a command word takes no value: the word is the command.
  const envRun = await world.ollm(['--json', 'env', '--alias', 'env']);
  assert.equal(envRun.code, 0, envRun.stderr);
  assert.deepEqual(json(envRun).variables, ['LITELLM_API_KEY']);
});

test('`ollm --alias env spend` runs spend for the key "env"', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--alias', 'env', '--write', 'none'])).code, 0);
  const result = await world.ollm(['--alias', 'env', 'spend', '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(json(result).key_alias, 'env');
});
