// A reader that goes away (`ollm key rotate 2>&1 | head -2`) must not end a rotation half-way:
// ollm stops writing and finishes its state change. Spawned: only a real process has a pipe whose
// reading end can close under it. The key lives in the file store, so no keychain is needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorld } from '../support/fixture.ts';
import { OLLM } from '../support/cli.ts';
import { Json5Document } from '../../src/edit/json5-document.ts';

/** Runs the binary with stdout and stderr on pipes and closes both reading ends at its first output. */
function runClosingPipes(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; signal: NodeJS.Signals | null; first: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [OLLM, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let first = '';
    const closeBoth = (chunk: Buffer) => {
      if (first) return;
      first = chunk.toString('utf8');
      child.stdout.destroy();
      child.stderr.destroy();
    };
    child.stdout.on('data', closeBoth);
    child.stderr.on('data', closeBoth);
    child.on('close', (code, signal) => resolve({ code, signal, first }));
  });
}

test('key rotate whose output pipe closes at its first line still finishes the rotation', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  const created = await world.ollm(['key', 'create', '--store', 'file']);
  assert.equal(created.code, 0, created.stderr);
  const old = world.server.findByAlias('openclaw')!.key;

  const run = await runClosingPipes(['key', 'rotate'], world.env());
  assert.ok(run.first, 'ollm wrote something before the end (else the pipe never closed under it)');

  const journalDir = join(world.home.dir, '.local', 'state', 'ollm', 'rotations');
  const journals = existsSync(journalDir) ? readdirSync(journalDir).filter((n) => n.endsWith('.json')) : [];
  assert.deepEqual(journals, [], 'the journal is settled, not left half-way');
  const fresh = world.server.findByAlias('openclaw')!.key;
  assert.notEqual(fresh, old, `the proxy has the new key under the alias (ollm's first output: ${run.first.trim()})`);
  const config = Json5Document.parse(readFileSync(join(world.home.dir, '.openclaw', 'openclaw.json'), 'utf8'), 'openclaw.json');
  assert.equal(config.get(['env', 'vars', 'LITELLM_API_KEY']), fresh, 'OpenClaw has the new key');
  assert.equal(world.server.findByKey(old), undefined, 'the old key is retired');
  assert.equal(run.signal, null);
  assert.equal(run.code, 0, 'the rotation succeeded; only its report was lost');
});
