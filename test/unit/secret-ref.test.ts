import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountForSecretRefId, isValidSecretRefId, secretRefId } from '../../src/assistants/openclaw/secret-ref.ts';

test('ids follow OpenClaw 2026.9\'s grammar, which refuses "@"', () => {
  assert.equal(isValidSecretRefId('openclaw@http://localhost:4000'), false);
  assert.equal(isValidSecretRefId('openclaw/http://localhost:4000'), true);
  assert.equal(isValidSecretRefId('a/../b'), false);
  assert.equal(isValidSecretRefId(`a${'b'.repeat(256)}`), false);
});

test('an account maps to <alias>/<proxy URL>, and back', () => {
  const account = 'openclaw@https://gw.example.com/litellm';
  const id = secretRefId(account);
  assert.equal(id, 'openclaw/https://gw.example.com/litellm');
  assert.equal(accountForSecretRefId(id, []), account);
});

test('a URL OpenClaw would refuse gets a hashed id, found again through the known accounts', () => {
  const account = 'bot@http://[::1]:4000';
  const id = secretRefId(account);
  assert.match(id, /^bot\/h[0-9a-f]{16}$/);
  assert.ok(isValidSecretRefId(id));
  assert.equal(accountForSecretRefId(id, ['x@http://a', account]), account);
  assert.equal(accountForSecretRefId(id, []), null);
});

test('an id written by hand with "@" is taken as the account itself', () => {
  assert.equal(accountForSecretRefId('openclaw@http://h:1', []), 'openclaw@http://h:1');
});
