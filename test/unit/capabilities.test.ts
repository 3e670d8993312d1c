// What ollm remembers of a proxy (regenerate works, custom secrets are honoured) is dated by the
// injected clock, so "remembered for a week" is tested by moving that clock, not by waiting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canRegenerate, knownCapability, rememberCapability, rememberRegenerate, type CapabilityCtx } from '../../src/rotation/capabilities.ts';

const DAY = 86_400_000;
const START = new Date('2026-05-01T12:00:00.000Z');

function at(stateDir: string, time: Date): CapabilityCtx {
  return { paths: { stateDir }, now: () => time } as unknown as CapabilityCtx;
}

test('a capability is known for a week after it was learned, by the injected clock, per proxy and per name', async (t) => {
  const stateDir = mkdtempSync(join(tmpdir(), 'ollm-capabilities-'));
  t.after(() => rmSync(stateDir, { recursive: true, force: true }));
  const proxy = 'http://127.0.0.1:4000';
  assert.equal(await canRegenerate(at(stateDir, START), proxy), undefined, 'nothing learned yet: ask the proxy');
  await rememberRegenerate(at(stateDir, START), proxy, false);
  await rememberCapability(at(stateDir, START), proxy, 'customKeys', false);
  assert.equal(await canRegenerate(at(stateDir, new Date(START.getTime() + 6 * DAY)), proxy), false);
  assert.equal(await knownCapability(at(stateDir, new Date(START.getTime() + 6 * DAY)), proxy, 'customKeys'), false);
  assert.equal(await canRegenerate(at(stateDir, new Date(START.getTime() + 8 * DAY)), proxy), undefined, 'a week later the proxy is asked again');
  assert.equal(await canRegenerate(at(stateDir, START), 'http://127.0.0.1:4001'), undefined, 'another proxy learned nothing');
  assert.equal(statSync(join(stateDir, 'proxies.json')).mode & 0o777, 0o600);
});
