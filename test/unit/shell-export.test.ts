// The one way ollm writes "export NAME=value" (ollm env, the profile block, the sandbox's lines).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { exportCommandLine, exportLine } from '../../src/output/shell-quote.ts';

const HOSTILE = `sk-'$(touch /tmp/x)"\\\`;|&`;

test('each syntax quotes the value so nothing in it is shell code', () => {
  assert.equal(exportLine('posix', 'LITELLM_API_KEY', "a'b"), `export LITELLM_API_KEY='a'\\''b'`);
  assert.equal(exportLine('fish', 'LITELLM_API_KEY', "a'b\\c"), `set -gx LITELLM_API_KEY 'a\\'b\\\\c'`);
  assert.equal(exportLine('powershell', 'LITELLM_API_KEY', "a'b"), `$env:LITELLM_API_KEY = 'a''b'`);
  assert.equal(exportCommandLine('posix', 'K', ['/opt/ollm', 'key', "it's"]), `export K="$('/opt/ollm' 'key' 'it'\\''s')"`);
  assert.equal(exportCommandLine('fish', 'K', ['/opt/ollm', 'key']), `set -gx K ('/opt/ollm' 'key')`);
});

test('bash reads back exactly the value, and the command form runs the command', () => {
  const literal = spawnSync('bash', ['-c', `${exportLine('posix', 'K', HOSTILE)}; printf %s "$K"`], { encoding: 'utf8' });
  assert.equal(literal.stdout, HOSTILE);
  const command = spawnSync('bash', ['-c', `${exportCommandLine('posix', 'K', ['printf', '%s', HOSTILE])}; printf %s "$K"`], { encoding: 'utf8' });
  assert.equal(command.stdout, HOSTILE);
});

const hasFish = spawnSync('fish', ['-c', 'true']).status === 0;
test('fish reads back exactly the value', { skip: hasFish ? false : 'fish is not installed' }, () => {
  const literal = spawnSync('fish', ['-c', `${exportLine('fish', 'K', HOSTILE)}; printf %s "$K"`], { encoding: 'utf8' });
  assert.equal(literal.stdout, HOSTILE);
});
