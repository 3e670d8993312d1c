import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeLiteLLMKey } from '../../src/keys/proxy-secret.ts';
import { newSecret } from '../../src/keys/held-key.ts';

test('a LiteLLM key: sk- then 8 to 256 URL-safe characters', () => {
  for (const key of [newSecret(), 'sk-abcdefgh', `sk-${'a'.repeat(256)}`, 'sk-Ab3_d-9xYz']) assert.equal(looksLikeLiteLLMKey(key), true, key);
  for (const key of ['', 'sk-', 'sk-abcdefg', `sk-${'a'.repeat(257)}`, 'ak-abcdefghij', 'sk-abc def ghi', "sk-'';touch /tmp/x;''", 'sk-abcdefgh\u001b]0;t\u0007', 'sk-abcdefgh\n', 'sk-abcdefgh.ijk', 'sk-abcdéfghij', 'sk-abcdefgh\u200b']) {
    assert.equal(looksLikeLiteLLMKey(key), false, JSON.stringify(key));
  }
  assert.equal(looksLikeLiteLLMKey(undefined), false);
  assert.equal(looksLikeLiteLLMKey(42), false);
});
