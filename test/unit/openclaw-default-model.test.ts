// OpenClaw's default model has one reader/writer: the string form, the { primary } form, '' as none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultModelOf, defaultModelSlot } from '../../src/assistants/openclaw/default-model-slot.ts';
import { Json5Document } from '../../src/edit/json5-document.ts';

const slotOf = (text: string) => {
  const doc = Json5Document.parse(text, 'openclaw.json');
  return defaultModelSlot((path) => doc.get(path));
};

test('the string form and the { primary } form name the same model, at their own path', () => {
  assert.deepEqual(slotOf('{ agents: { defaults: { model: "litellm/gpt-4o" } } }'), { path: ['agents', 'defaults', 'model'], value: 'litellm/gpt-4o' });
  assert.deepEqual(slotOf('{ agents: { defaults: { model: { primary: "anthropic/claude" } } } }'), { path: ['agents', 'defaults', 'model', 'primary'], value: 'anthropic/claude' });
});

test('no model, an empty one or a non-string is none; a new one goes to .primary unless the string form is used', () => {
  assert.deepEqual(slotOf('{}'), { path: ['agents', 'defaults', 'model', 'primary'], value: undefined });
  assert.deepEqual(slotOf('{ agents: { defaults: { model: "" } } }'), { path: ['agents', 'defaults', 'model'], value: undefined });
  assert.deepEqual(slotOf('{ agents: { defaults: { model: { primary: 3 } } } }').value, undefined);
});

test('a plain parsed config reads the same', () => {
  assert.equal(defaultModelOf({ agents: { defaults: { model: 'litellm/a' } } }), 'litellm/a');
  assert.equal(defaultModelOf({ agents: { defaults: { model: { primary: 'litellm/b' } } } }), 'litellm/b');
  assert.equal(defaultModelOf({ agents: { defaults: { model: { primary: '' } } } }), undefined);
  assert.equal(defaultModelOf({ agents: [] }), undefined);
});
