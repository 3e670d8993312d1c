// What test/run.ts prints last about skips: every skipped test (and skipped suite, whose tests
// Node 20 neither runs nor counts) grouped by reason, in one line such as
// `skipped: 42 (no Secret Service: 40; fish is not installed: 2)`. The reporter is
// skip-summary-reporter.mjs, which runs collectSkips over node:test's events.

interface SkipEvent {
  type: string;
  data: { name: string; skip?: string | boolean; details?: { type?: string } };
}

/** `no Secret Service: missing dbus-daemon…` and `…: simulated` group as `no Secret Service`. */
export function skipGroup(skip: string | boolean): string {
  if (typeof skip !== 'string' || !skip.trim()) return 'no reason given';
  return skip.split(': ')[0]!.trim();
}

/** The summary line for what was skipped: tests, and suites skipped whole, by reason. */
export function skipSummary(skips: ReadonlyArray<{ skip: string | boolean; suite: boolean }>): string {
  if (skips.length === 0) return 'skipped: 0';
  const groups = new Map<string, { tests: number; suites: number }>();
  for (const { skip, suite } of skips) {
    const group = groups.get(skipGroup(skip)) ?? { tests: 0, suites: 0 };
    if (suite) group.suites++;
    else group.tests++;
    groups.set(skipGroup(skip), group);
  }
  const count = (tests: number, suites: number) => [
    ...(tests || !suites ? [String(tests)] : []),
    ...(suites ? [`${suites} whole suite${suites === 1 ? '' : 's'}`] : []),
  ].join(' + ');
  const total = [...groups.values()].reduce((sum, g) => ({ tests: sum.tests + g.tests, suites: sum.suites + g.suites }), { tests: 0, suites: 0 });
  const parts = [...groups].sort(([, a], [, b]) => b.tests + b.suites - (a.tests + a.suites)).map(([reason, g]) => `${reason}: ${count(g.tests, g.suites)}`);
  return `skipped: ${count(total.tests, total.suites)} (${parts.join('; ')})`;
}

/** The reporter's body: node:test events in, the summary line out once the run is over. */
export async function* collectSkips(source: AsyncIterable<SkipEvent>): AsyncGenerator<string> {
  const skips: Array<{ skip: string | boolean; suite: boolean }> = [];
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.skip !== undefined && event.data.skip !== false) {
      skips.push({ skip: event.data.skip, suite: event.data.details?.type === 'suite' });
    }
  }
  yield `${skipSummary(skips)}\n`;
}
