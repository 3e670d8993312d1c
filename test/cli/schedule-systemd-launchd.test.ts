// `ollm schedule` with systemd and launchd. Neither runs here (no user manager in the container,
// no macOS), so systemctl and launchctl are stand-ins that log their calls; the files are the
// real thing: units checked by `systemd-analyze verify --user`, the plist parsed as a plist, and
// the job each describes run as its scheduler would start it (exactly its environment) against
// the fake LiteLLM, rotating only what is due.
import { beforeEach, afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { json, openWorld, type World } from '../support/fixture.ts';
import { OLLM, runOllm } from '../support/cli.ts';
import { jobFromPlist, jobFromUnit, parsePlist, runJob, standIns, unitSettings } from '../support/schedule-job.ts';

let world: World;

beforeEach(async () => { world = await openWorld({ realKeychain: true }); });
afterEach(async () => { await world.close(); });

const DAY = 86_400_000;
const unitDir = () => join(world.home.dir, '.config', 'systemd', 'user');
const calls = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []);

async function setUp(options: { userManager?: boolean } = {}) {
  const fakes = standIns(world.home.dir, options);
  // On the real keychain where a Secret Service runs, else on the shared file store (fixture.ts).
  assert.equal((await world.ollm(['key', 'create', ...world.storeFlags])).code, 0);
  assert.equal((await world.ollm(['login', ...world.storeFlags], { input: `${world.server.masterKey}\n` })).code, 0);
  const schedule = (args: string[]) => runOllm(['schedule', ...args], { env: world.env({ PATH: `${fakes.bin}:${process.env.PATH}`, USER: 'nobody-lingers' }) });
  return { fakes, schedule };
}

/** systemd-analyze verify in user mode: it needs a runtime dir of its own, not a running manager. */
function verify(files: string[]): { status: number | null; stderr: string } {
  const runtime = join(world.home.dir, 'run');
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  const run = spawnSync('systemd-analyze', ['verify', '--user', ...files], {
    env: { PATH: process.env.PATH, HOME: world.home.dir, XDG_CONFIG_HOME: join(world.home.dir, '.config'), XDG_RUNTIME_DIR: runtime }, encoding: 'utf8', timeout: 60_000,
  });
  return { status: run.status, stderr: run.stderr };
}

const systemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

