// The plan of `ollm models sync` (pure) and the array edits that carry it out without moving a
// byte of what the user wrote: CRLF, tabs, one-line files, empty and missing lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSON5 from 'json5';
import { Json5Document, Json5DocumentError } from '../../src/edit/json5-document.ts';
import { LITELLM_MODELS, applyModelSync, planModelSync, staleDefaultModel } from '../../src/assistants/openclaw/model-sync.ts';

const PATH = [...LITELLM_MODELS];

function synced(text: string, offered: string[], prune = false): string {
  const doc = Json5Document.parse(text, 'openclaw.json');
  const listed = doc.get(PATH);
  applyModelSync(doc, planModelSync(Array.isArray(listed) ? listed : [], offered, prune));
  return doc.toString();
}

test('the plan: new ids in the proxy\'s order, kept and stale in the file\'s order, duplicates once', () => {
  const listed = [{ id: 'b', name: 'mine', contextWindow: 1 }, { id: 'gone' }, { id: 'b', name: 'dup' }, 'not an entry', { name: 'no id' }, { id: '' }];
  assert.deepEqual(planModelSync(listed, ['c', 'b', 'a', 'c'], false), { added: ['c', 'a'], kept: ['b'], stale: ['gone'], removed: [], skipped: [] });
  assert.deepEqual(planModelSync(listed, ['c', 'b'], true), { added: ['c'], kept: ['b'], stale: [], removed: ['gone'], skipped: [] });
});

test('the plan skips wildcard routes and blank names the proxy lists', () => {
  const plan = planModelSync([], ['xai/*', 'gpt-4o', ' ', '*'], false);
  assert.deepEqual(plan.added, ['gpt-4o']);
  assert.deepEqual(plan.skipped, ['xai/*', ' ', '*']);
});

test('an entry a wildcard route matches is still offered; only the literal characters of the route count', () => {
  const listed = [{ id: 'xai/grok-3' }, { id: 'a.b/x' }, { id: 'aXb/x' }, { id: 'other' }];
  assert.deepEqual(planModelSync(listed, ['xai/*', 'a.b/*', 'gpt-4o'], true), {
    added: ['gpt-4o'], kept: ['xai/grok-3', 'a.b/x'], stale: [], removed: ['aXb/x', 'other'], skipped: ['xai/*', 'a.b/*'],
  });
});

test('new entries follow a CRLF, tab-indented file; nothing else changes', () => {
  const before = '{\r\n\t"models": {\r\n\t\t"providers": {\r\n\t\t\t"litellm": {\r\n\t\t\t\t"models": [\r\n\t\t\t\t\t{"id": "a", "name": "A"}\r\n\t\t\t\t]\r\n\t\t\t}\r\n\t\t}\r\n\t}\r\n}\r\n';
  assert.equal(synced(before, ['a', 'b']), before.replace('{"id": "a", "name": "A"}\r\n', '{"id": "a", "name": "A"},\r\n\t\t\t\t\t{"id": "b", "name": "b"}\r\n'));
});

test('a one-line (minified) file stays on one line', () => {
  const before = '{"models":{"providers":{"litellm":{"baseUrl":"http://x","models":[{"id":"a","name":"a"}]}}}}';
  assert.equal(synced(before, ['a', 'b']), '{"models":{"providers":{"litellm":{"baseUrl":"http://x","models":[{"id":"a","name":"a"},{"id":"b","name":"b"}]}}}}');
  assert.equal(synced(before, ['b'], true), '{"models":{"providers":{"litellm":{"baseUrl":"http://x","models":[{"id":"b","name":"b"}]}}}}');
});

test('an empty or missing list is filled like `key create` fills it; pruning everything leaves []', () => {
  const empty = "{\n  models: { providers: { litellm: {\n    baseUrl: 'http://x',\n    models: [],\n  } } },\n}\n";
  const filled = synced(empty, ['a']);
  assert.equal(filled, "{\n  models: { providers: { litellm: {\n    baseUrl: 'http://x',\n    models: [\n      {\n        id: 'a',\n        name: 'a',\n      },\n    ],\n  } } },\n}\n");
  const missing = "{\n  models: { providers: { litellm: { baseUrl: 'http://x' } } },\n}\n";
  const doc = Json5Document.parse(missing, 'openclaw.json');
  applyModelSync(doc, planModelSync([], ['a'], false));
  assert.deepEqual(JSON5.parse(doc.toString()).models.providers.litellm.models, [{ id: 'a', name: 'a' }], 'as OpenClaw (json5) reads it');
  const gone = Json5Document.parse(filled, 'openclaw.json');
  assert.equal(gone.removeItems(PATH, () => true), 1);
  assert.match(gone.toString(), /models: \[\],/);
});

test('removing an entry keeps the comments around it and the commas right', () => {
  const before = `{
  models: { providers: { litellm: { models: [
    { id: 'a', name: 'a' }, // added by ollm
    // mine, keep
    { id: 'b', name: 'B', contextWindow: 1000 },
    { id: 'c', name: 'c' }
  ] } } },
}
`;
  assert.equal(synced(before, ['b'], true), `{
  models: { providers: { litellm: { models: [
    // added by ollm
    // mine, keep
    { id: 'b', name: 'B', contextWindow: 1000 }
  ] } } },
}
`);
});

test('append refuses a value that is not a list, naming the path', () => {
  const doc = Json5Document.parse('{ models: { providers: { litellm: { models: {} } } } }', 'openclaw.json');
  assert.throws(() => doc.append(PATH, [{ id: 'a', name: 'a' }]), (error: Error) => error instanceof Json5DocumentError && /models\.providers\.litellm\.models .* is an object, not an array/.test(error.message));
  assert.equal(doc.removeItems(PATH, () => true), 0);
});

test('a default model that is no longer offered is named, in either form OpenClaw accepts', () => {
  const plan = planModelSync([{ id: 'old' }, { id: 'new' }], ['new'], false);
  const nested = Json5Document.parse("{ agents: { defaults: { model: { primary: 'litellm/old' } } } }", 'f');
  const flat = Json5Document.parse("{ agents: { defaults: { model: 'litellm/old' } } }", 'f');
  const other = Json5Document.parse("{ agents: { defaults: { model: 'anthropic/old' } } }", 'f');
  assert.equal(staleDefaultModel(nested, plan), 'litellm/old');
  assert.equal(staleDefaultModel(flat, plan), 'litellm/old');
  assert.equal(staleDefaultModel(other, plan), undefined);
});
