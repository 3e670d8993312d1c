// The alias a retired key carries: unique for two rotations within one second (LiteLLM refuses a
// duplicate alias), and recognised (old one-second names included) so fleet selection skips it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRetiredAlias, retiredAlias } from '../../src/rotation/plan.ts';

test('two retirements in the same second get different aliases', () => {
  const first = retiredAlias('openclaw', new Date('2026-11-22T05:15:00.100Z'));
  const second = retiredAlias('openclaw', new Date('2026-11-22T05:15:00.900Z'));
  assert.equal(first, 'openclaw-retired-20261122T051500.100Z');
  assert.notEqual(first, second);
});

test('retired aliases are recognised, in the old one-second form too; others are not', () => {
  assert.equal(isRetiredAlias(retiredAlias('bot-1', new Date())), true);
  assert.equal(isRetiredAlias('bot-1-retired-20261122T051500Z'), true);
  assert.equal(isRetiredAlias('bot-1-retired'), false);
  assert.equal(isRetiredAlias('retired-bot'), false);
});
