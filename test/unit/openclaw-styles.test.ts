// What each style means for OpenClaw's config: the provider it writes and the variables it uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyVariables, OPENCLAW_STYLES, providerName, styleVariable } from '../../src/assistants/openclaw/styles.ts';

test('provider from style: anthropic writes models.providers.anthropic; litellm and keychain write .litellm', () => {
  assert.deepEqual(OPENCLAW_STYLES.map(providerName), ['litellm', 'anthropic', 'litellm']);
});

test('the variable OpenClaw reads, and what exec/env export', () => {
  assert.deepEqual(OPENCLAW_STYLES.map(styleVariable), ['LITELLM_API_KEY', 'ANTHROPIC_API_KEY', 'LITELLM_API_KEY']);
  assert.deepEqual(keyVariables('anthropic'), ['LITELLM_API_KEY', 'ANTHROPIC_API_KEY']);
});
