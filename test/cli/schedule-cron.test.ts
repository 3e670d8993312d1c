// `ollm schedule` with cron: the block in the crontab (every other line kept exactly), and the job
// line run the way cron runs it — /bin/sh -c, cron's tiny environment, `env -i` plus only what the
// job carries — against the fake LiteLLM on the real keychain (without a Secret Service: the shared
// file store, fixture.ts), rotating exactly the keys that are due. Time moves by OLLM_TEST_NOW (test-only, read by main.ts), set inside the job's `env -i`.
import { beforeEach, afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, openWorld, type World } from '../support/fixture.ts';
import { OLLM, needsSecretService, runOllm } from '../support/cli.ts';
import { cronEntry, jobFromCron, runAsCron, standIns } from '../support/schedule-job.ts';

let world: World;
let cron: ReturnType<typeof standIns>;

beforeEach(async () => {
  world = await openWorld({ realKeychain: true });
  cron = standIns(world.home.dir);
});
afterEach(async () => { await world.close(); });

const DAY = 86_400_000;
const stateDir = () => join(world.home.dir, '.local', 'state', 'ollm');
const withStandIns = () => world.env({ PATH: `${cron.bin}:${process.env.PATH}` });
/** `schedule set` spawned: the job it writes names the running ollm's own entry file, which must be bin/ollm. */
const schedule = (args: string[]) => runOllm(['schedule', ...args], { env: withStandIns() });

async function createAndLogIn(aliases: string[]): Promise<void> {
  for (const alias of aliases) assert.equal((await world.ollm(['key', 'create', '--alias', alias, ...world.storeFlags])).code, 0);
  const login = await world.ollm(['login', ...world.storeFlags], { input: `${world.server.masterKey}\n` });
  assert.equal(login.code, 0, login.stderr);
}

const OTHER_LINES = '# my jobs\nMAILTO=me@example.com\n*/5 * * * * /usr/local/bin/backup --tag 50\\% >/dev/null 2>&1\n\n@reboot echo hi\n';

test('set writes one marked block and keeps every other line exactly; set again replaces it; remove leaves the rest as it was', async () => {
  await createAndLogIn(['openclaw']);
  writeFileSync(cron.table, OTHER_LINES);
  const set = await schedule(['set', '--every', '30d', '--scheduler', 'cron', '--json']);
  assert.equal(set.code, 0, set.stderr);
  const table = readFileSync(cron.table, 'utf8');
  assert.ok(table.startsWith(OTHER_LINES), 'the user\'s lines come first, unchanged');
  const { fields, command } = cronEntry(table);
  assert.equal(fields.slice(2).join(' '), '* * *', 'daily');
  const job = jobFromCron(command);
  assert.deepEqual(job.argv.slice(0, 2), [process.execPath, realpathSync(OLLM)], 'absolute node and ollm entry');
  assert.deepEqual(job.argv.slice(2), ['schedule', 'run', '--every', '30d', '--grace', '1h']);
  assert.equal(job.env.HOME, world.home.dir);
  assert.equal(job.env.LITELLM_PROXY_URL, world.server.url);
  assert.equal(job.env.DBUS_SESSION_BUS_ADDRESS, world.env().DBUS_SESSION_BUS_ADDRESS, 'a non-default bus is carried');
  assert.equal(job.env.LITELLM_MASTER_KEY, undefined);
  assert.ok(!table.includes(world.server.masterKey!), 'no master key in the crontab');
  assert.ok(!table.includes(world.heldKey('openclaw')!), 'no virtual key in the crontab');

  assert.equal((await schedule(['set', '--every', '1w', '--alias', 'openclaw', '--scheduler', 'cron'])).code, 0);
  const replaced = readFileSync(cron.table, 'utf8');
  assert.equal(replaced.split('# BEGIN ollm schedule').length, 2, 'one block, replaced in place');
  assert.deepEqual(jobFromCron(cronEntry(replaced).command).argv.slice(2), ['schedule', 'run', '--every', '1w', '--grace', '1h', '--alias', 'openclaw']);

  const other = await schedule(['set', '--every', '30d', '--scheduler', 'systemd', '--json']);
  assert.equal(other.code, 1);
  assert.equal(json(other).error.code, 'schedule_other_scheduler', 'a second scheduler is refused while one is installed');

  const removed = await schedule(['remove', '--json']);
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal(readFileSync(cron.table, 'utf8'), OTHER_LINES, 'byte for byte what was there before');
  assert.equal(existsSync(join(stateDir(), 'schedule.json')), false);
  assert.equal(json(await schedule(['show', '--json'])).installed, false);
});

