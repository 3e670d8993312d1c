// Issue 23 item 4: `key update` changes a key, so it takes the key's lock as rotate, revoke and
// write do, and settles an interrupted rotation first. Without that, an update racing a rotation
// printed "Blocked yes, $1" about the key being replaced, while the surviving key was unblocked
// with its old budget.
import { beforeEach, afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, killsProcess, killTest, openWorld, type World } from '../support/fixture.ts';
import type { Hold } from '../support/litellm-server.ts';
import { startUntil } from '../support/kill-during.ts';

let world: World;

beforeEach(async (t) => { world = await openWorld({ realKeychain: killsProcess(t) }); });
afterEach(async () => { await world.close(); });

const stateDir = () => join(world.home.dir, '.local', 'state', 'ollm');
const journals = () => {
  const dir = join(stateDir(), 'rotations');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')) : [];
};

async function createKey(): Promise<string> {
  const result = await world.ollm(['key', 'create', '--budget', '50', '--write', 'none', ...world.storeFlags]);
  assert.equal(result.code, 0, result.stderr);
  return world.heldKey('openclaw')!;
}

test('an update while another ollm holds the key\'s lock waits, then gives up naming the holder; nothing is changed', async () => {
  const key = await createKey();
  const account = `openclaw@${world.server.url}`;
  const lockDir = join(stateDir(), 'locks', `${createHash('sha256').update(account).digest('hex').slice(0, 32)}.lock`);
  mkdirSync(lockDir, { recursive: true });
  writeFileSync(join(lockDir, `${process.pid}.test`), `${process.pid}\n`); // a live holder: this test process
  const from = world.server.requests.length;
  const result = await world.ollm(['key', 'update', '--block', '--budget', '1', '--wait', '1s', '--json']);
  assert.equal(result.code, 1, result.stdout);
  assert.equal(json(result).error.code, 'rotation_locked');
  assert.match(json(result).error.message, new RegExp(`pid ${process.pid}`));
  assert.deepEqual(world.server.requests.slice(from).filter((r) => r.method === 'POST'), [], 'nothing sent to the proxy');
  assert.equal(world.server.findByKey(key)!.blocked, null);
});

// The rotation holds the lock while the proxy holds its /key/generate; the update starts, then the
// rotation is SIGKILLed. Whether the update was already waiting or starts after, it must settle the
// journal first and change the key that survives.
const points: Array<[string, Hold, 'rolled back' | 'finished']> = [
  ['before the new key exists', { method: 'POST', path: '/key/generate', when: 'before' }, 'rolled back'],
  ['after the proxy made the new key', { method: 'POST', path: '/key/generate', when: 'after' }, 'finished'],
];
for (const [name, hold, settled] of points) {
  killTest(`an update racing a rotation killed ${name}: the journal is settled first, and the surviving key is the one updated`, {}, async () => {
    await createKey();
    const { held } = world.server.hold(hold);
    const { child: rotation, closed } = await startUntil(held, ['key', 'rotate'], world.env());
    const updating = world.ollm(['key', 'update', '--block', '--budget', '1', '--json']);
    rotation.kill('SIGKILL');
    await closed;
    const result = await updating;
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stderr, new RegExp(`${settled} an interrupted rotation of "openclaw"`));
    assert.deepEqual(journals(), [], 'no rotation left half done');

    const survivor = world.server.findByAlias('openclaw')!;
    assert.equal(world.heldKey('openclaw'), survivor.key, 'the key held here carries the alias');
    assert.equal(survivor.blocked, true, 'the surviving key is the one blocked');
    assert.equal(survivor.max_budget, 1);
    assert.equal(json(result).blocked, true, 'and the output says what the proxy has');
    assert.equal(json(result).max_budget, 1);
    assert.equal(world.server.keys().length, 1, 'no second key left');
    // Nothing left for a later resume to roll onto an unblocked key.
    const resumed = await world.ollm(['key', 'rotate', '--resume', '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(world.server.findByAlias('openclaw')!.blocked, true);
  });
}

// key write takes the same lock and settles the same way: it must not write a key that an
// interrupted rotation's resume then replaces or deletes.
killTest('a key write racing a rotation killed after the proxy made the new key: the rotation is finished first, and the new key is written', {}, async () => {
  await createKey();
  const { held } = world.server.hold({ method: 'POST', path: '/key/generate', when: 'after' });
  const { child: rotation, closed } = await startUntil(held, ['key', 'rotate'], world.env());
  rotation.kill('SIGKILL');
  await closed;
  const result = await world.ollm(['key', 'write', '--write', 'dotenv']);
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stderr, /finished an interrupted rotation of "openclaw"/);
  assert.deepEqual(journals(), [], 'no rotation left half done');
  const survivor = world.server.findByAlias('openclaw')!;
  assert.equal(world.heldKey('openclaw'), survivor.key);
  assert.match(readFileSync(join(world.home.dir, '.openclaw', '.env'), 'utf8'), new RegExp(`LITELLM_API_KEY=.*${survivor.key.slice(-8)}`));
  assert.equal(world.server.keys().length, 1, 'no second key left');
});
