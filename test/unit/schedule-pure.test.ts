// The pure parts of `ollm schedule`: when a key is due, the crontab block edits, the job's
// environment, quoting in unit files and plists, and when a run needs a person.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dueAt, isDue, lastRenewedAt } from '../../src/schedule/due.ts';
import { blockJobLine, cronBlock, withBlock, withoutBlock } from '../../src/schedule/cron-block.ts';
import { jobSpec } from '../../src/schedule/job-spec.ts';
import { serviceUnit } from '../../src/schedule/systemd-units.ts';
import { launchAgentPlist } from '../../src/schedule/launchd-plist.ts';
import { FAILED_RUNS_ALARM, needsPerson, runFailed, type ScheduleRun } from '../../src/schedule/run-record.ts';
import { cronEntry, jobFromCron, jobFromPlist, jobFromUnit } from '../support/schedule-job.ts';
import type { ProxyUrl } from '../../src/config/proxy-url.ts';

const DAY = 86_400_000;

test('due: counts from the last rotation, else ollm\'s creation record, else the proxy\'s created_at; one daily run early', () => {
  const t0 = new Date('2030-01-01T00:00:00Z');
  assert.deepEqual(lastRenewedAt({ created_at: '2030-01-01T00:00:00Z', rotated_at: '2030-01-10T00:00:00Z' }, '2029-01-01T00:00:00Z'), new Date('2030-01-10T00:00:00Z'));
  assert.deepEqual(lastRenewedAt({ created_at: '2030-01-01T00:00:00Z' }, '2029-01-01T00:00:00Z'), t0);
  assert.deepEqual(lastRenewedAt(undefined, '2029-01-01T00:00:00Z'), new Date('2029-01-01T00:00:00Z'));
  assert.equal(lastRenewedAt(undefined, null), null);
  assert.equal(isDue(null, 30 * DAY, t0), true, 'unknown age: due');
  assert.deepEqual(dueAt(t0, 30 * DAY), new Date(t0.getTime() + 29 * DAY));
  assert.equal(isDue(t0, 30 * DAY, new Date(t0.getTime() + 29 * DAY - 1)), false);
  assert.equal(isDue(t0, 30 * DAY, new Date(t0.getTime() + 29 * DAY)), true, 'the run before the key passes 30 days');
  assert.equal(isDue(t0, DAY, t0), true, '--every 1d: every daily run');
});

const job = { argv: ['/opt/node 20/bin/node', '/home/u/ollm', 'schedule', 'run', '--every', '30d', '--grace', '1h'], env: { HOME: '/home/it\'s 100% me', NO_COLOR: '1', X: 'a$b"c\\d<&>' } };

test('crontab: the block goes in once, is replaced in place, and removing it gives back the table byte for byte', () => {
  const mine = 'MAILTO=""\n# a comment\n0 * * * * run-parts /etc/hourly\n\n';
  const block = cronBlock(job, { hour: 3, minute: 7 });
  const once = withBlock(mine, block);
  assert.ok(once.startsWith(mine));
  assert.equal(withBlock(once, block), once, 'idempotent');
  const moved = withBlock(`${once}5 5 * * * later\n`, cronBlock({ ...job, argv: [...job.argv, '--alias', 'x'] }, { hour: 4, minute: 0 }));
  assert.ok(moved.endsWith('5 5 * * * later\n'), 'replaced where it was, the line after it kept');
  assert.equal(withoutBlock(once), mine);
  assert.equal(withoutBlock(mine), mine, 'no block: unchanged');
  assert.equal(withoutBlock(withBlock('', block)), '');
  assert.equal(withBlock('0 1 * * * no-newline', block).split('\n')[0], '0 1 * * * no-newline', 'a last line without newline is kept');
  assert.throws(() => withBlock(`${mine}# BEGIN ollm schedule\n`, block), /unmatched or repeated/);
  assert.throws(() => withoutBlock(`${once}${once}`), /unmatched or repeated/);
});

