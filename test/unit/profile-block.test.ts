import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBlockKey, removeBlock, renderBlock, upsertBlock, type ProfileBlock } from '../../src/targets/profile-block.ts';

const block = (key: string, account = 'openclaw@http://localhost:4000'): ProfileBlock => ({
  account, variable: 'LITELLM_API_KEY', shell: 'posix', value: { kind: 'literal', key },
});

test('a block is appended once and then replaced in place, never duplicated', () => {
  const original = '# my profile\nexport PATH="$HOME/bin:$PATH"\n';
  const first = upsertBlock(original, block('sk-one'));
  assert.ok(first.startsWith(original));
  assert.match(first, /# >>> ollm openclaw@http:\/\/localhost:4000 >>>\nexport LITELLM_API_KEY='sk-one'\n# <<< ollm openclaw@http:\/\/localhost:4000 <<<\n$/);
  const second = upsertBlock(`${first}alias ll='ls -l'\n`, block('sk-two'));
  assert.equal(second.match(/>>> ollm/g)?.length, 1);
  assert.match(second, /export LITELLM_API_KEY='sk-two'\n# <<< ollm openclaw@http:\/\/localhost:4000 <<<\nalias ll='ls -l'\n$/);
  assert.equal(readBlockKey(second, 'openclaw@http://localhost:4000'), 'sk-two');
});

test('blocks of different aliases live side by side; duplicates of one are merged', () => {
  let text = upsertBlock('', block('sk-a'));
  text = upsertBlock(text, block('sk-b', 'other@http://localhost:4000'));
  const doubled = text + renderBlock(block('sk-old'));
  const fixed = upsertBlock(doubled, block('sk-new'));
  assert.equal(fixed.match(/>>> ollm openclaw@/g)?.length, 1);
  assert.equal(fixed.match(/>>> ollm other@/g)?.length, 1);
  assert.equal(readBlockKey(fixed, 'openclaw@http://localhost:4000'), 'sk-new');
  assert.equal(readBlockKey(fixed, 'other@http://localhost:4000'), 'sk-b');
});

test('add then remove gives back the original file', () => {
  const original = '# profile\nexport A=1\n';
  const added = upsertBlock(original, block('sk-x'));
  assert.equal(removeBlock(added, 'openclaw@http://localhost:4000'), original);
  assert.equal(removeBlock(original, 'openclaw@http://localhost:4000'), null);
});

test('CRLF profiles stay CRLF', () => {
  const added = upsertBlock('export A=1\r\n', block('sk-x'));
  assert.doesNotMatch(added.replace(/\r\n/g, ''), /\n/);
});

test('hostile values cannot become shell code in sh or bash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-pb-'));
  const marker = join(dir, 'pwned');
  const hostile = `sk-'"; touch ${marker}; echo '$(touch ${marker})\`touch ${marker}\``;
  const lookup: ProfileBlock = { ...block(''), value: { kind: 'command', argv: ['printf', '%s', hostile] } };
  for (const shell of ['sh', 'bash']) {
    for (const b of [block(hostile), lookup]) {
      const script = `${renderBlock(b)}printf '%s' "$LITELLM_API_KEY"`;
      const out = spawnSync(shell, ['-c', script], { encoding: 'utf8' });
      assert.equal(out.stdout, hostile, `${shell} ${b.value.kind}: ${out.stderr}`);
      assert.equal(existsSync(marker), false, `${shell} ran injected code`);
    }
  }
});

test('fish syntax uses set -gx and fish quoting', () => {
  const fish: ProfileBlock = { ...block(`sk-a'b\\c`), shell: 'fish' };
  assert.match(renderBlock(fish), /^set -gx LITELLM_API_KEY 'sk-a\\'b\\\\c'$/m);
  const lookup: ProfileBlock = { ...fish, value: { kind: 'command', argv: ['/opt/ollm', 'key', 'get', '--reveal'] } };
  assert.match(renderBlock(lookup), /^set -gx LITELLM_API_KEY \('\/opt\/ollm' 'key' 'get' '--reveal'\)$/m);
});

test('a block whose end marker was deleted is refused by every edit, not ended at the user\'s next line', async () => {
  const { UnterminatedBlockError, assertBlocksTerminated } = await import('../../src/targets/profile-block.ts');
  const text = "A=1\n# >>> ollm openclaw@http://localhost:4000 >>>\nexport LITELLM_API_KEY='sk-old'\nexport EDITOR=vim\n";
  const block = { account: 'openclaw@http://localhost:4000', variable: 'LITELLM_API_KEY', shell: 'posix' as const, value: { kind: 'literal' as const, key: 'sk-new' } };
  assert.throws(() => upsertBlock(text, block), UnterminatedBlockError);
  assert.throws(() => removeBlock(text, block.account), UnterminatedBlockError);
  assert.throws(() => assertBlocksTerminated(text), (error: InstanceType<typeof UnterminatedBlockError>) => error.line === 2);
  assert.doesNotThrow(() => assertBlocksTerminated(upsertBlock('A=1\n', block)));
});

test('maskBlocks masks the keys inside ollm blocks and nothing else', async () => {
  const { maskBlocks } = await import('../../src/targets/profile-block.ts');
  const key = 'sk-abcdefghijklmnopqrstuv';
  const text = `export MINE='sk-users-own-key-123456'\n# >>> ollm a@http://x >>>\nexport LITELLM_API_KEY='${key}'\n# <<< ollm a@http://x <<<\n`;
  assert.equal(maskBlocks(text), `export MINE='sk-users-own-key-123456'\n# >>> ollm a@http://x >>>\nexport LITELLM_API_KEY='sk-…stuv'\n# <<< ollm a@http://x <<<\n`);
});