test('systemd: a user service and timer that systemd-analyze accepts; the job they describe rotates only when due; remove takes both away', { skip: !systemdAnalyze && 'no systemd-analyze' }, async () => {
  const t0 = Date.now();
  const { fakes, schedule } = await setUp();
  const set = await schedule(['set', '--every', '30d', '--scheduler', 'systemd', '--json']);
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stderr, /loginctl enable-linger/, 'the linger note, since this user has none');
  const service = join(unitDir(), 'ollm-rotate.service');
  const timer = join(unitDir(), 'ollm-rotate.timer');
  assert.deepEqual(json(set).files, [service, timer]);
  for (const file of [service, timer]) assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(calls(fakes.calls).slice(0, 3), ['systemctl --user show-environment', 'systemctl --user daemon-reload', 'systemctl --user enable --now ollm-rotate.timer']);

  const verified = verify([service, timer]);
  assert.equal(verified.status, 0, verified.stderr);
  assert.equal(verified.stderr, '', 'no unknown setting or warning');
  const timerSettings = unitSettings(readFileSync(timer, 'utf8'), 'Timer');
  assert.deepEqual([timerSettings.get('OnCalendar'), timerSettings.get('Persistent'), timerSettings.get('RandomizedDelaySec')], [['daily'], ['true'], ['1h']]);

  const text = readFileSync(service, 'utf8');
  assert.ok(!text.includes(world.server.masterKey!) && !text.includes(world.heldKey('openclaw')!), 'no secret in the unit');
  const job = jobFromUnit(text);
  assert.deepEqual(job.argv, [process.execPath, realpathSync(OLLM), 'schedule', 'run', '--every', '30d', '--grace', '1h']);
  assert.equal(job.env.DBUS_SESSION_BUS_ADDRESS, world.env().DBUS_SESSION_BUS_ADDRESS);
  assert.equal(job.env.LITELLM_MASTER_KEY, undefined);

  const old = world.heldKey('openclaw');
  const early = await runJob(job, new Date(t0 + 3 * DAY));
  assert.equal(early.code, 0, early.stderr);
  assert.match(early.stdout, /openclaw not due \(due /, 'one line per key, for the journal');
  assert.equal(world.heldKey('openclaw'), old);
  const due = await runJob(job, new Date(t0 + 30 * DAY));
  assert.equal(due.code, 0, due.stderr);
  assert.match(due.stdout, /openclaw rotated \(recreate/);
  assert.notEqual(world.heldKey('openclaw'), old);
  assert.equal(world.server.findByAlias('openclaw')!.key, world.heldKey('openclaw'));

  const show = json(await schedule(['show', '--json']));
  assert.equal(show.next_run, 'Thu 2030-01-03 00:41:12 UTC', 'as systemctl says');
  const removed = await schedule(['remove']);
  assert.equal(removed.code, 0, removed.stderr);
  assert.ok(calls(fakes.calls).includes('systemctl --user disable --now ollm-rotate.timer'));
  assert.deepEqual(readdirSync(unitDir()), []);
});

test('systemd without a user manager: says so, names --scheduler cron, and leaves nothing behind', async () => {
  const { fakes, schedule } = await setUp({ userManager: false });
  const set = await schedule(['set', '--every', '30d', '--json']);
  assert.equal(set.code, 1);
  const { error } = json(set);
  assert.equal(error.code, 'scheduler_unavailable');
  assert.match(error.message, /No systemd user manager answers here/);
  assert.match(error.hint, /--scheduler cron/);
  assert.equal(existsSync(unitDir()), false);
  assert.equal(existsSync(join(world.home.dir, '.local', 'state', 'ollm', 'schedule.json')), false);
  assert.deepEqual(calls(fakes.calls), ['systemctl --user show-environment']);
});

test('launchd: a LaunchAgent plist, daily, bootstrapped into gui/<uid>; the job it describes rotates when due; remove boots it out and deletes it', async () => {
  const t0 = Date.now();
  const { fakes, schedule } = await setUp();
  const set = await schedule(['set', '--every', '2w', '--scheduler', 'launchd']);
  assert.equal(set.code, 0, set.stderr);
  const file = join(world.home.dir, 'Library', 'LaunchAgents', 'dev.ollm.rotate.plist');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const plist = parsePlist(readFileSync(file, 'utf8')) as Record<string, any>;
  assert.equal(plist.Label, 'dev.ollm.rotate');
  assert.ok(Number.isInteger(plist.StartCalendarInterval.Hour) && Number.isInteger(plist.StartCalendarInterval.Minute));
  assert.deepEqual(Object.keys(plist.StartCalendarInterval).sort(), ['Hour', 'Minute'], 'daily: no day or weekday');
  const uid = process.getuid!();
  assert.deepEqual(calls(fakes.calls).slice(0, 3), [`launchctl print gui/${uid}`, `launchctl bootout gui/${uid}/dev.ollm.rotate`, `launchctl bootstrap gui/${uid} ${file}`]);

  const job = jobFromPlist(readFileSync(file, 'utf8'));
  assert.deepEqual(job.argv, [process.execPath, realpathSync(OLLM), 'schedule', 'run', '--every', '2w', '--grace', '1h']);
  const old = world.heldKey('openclaw');
  assert.equal((await runJob(job, new Date(t0 + 7 * DAY))).code, 0);
  assert.equal(world.heldKey('openclaw'), old, 'not due after a week');
  const due = await runJob(job, new Date(t0 + 14 * DAY));
  assert.equal(due.code, 0, due.stderr);
  assert.notEqual(world.heldKey('openclaw'), old, 'due after two weeks');

  assert.equal((await schedule(['remove'])).code, 0);
  assert.equal(existsSync(file), false);
  assert.equal(calls(fakes.calls).at(-1), `launchctl bootout gui/${uid}/dev.ollm.rotate`);
});
