// cached-install.ts's pinnedProgram: the one rule every real-program harness (Claude Code, Codex,
// OpenCode, pi, OpenClaw) follows: a finished install is used as is, a failed one is a skip reason
// outside CI and no skip in CI (the test then fails on ensure()), and it is tried once per process.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { pinnedProgram, readInstallMarker } from '../support/cached-install.ts';

const roots: string[] = [];
afterEach(() => { for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true }); });

function place(): string {
  const root = mkdtempSync(join(tmpdir(), 'ollm-pinned-'));
  roots.push(root);
  return join(root, 'tool-1.0.0');
}

test('a failed install: the reason names the program, a skip outside CI, none in CI; installed once', async () => {
  const dir = place();
  let installs = 0;
  const tool = pinnedProgram('Tool 1.0.0', {
    dir, timeoutMs: 5_000, readMarker: () => undefined,
    install: () => { installs += 1; return Promise.reject(new Error('registry unreachable')); },
  });
  const ci = process.env.CI;
  try {
    delete process.env.CI;
    assert.equal(await tool.skip(), 'Tool 1.0.0 could not be installed: registry unreachable');
    process.env.CI = '1';
    assert.equal(await tool.skip(), false);
  } finally {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  }
  await assert.rejects(tool.ensure(), /Tool 1\.0\.0 could not be installed: registry unreachable/);
  assert.equal(installs, 1);
  assert.equal(tool.unavailableReason(), 'Tool 1.0.0 could not be installed: registry unreachable');
});

test('a finished install (marker and files there) is used without installing; a missing file is no install', async () => {
  const dir = place();
  mkdirSync(dir, { recursive: true });
  const bin = join(dir, 'bin-tool');
  writeFileSync(join(dir, 'installed.json'), JSON.stringify({ version: '1.0.0' }));
  writeFileSync(bin, '');
  const readMarker = () => readInstallMarker<{ version: string }>(dir, [bin]);
  const tool = pinnedProgram('Tool 1.0.0', { dir, timeoutMs: 5_000, readMarker, install: () => Promise.reject(new Error('must not install')) });
  assert.deepEqual(await tool.ensure(), { version: '1.0.0' });
  assert.equal(tool.unavailableReason(), null);
  assert.equal(await tool.skip(), false);
  rmSync(bin);
  assert.equal(readInstallMarker(dir, [bin]), undefined);
});