test('crontab: the line parses back (by the test\'s own shell-word reader) to the same argv and environment, with % escaped for cron', () => {
  const table = withBlock('', cronBlock(job, { hour: 3, minute: 7 }));
  const { fields, command } = cronEntry(table);
  assert.deepEqual(fields, ['7', '3', '*', '*', '*']);
  assert.ok(!/(^|[^\\])%/.test(command), 'no bare %');
  assert.deepEqual(jobFromCron(command), job);
  assert.equal(blockJobLine(table), table.split('\n')[2]);
});

test('systemd: ExecStart= and Environment= read back to the same argv and environment ($, %, quotes, spaces)', () => {
  assert.deepEqual(jobFromUnit(serviceUnit(job)), job);
});

test('launchd: the plist reads back to the same argv and environment (XML escapes)', () => {
  assert.deepEqual(jobFromPlist(launchAgentPlist(job, { hour: 2, minute: 30 })), job);
});

const proxy = (kind: ProxyUrl['kind']) => ({ base: 'http://proxy:4000', url: new URL('http://proxy:4000'), kind }) as ProxyUrl;

test('the job carries what it needs and never a secret', () => {
  const env = {
    HOME: '/home/u', PATH: '/home/u/bin:/usr/bin', LITELLM_MASTER_KEY: 'sk-master', LITELLM_API_KEY: 'sk-virtual', XDG_RUNTIME_DIR: '/run/user/1000',
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus', XDG_STATE_HOME: 'relative/ignored', SECRET_THING: 'x',
  };
  const base = { node: '/usr/local/bin/node', entry: '/usr/lib/ollm/dist/cli.js', everyText: '30d', grace: null, aliases: ['a'], env, openclawBin: '/home/u/.npm/bin/openclaw' };
  const spec = jobSpec({ ...base, proxy: proxy('env') });
  assert.deepEqual(spec.argv, ['/usr/local/bin/node', '/usr/lib/ollm/dist/cli.js', 'schedule', 'run', '--every', '30d', '--grace', 'none', '--alias', 'a']);
  assert.deepEqual(spec.env, {
    HOME: '/home/u', XDG_RUNTIME_DIR: '/run/user/1000', LITELLM_PROXY_URL: 'http://proxy:4000', OLLM_OPENCLAW_BIN: '/home/u/.npm/bin/openclaw',
    PATH: '/usr/local/bin:/usr/bin:/bin', NO_COLOR: '1',
  }, 'the default bus address is left to XDG_RUNTIME_DIR; nothing else of the caller\'s leaks in');
  const other = jobSpec({ ...base, env: { ...env, DBUS_SESSION_BUS_ADDRESS: 'unix:abstract=/tmp/dbus-X,guid=1' }, proxy: proxy('config') });
  assert.equal(other.env.DBUS_SESSION_BUS_ADDRESS, 'unix:abstract=/tmp/dbus-X,guid=1', 'a bus elsewhere is carried');
  assert.equal(other.env.LITELLM_PROXY_URL, undefined, 'a proxy from the config file is read by the job itself');
});

const run = (results: ScheduleRun['results'], error?: ScheduleRun['error']): ScheduleRun => ({ started_at: '', finished_at: '', results, ...(error ? { error } : {}) });

test('a run needs a person when a key failed for good, or after FAILED_RUNS_ALARM failed runs in a row; a deferral alone does not', () => {
  const deferred = run([{ alias: 'a', outcome: 'deferred', message: 'keychain locked' }]);
  assert.equal(runFailed(deferred), true);
  assert.equal(needsPerson(deferred, 1), false);
  assert.equal(needsPerson(deferred, FAILED_RUNS_ALARM), true);
  assert.equal(needsPerson(run([{ alias: 'a', outcome: 'failed', message: 'x' }]), 1), true);
  assert.equal(needsPerson(run([{ alias: 'a', outcome: 'rotated', problems: ['config not rewritten'] }]), 1), true);
  assert.equal(needsPerson(run([], { message: 'no credential', deferred: false }), 1), true);
  const clean = run([{ alias: 'a', outcome: 'rotated' }, { alias: 'b', outcome: 'not-due' }]);
  assert.equal(runFailed(clean), false);
  assert.equal(needsPerson(clean, 0), false);
});
