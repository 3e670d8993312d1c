// The scheduled job SIGKILLed at every remote step of a rotation (both methods): the next run, as
// the scheduler starts it, settles the rotation as `key rotate --resume` would and leaves one
// working key carrying the alias, held in the keychain (without a Secret Service: the shared file
// store, fixture.ts), recorded as rotated — nothing left over.
import { describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { killsProcess, killTest, openWorld, type World } from '../support/fixture.ts';
import { OLLM, runOllm } from '../support/cli.ts';
import { killDuring, ROTATION_KILL_POINTS } from '../support/kill-during.ts';
import { cronEntry, jobFromCron, runAsCron, standIns } from '../support/schedule-job.ts';

let world: World;
let cron: ReturnType<typeof standIns>;

beforeEach(async (t) => {
  world = await openWorld({ realKeychain: killsProcess(t) });
  cron = standIns(world.home.dir);
});
afterEach(async () => { await world.close(); });

const DAY = 86_400_000;
const stateDir = () => join(world.home.dir, '.local', 'state', 'ollm');

describe('the job SIGKILLed at every remote step; the next run settles it', () => {
  for (const { name, enterprise, hold } of ROTATION_KILL_POINTS) {
    killTest(`${name}`, {}, async () => {
      world.server.setEnterprise(enterprise);
      const t0 = Date.now();
      assert.equal((await world.ollm(['key', 'create', ...world.storeFlags])).code, 0);
      assert.equal((await world.ollm(['login', ...world.storeFlags], { input: `${world.server.masterKey}\n` })).code, 0);
      const old = world.server.findByAlias('openclaw')!.key;
      world.server.setSpend(old, 4.25);
      const set = await runOllm(['schedule', 'set', '--every', '30d', '--grace', 'none', '--scheduler', 'cron'], { env: world.env({ PATH: `${cron.bin}:${process.env.PATH}` }) });
      assert.equal(set.code, 0, set.stderr);
      const { command } = cronEntry(readFileSync(cron.table, 'utf8'));
      const job = jobFromCron(command);
      // What cron starts, started directly so it can be killed: the same argv (bin/ollm by absolute path) and environment.
      assert.deepEqual(job.argv.slice(0, 2), [process.execPath, realpathSync(OLLM)]);
      const killedAt = new Date(t0 + 31 * DAY);
      assert.ok(await killDuring(world, job.argv.slice(2), hold, { ...job.env, OLLM_TEST_NOW: killedAt.toISOString() }), `the job exited before reaching ${hold.path}`);

      // The next day's run: due or not, the interrupted rotation is settled, and the key ends rotated.
      const next = await runAsCron(command, new Date(t0 + 32 * DAY));
      assert.equal(next.code, 0, next.stderr);
      const live = world.server.keys().filter((k) => k.key_alias === 'openclaw');
      assert.equal(live.length, 1, 'exactly one key carries the alias');
      assert.notEqual(live[0]!.key, old, 'the key was rotated');
      assert.equal(world.heldKey('openclaw'), live[0]!.key, 'the keychain holds it');
      assert.equal(live[0]!.spend, 4.25, 'spend carried');
      assert.equal(world.server.keys().length, 1, 'no orphan or retired key left');
      assert.equal([...world.entries('ollm-pending').keys()].length, 0, 'no pending secret left');
      assert.deepEqual(readdirSync(join(stateDir(), 'rotations')).filter((n) => n.endsWith('.json')), [], 'no journal left');
      const works = await fetch(`${world.server.url}/key/info`, { headers: { authorization: `Bearer ${live[0]!.key}` } });
      assert.equal(works.status, 200, 'the held key works');
      const record = JSON.parse(readFileSync(join(stateDir(), 'rotation-record.json'), 'utf8')) as { keys: Record<string, { rotated_at?: string }> };
      const rotatedAt = record.keys[`openclaw@${world.server.url}`]?.rotated_at;
      assert.ok(rotatedAt && Date.parse(rotatedAt) >= killedAt.getTime(), `recorded as rotated (${rotatedAt})`);
      const runs = JSON.parse(readFileSync(join(stateDir(), 'schedule-runs.json'), 'utf8')) as { last_run: { results: Array<{ outcome: string }> } };
      assert.ok(['rotated', 'resumed'].includes(runs.last_run.results[0]!.outcome), runs.last_run.results[0]!.outcome);
    });
  }
});

killTest('a key not due yet whose manual rotation was killed: the job settles it as --resume would, and rotates nothing else', {}, async () => {
  const t0 = Date.now();
  assert.equal((await world.ollm(['key', 'create', ...world.storeFlags])).code, 0);
  assert.equal((await world.ollm(['login', ...world.storeFlags], { input: `${world.server.masterKey}\n` })).code, 0);
  const set = await runOllm(['schedule', 'set', '--every', '30d', '--scheduler', 'cron'], { env: world.env({ PATH: `${cron.bin}:${process.env.PATH}` }) });
  assert.equal(set.code, 0, set.stderr);
  assert.ok(await killDuring(world, ['key', 'rotate'], { method: 'POST', path: '/key/generate', when: 'after' }));
  assert.equal(readdirSync(join(stateDir(), 'rotations')).filter((n) => n.endsWith('.json')).length, 1, 'a journal was left');
  const generated = () => world.server.requests.filter((r) => r.path === '/key/generate').length;
  const before = generated();
  const run = await runAsCron(cronEntry(readFileSync(cron.table, 'utf8')).command, new Date(t0 + 2 * DAY));
  assert.equal(run.code, 0, run.stderr);
  assert.equal(generated(), before, 'no new rotation: the key is not due');
  assert.deepEqual(readdirSync(join(stateDir(), 'rotations')).filter((n) => n.endsWith('.json')), [], 'the interrupted one was settled');
  const live = world.server.keys().filter((k) => k.key_alias === 'openclaw');
  assert.equal(live.length, 1);
  assert.equal(world.heldKey('openclaw'), live[0]!.key);
  const runs = JSON.parse(readFileSync(join(stateDir(), 'schedule-runs.json'), 'utf8')) as { last_run: { results: Array<{ outcome: string; message: string }> } };
  assert.equal(runs.last_run.results[0]!.outcome, 'resumed');
});