test('no crontab yet: the block is the whole table, and remove leaves an empty one', async () => {
  await createAndLogIn(['openclaw']);
  assert.equal((await schedule(['set', '--every', '30d', '--scheduler', 'cron'])).code, 0);
  assert.match(readFileSync(cron.table, 'utf8'), /^# BEGIN ollm schedule\n/);
  assert.equal((await schedule(['remove'])).code, 0);
  assert.equal(readFileSync(cron.table, 'utf8'), '');
});

// Where no keychain can be asked, `schedule set` cannot tell that it holds no credential and says
// so (keychain_unavailable) instead: this one needs the real keychain.
test('set refuses without a saved credential, and writes nothing', needsSecretService, async () => {
  assert.equal((await world.ollm(['key', 'create', ...world.storeFlags])).code, 0);
  const set = await schedule(['set', '--every', '30d', '--scheduler', 'cron', '--json']);
  assert.equal(set.code, 1);
  assert.equal(json(set).error.code, 'schedule_needs_login');
  assert.match(json(set).error.message, /LITELLM_MASTER_KEY is set here, but a secret is never written into a job/);
  assert.equal(existsSync(cron.table), false);
  assert.equal(existsSync(join(stateDir(), 'schedule.json')), false);
});

test('bad input: a clear message, exit 2, nothing written', async () => {
  for (const [args, message] of [
    [['--every', '12h'], /shorter than a day/],
    [['--every', 'monthly'], /not a duration/],
    [[], /--every is required/],
    [['--every', '30d', '--grace', 'soon'], /--grace "soon" is not a duration/],
    [['--every', '30d', '--scheduler', 'at'], /scheduler/],
    [['--every', '30d', '--all', '--alias', 'openclaw'], /--all and --alias/],
  ] as Array<[string[], RegExp]>) {
    const result = await schedule(['set', ...args, ...(args.includes('--scheduler') ? [] : ['--scheduler', 'cron'])]);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
  assert.equal(existsSync(cron.table), false);
});

test('the job run as cron runs it rotates exactly the keys that are due, and records each run', async () => {
  const t0 = Date.now();
  await createAndLogIn(['openclaw', 'laptop']);
  assert.equal((await schedule(['set', '--every', '30d', '--grace', 'none', '--scheduler', 'cron'])).code, 0);
  const { command } = cronEntry(readFileSync(cron.table, 'utf8'));
  const keys = () => ({ openclaw: world.server.findByAlias('openclaw')!.key, laptop: world.server.findByAlias('laptop')!.key });
  const first = keys();

  const early = await runAsCron(command, new Date(t0 + 10 * DAY));
  assert.equal(early.code, 0, early.stderr);
  assert.deepEqual(keys(), first, 'nothing is due after 10 days');
  assert.equal(early.stdout, '', 'cron gets no output unless a person is needed');

  const due = await runAsCron(command, new Date(t0 + 30 * DAY));
  assert.equal(due.code, 0, due.stderr);
  const second = keys();
  assert.notEqual(second.openclaw, first.openclaw);
  assert.notEqual(second.laptop, first.laptop);
  assert.equal(world.heldKey('openclaw'), second.openclaw, 'the keychain holds the new key');
  assert.equal(world.server.keys().length, 2, `the old keys are gone (--grace none): ${readFileSync(join(stateDir(), "schedule.log"), "utf8")}`);

  // One key rotated by hand later: from then on it counts from that rotation, the other does not.
  const byHand = await runOllm(['key', 'rotate', '--alias', 'laptop'], { env: { ...world.env(), OLLM_TEST_NOW: new Date(t0 + 45 * DAY).toISOString() } });
  assert.equal(byHand.code, 0, byHand.stderr);
  const third = keys();
  const later = await runAsCron(command, new Date(t0 + 60 * DAY));
  assert.equal(later.code, 0, later.stderr);
  assert.notEqual(keys().openclaw, third.openclaw, 'due: 30 days since the job rotated it');
  assert.equal(keys().laptop, third.laptop, 'not due: rotated by hand 15 days ago');

  const show = json(await schedule(['show', '--json']));
  assert.equal(show.scheduler, 'cron');
  assert.deepEqual(show.last_run.results.map((r: { alias: string; outcome: string }) => [r.alias, r.outcome]), [['laptop', 'not-due'], ['openclaw', 'rotated']]);
  assert.equal(show.failed_runs, 0);
  const log = readFileSync(join(stateDir(), 'schedule.log'), 'utf8').trim().split('\n');
  assert.equal(log.length, 6, 'one line per key and run');
  assert.match(log.at(-1)!, / openclaw rotated \(recreate, old sk-…[\w-]{4} → new sk-…[\w-]{4}\)$/);
  for (const file of ['schedule.log', 'schedule-runs.json', 'rotation-record.json', 'schedule.json']) {
    assert.equal(statSync(join(stateDir(), file)).mode & 0o777, 0o600, file);
    const text = readFileSync(join(stateDir(), file), 'utf8');
    for (const secret of [world.server.masterKey!, ...Object.values(keys())]) assert.ok(!text.includes(secret), `no secret in ${file}`);
  }
});

test('a locked-out run is deferred, not an alarm; three such runs in a row need a person (exit 1)', async () => {
  const t0 = Date.now();
  await createAndLogIn(['openclaw']);
  assert.equal((await schedule(['set', '--every', '30d', '--scheduler', 'cron'])).code, 0);
  const { command } = cronEntry(readFileSync(cron.table, 'utf8'));
  await world.server.close(); // the proxy is away: each run is deferred
  const doctorSays = async () => (json(await world.ollm(['doctor', '--json'], { env: world.env({ OLLM_OPENCLAW_BIN: '' }) })).checks as Array<{ id: string; status: string; message: string; fix: string | null }>).find((c) => c.id === 'schedule')!;
  assert.equal((await doctorSays()).status, 'ok', 'installed, no run yet');
  for (const [day, code, doctor] of [[31, 0, 'warn'], [32, 0, 'warn'], [33, 1, 'fail']] as const) {
    const run = await runAsCron(command, new Date(t0 + day * DAY));
    assert.equal(run.code, code, `day ${day}: ${run.stderr}`);
    if (code) assert.match(run.stderr, /needs you\. The last 3 runs left keys unrotated/);
    // On the file store every read of it is announced; nothing else may be said.
    else assert.equal(run.stderr.replace(/^warning: key read from the plain-text file .*\n/gm, ''), '');
    const check = await doctorSays();
    assert.equal(check.status, doctor, `day ${day}: ${check.message}`);
    assert.ok(check.fix, 'with a fix');
  }
  const check = await doctorSays();
  assert.match(check.message, /The last 3 runs left keys unrotated: .*(reach|connect|refused)/i, 'with the reason');
  const show = json(await schedule(['show', '--json']));
  assert.equal(show.failed_runs, 3);
  assert.equal(show.last_run.error.deferred, true);
});
