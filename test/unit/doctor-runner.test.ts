// The doctor's runner: checks start when what they need has settled, independent ones run at
// the same time, a failed need skips its dependants (a skipped one does not), results keep the
// list's order, and the doctor's own list is well-formed and in the order its JSON promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../src/errors.ts';
import { defineCheck, factCache, type DoctorCheckSpec } from '../../src/doctor/check.ts';
import { DOCTOR_CHECKS, doctorChecksFor } from '../../src/composition/doctor-checks.ts';
import { assistantFor } from '../../src/composition/assistants.ts';
import { runChecks } from '../../src/doctor/runner.ts';
import { fail, ok, skip, type CheckResult } from '../../src/doctor/report.ts';

type Log = string[];
const check = (id: string, needs: string[], run: (log: Log, needs: ReadonlyMap<string, CheckResult>) => Promise<CheckResult>, whenNeedFails?: string): DoctorCheckSpec<Log> =>
  defineCheck<Log>({ id, title: id.toUpperCase(), needs, whenNeedFails, run: (log, n) => run(log, n) });

/** A promise and the function that settles it. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => { open = resolve; });
  return { promise, open };
}

test('a check starts only after what it needs has settled, and sees its results', async () => {
  const log: Log = [];
  const b = gate();
  const bStarted = gate();
  const checks = [
    check('a', ['b'], async (l, needs) => { l.push(`a sees b=${needs.get('b')?.status}`); return ok('a'); }),
    check('b', [], async (l) => { l.push('b starts'); bStarted.open(); await b.promise; l.push('b ends'); return ok('b'); }),
  ];
  const running = runChecks(checks, log);
  await bStarted.promise;
  assert.deepEqual(log, ['b starts'], 'a waits for b');
  b.open();
  const results = await running;
  assert.deepEqual(log, ['b starts', 'b ends', 'a sees b=ok']);
  assert.deepEqual(results.map((r) => r.id), ['a', 'b'], 'results in list order, not finishing order');
});

test('independent checks run at the same time', { timeout: 10_000 }, async () => {
  // Each waits until both have started: run one after the other, this would never finish.
  const both = gate();
  let started = 0;
  const waitForBoth = async (log: Log, id: string) => {
    log.push(`${id} starts`);
    if (++started === 2) both.open();
    await both.promise;
    return ok(id);
  };
  const progress: number[] = [];
  const results = await runChecks([check('x', [], (l) => waitForBoth(l, 'x')), check('y', [], (l) => waitForBoth(l, 'y'))], [], { onProgress: (done, total) => progress.push(done * 10 + total) });
  assert.deepEqual(results.map((r) => r.status), ['ok', 'ok']);
  assert.deepEqual(progress, [12, 22], 'progress counts every check once');
});

test('a failed need skips its dependants (with their reason, or the need\'s title); a skipped need does not', async () => {
  const ran: Log = [];
  const results = await runChecks([
    check('proxy', [], async () => fail('down', 'start it')),
    check('master', ['proxy'], async (l) => { l.push('master'); return ok('m'); }, 'The proxy is not reachable.'),
    check('budget', ['proxy'], async (l) => { l.push('budget'); return ok('b'); }),
    check('optional', [], async () => skip('not here')),
    check('after-optional', ['optional'], async (l) => { l.push('after-optional'); return ok('ran'); }),
    check('after-master', ['master'], async (l) => { l.push('after-master'); return ok('ran'); }),
  ], ran);
  const byId = Object.fromEntries(results.map((r) => [r.id, r]));
  assert.deepEqual(byId.master, { id: 'master', status: 'skip', message: 'The proxy is not reachable.', fix: null });
  assert.equal(byId.budget!.message, 'Not checked: PROXY failed (see above).');
  assert.equal(byId['after-optional']!.status, 'ok');
  assert.equal(byId['after-master']!.status, 'ok', 'a need that was skipped (not failed) lets its dependant run');
  assert.deepEqual(ran.sort(), ['after-master', 'after-optional'], 'the skipped checks never ran');
});

test('a UserError is that check\'s failure; a bug is thrown', async () => {
  const results = await runChecks([check('file', [], async () => { throw new UserError('Cannot read x.', { code: 'unreadable', hint: 'chmod 600 x' }); })], []);
  assert.deepEqual(results[0], { id: 'file', status: 'fail', message: 'Cannot read x.', fix: 'chmod 600 x' });
  await assert.rejects(runChecks([check('bug', [], async () => { throw new TypeError('oops'); })], []), TypeError);
});

test('a need that is not in the list, a circle of needs and a repeated id are refused', async () => {
  await assert.rejects(runChecks([check('a', ['nope'], async () => ok(''))], []), /needs "nope", which is not in the list/);
  await assert.rejects(runChecks([check('a', ['b'], async () => ok('')), check('b', ['a'], async () => ok(''))], []), /in a circle: a → b → a/);
  await assert.rejects(runChecks([check('a', [], async () => ok('')), check('a', [], async () => ok(''))], []), /Two doctor checks have the id "a"/);
});

test('a fact is made once, however many checks ask', async () => {
  const fact = factCache();
  let made = 0;
  const make = async () => ++made;
  assert.deepEqual(await Promise.all([fact('n', make), fact('n', make), fact('m', make)]), [1, 1, 2]);
});

test('the doctor\'s list: unique ids, needs in the list, titles, and the order `--json` has always had', () => {
  const ids = DOCTOR_CHECKS.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const c of DOCTOR_CHECKS) {
    assert.ok(c.title, c.id);
    for (const need of c.needs) assert.ok(ids.includes(need), `${c.id} needs ${need}`);
  }
  // What `ollm doctor` (OpenClaw, the default assistant) lists; other assistants add their own checks beside these.
  assert.deepEqual(doctorChecksFor(assistantFor(undefined)).map((c) => c.id), [
    'proxy', 'master-key', 'stored-key', 'budget', 'keychain', 'openclaw-config', 'openclaw-valid', 'openclaw-provider',
    'openclaw-default-model', 'openclaw-key', 'legacy-env', 'env-refs', 'profile-block', 'file-modes', 'exec-provider', 'schedule',
  ]);
});
