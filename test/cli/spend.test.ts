// `ollm spend` against the server: daily spend from /spend/logs (master key), the /key/info
// fallback without it, the chart on a terminal and on a pipe, and the projection.
import { beforeEach, afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { json, needsProcess, openWorld, spawnedTest, type World } from '../support/fixture.ts';
import { needsSecretService } from '../support/cli.ts';
import { runInTerminal } from '../support/terminal.ts';

const DAY = 86_400_000;
let world: World;

beforeEach(async (t) => { world = await openWorld({ spawned: needsProcess(t) }); });
afterEach(async () => { await world.close(); });

/** `YYYY-MM-DD` of the UTC day `offset` days from today. */
function day(offset: number): string {
  return new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
}

/** Noon UTC of that day, or a minute after midnight for today (which may not have reached noon yet). */
function timeOn(offset: number): Date {
  return offset === 0 ? new Date(`${day(0)}T00:01:00Z`) : new Date(`${day(offset)}T12:00:00Z`);
}

async function createKey(args: string[] = ['--budget', '50', '--monthly']): Promise<string> {
  const result = await world.ollm(['key', 'create', '--write', 'none', ...args]);
  assert.equal(result.code, 0, result.stderr);
  return world.server.keys().at(-1)!.key;
}

/** Spend on these days back from today (0 = today), split between two models 3:1. */
function seed(key: string, spendByOffset: Record<number, number>): void {
  for (const [offset, amount] of Object.entries(spendByOffset)) {
    world.server.addSpendLog({ api_key: key, spend: amount * 0.75, model: 'claude-sonnet-4-6', startTime: timeOn(Number(offset)) });
    world.server.addSpendLog({ api_key: key, spend: amount * 0.25, model: 'gpt-4o', startTime: timeOn(Number(offset)) });
  }
}

const chartLine = /^\d{2}-\d{2} (Mon|Tue|Wed|Thu|Fri|Sat|Sun) /;

test('spend --json: every day of the window, today included, models, and the request LiteLLM needs', async () => {
  const key = await createKey();
  seed(key, { 0: 2, [-3]: 4, [-29]: 1, [-30]: 100 });
  const other = world.server.addKey({ key_alias: 'other' });
  world.server.addSpendLog({ api_key: other.key, spend: 50, model: 'gpt-4o', startTime: timeOn(-3) });
  world.server.setSpend(key, 7);

  const result = await world.ollm(['spend', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const report = json(result);
  assert.equal(report.source, 'spend_logs');
  assert.equal(report.key_alias, 'openclaw');
  assert.deepEqual(report.window, { start: day(-29), end: day(0), days: 30 });
  assert.equal(report.days.length, 30);
  assert.deepEqual(report.days.map((d: { date: string }) => d.date), Array.from({ length: 30 }, (_, i) => day(i - 29)));
  const spendOn = (offset: number) => report.days.find((d: { date: string }) => d.date === day(offset))?.spend;
  assert.equal(spendOn(0), 2, 'today counts although LiteLLM almost excludes its end date');
  assert.equal(spendOn(-3), 4, 'another key\'s spend on the same day is not counted');
  assert.equal(spendOn(-29), 1);
  assert.equal(spendOn(-1), 0, 'a day without rows is zero');
  assert.equal(report.total, 7, 'the day before the window is left out');
  assert.equal(report.today, 2);
  assert.deepEqual(report.models, [{ model: 'claude-sonnet-4-6', spend: 5.25 }, { model: 'gpt-4o', spend: 1.75 }]);
  assert.equal(report.period_spend, 7);
  assert.equal(report.max_budget, 50);
  assert.equal(report.remaining_budget, 43);
  assert.equal(report.budget_duration, '1mo');
  assert.equal(report.note, null);

  const asked = world.server.requests.filter((r) => r.path === '/spend/logs');
  assert.equal(asked.length, 1);
  assert.equal(asked[0]!.authKey, world.server.masterKey, 'spend logs are read with the master key');
  assert.equal(asked[0]!.query.api_key, world.server.findByKey(key)!.token, 'by the key\'s hash, never the key itself');
  assert.equal(asked[0]!.query.start_date, day(-29));
  assert.equal(asked[0]!.query.end_date, day(1));
  assert.ok(!result.stdout.includes(key));
});

test('the projection: the day a budget without a period runs out at the logged rate', async () => {
  const key = await createKey(['--budget', '100']); // no period: the budget never resets
  seed(key, Object.fromEntries(Array.from({ length: 30 }, (_, i) => [-i, 2]))); // $60 in 30 days
  world.server.setSpend(key, 80); // $20 left

  const result = await world.ollm(['spend', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const { projection } = json(result);
  // $60 over 29–30 days (today is not over): $2.00–$2.07 a day, so $20 lasts 9.7–10 days.
  assert.ok(projection.daily_rate >= 2 && projection.daily_rate <= 60 / 29, String(projection.daily_rate));
  assert.equal(projection.rate_basis, 'spend_logs');
  assert.equal(projection.rate_since, `${day(-29)}T00:00:00.000Z`, 'history older than the key: the whole window counts');
  assert.equal(projection.status, 'runs_out');
  assert.ok([day(9), day(10)].includes(projection.runs_out_on), projection.runs_out_on);
  assert.equal(projection.lasts_period, false);

  const human = await world.ollm(['spend']);
  assert.match(human.stdout, new RegExp(`Outlook\\s+at this rate the budget runs out on ${projection.runs_out_on} \\(in \\d+ days\\) \\(it never resets\\)`));
});

test('on a pipe: # bars, no escape codes, the model table and the outlook', async () => {
  const key = await createKey();
  seed(key, { 0: 1, [-1]: 4, [-2]: 2 });
  world.server.setSpend(key, 7);

  const result = await world.ollm(['spend', '--days', '7']);
  assert.equal(result.code, 0, result.stderr);
  const out = result.stdout;
  assert.doesNotMatch(out, /\u001b/, 'no escape codes on a pipe');
  assert.doesNotMatch(out, /[█▏▎▍▌▋▊▉]/, 'no block characters on a pipe');
  assert.match(out, new RegExp(`Spend of "openclaw", last 7 days \\(${day(-6)} to ${day(0)}, UTC\\)`));
  const lines = out.split('\n').filter((line) => chartLine.test(line));
  assert.equal(lines.length, 7);
  const bars = lines.map((line) => /^\S+ \S+ {2}(#*)/.exec(line)![1]!.length);
  assert.equal(bars[5], 40, 'the largest day fills the width');
  assert.equal(bars[4], 20, 'half of it is half as long');
  assert.equal(bars[6], 10);
  assert.deepEqual(bars.slice(0, 4), [0, 0, 0, 0]);
  assert.match(lines[6]!, /\$1\.00 {2}today, so far$/);
  assert.match(lines[0]!, /\$0\.00$/);
  assert.match(out, /^claude-sonnet-4-6\t\$5\.25\t75\.0 %$/m, 'the model table: tab-separated rows on a pipe');
  assert.match(out, /^gpt-4o\t\$1\.75\t25\.0 %$/m);
  assert.ok(out.indexOf('claude-sonnet-4-6') < out.indexOf('gpt-4o'), 'sorted by spend');
  assert.match(out, /Total\s+\$7\.00 in 7 days/);
  assert.match(out, /Today\s+\$1\.00 so far \(2\.0 % of the budget\)/);
  assert.match(out, /This period\s+\$7\.00 of \$50\.00 \(14\.0 %\), \$43\.00 left/);
  assert.match(out, /Resets\s+monthly, next \d{4}-\d{2}-01 00:00 UTC/);
  assert.match(out, /Daily average\s+\$\d+\.\d{2}, averaged since/);
  assert.match(out, /Outlook\s+at this rate the budget (lasts the period|runs out on)/);

  const quiet = await world.ollm(['spend', '--days', '7', '--quiet']);
  assert.equal(quiet.code, 0);
  assert.equal(quiet.stdout, '', '--quiet: a report like key info, so nothing but errors');
});

spawnedTest('under a pseudo-terminal: coloured block bars and a usage bar; NO_COLOR keeps blocks but drops colour', needsSecretService, async () => {
  const key = await createKey();
  seed(key, { [-1]: 4, [-2]: 2 });
  world.server.setSpend(key, 6);

  const result = await runInTerminal(['spend', '--days', '5'], world.env(), { columns: 100 });
  assert.equal(result.code, 0, result.stdout);
  const lines = result.stdout.split(/\r?\n/).filter((line) => chartLine.test(line.replace(/\u001b\[[0-9;]*m/g, '')));
  assert.equal(lines.length, 5);
  assert.match(lines[3]!, /\u001b\[36m█{48}\u001b\[39m/, 'the largest day: a full cyan bar as wide as the terminal allows');
  assert.match(lines[2]!, /\u001b\[36m█{24}\u001b\[39m/);
  assert.doesNotMatch(result.stdout, /#{2,}/, 'no ASCII bars on a terminal');
  assert.match(result.stdout, /\u001b\[32m█+\u001b\[39m/, 'a green usage bar for the period');

  const plain = await runInTerminal(['spend', '--days', '5'], world.env({ NO_COLOR: '1' }), { columns: 100 });
  assert.equal(plain.code, 0, plain.stdout);
  assert.match(plain.stdout, /█{48}/);
  assert.doesNotMatch(plain.stdout, /\u001b\[3\dm/, 'no colour codes');
});

test('--by day shows only the chart, --by model only the table', async () => {
  const key = await createKey();
  seed(key, { 0: 1, [-2]: 1 }); // logged before the key's creation: the whole window is shown
  const byDay = await world.ollm(['spend', '--by', 'day', '--days', '3']);
  assert.equal(byDay.code, 0, byDay.stderr);
  assert.equal(byDay.stdout.split('\n').filter((line) => chartLine.test(line)).length, 3);
  assert.doesNotMatch(byDay.stdout, /Model/);
  const byModel = await world.ollm(['spend', '--by', 'model', '--days', '3']);
  assert.equal(byModel.code, 0, byModel.stderr);
  assert.equal(byModel.stdout.split('\n').filter((line) => chartLine.test(line)).length, 0);
  assert.match(byModel.stdout, /^\S+\t\$\S+\t[\d.]+ %$/m);
  assert.match(byModel.stdout, /Outlook/);
});

test('without a master key: the totals from /key/info, an estimated rate, and why there is no daily detail', async () => {
  const key = await createKey();
  seed(key, { [-1]: 4 });
  world.server.setSpend(key, 4);
  const env = world.env({ LITELLM_MASTER_KEY: undefined });
  const before = world.server.requests.length;

  const result = await world.ollm(['spend', '--json'], { env });
  assert.equal(result.code, 0, result.stderr);
  const report = json(result);
  assert.equal(report.source, 'key_info');
  assert.deepEqual([report.days, report.models, report.total, report.today, report.window], [[], [], null, null, null]);
  assert.equal(report.period_spend, 4);
  assert.equal(report.max_budget, 50);
  assert.equal(report.projection.rate_basis, 'period_average');
  assert.ok(report.projection.daily_rate > 0 && report.projection.daily_rate <= 4, 'at most $4 over at least a day');
  assert.match(report.note, /master key/);
  assert.equal(world.server.requests.filter((r) => r.path === '/spend/logs').length, 0);
  const asked = world.server.requests.slice(before);
  assert.deepEqual(asked.map((r) => [r.path, r.authKey === key]), [['/key/info', true]], 'only /key/info, asked with the key itself');

  const human = await world.ollm(['spend'], { env });
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /Spend of "openclaw" \(totals from \/key\/info\)/);
  assert.match(human.stdout, /This period\s+\$4\.00 of \$50\.00/);
  assert.match(human.stdout, /Daily average\s+≈ \$\d+\.\d{2}, estimated/);
  assert.match(human.stdout, /needs the master key: run `ollm login`, or set LITELLM_MASTER_KEY/);
  assert.equal(human.stdout.split('\n').filter((line) => chartLine.test(line)).length, 0);
});

test('a key not held here is found by alias and its logs asked for by its hash', async () => {
  const seeded = world.server.addKey({ key_alias: 'elsewhere', max_budget: null, created_at: new Date(Date.now() - 60 * DAY).toISOString() });
  world.server.addSpendLog({ api_key: seeded.key, spend: 3, model: 'gpt-4o', startTime: timeOn(-2) });
  const result = await world.ollm(['spend', '--alias', 'elsewhere', '--days', '10', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const report = json(result);
  assert.equal(report.total, 3);
  assert.equal(report.max_budget, null);
  assert.equal(report.projection.status, 'no_limit');
  assert.equal(report.projection.runs_out_on, null);
  assert.equal(world.server.requests.find((r) => r.path === '/spend/logs')?.query.api_key, seeded.token);
  const human = await world.ollm(['spend', '--alias', 'elsewhere', '--days', '10']);
  assert.match(human.stdout, /This period\s+\$0\.00 \(no budget limit\)/);
  assert.match(human.stdout, /Outlook\s+no budget limit, so it cannot run out/);
});

test('no spend at all: said plainly, with no chart and no division by zero', async () => {
  await createKey();
  const result = await world.ollm(['spend', '--days', '14']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Spend of "openclaw", since the key was created \(today, \d{4}-\d{2}-\d{2}, UTC\)/, 'a key created today has no 14 days to show');
  assert.match(result.stdout, /No spend logged today\./);
  assert.match(result.stdout, /Outlook\s+nothing spent, so the budget is not being used up/);
  assert.doesNotMatch(result.stdout, /NaN|Infinity/);
  const report = json(await world.ollm(['spend', '--days', '14', '--json']));
  assert.deepEqual([report.total, report.projection.status, report.projection.daily_rate, report.projection.lasts_period], [0, 'no_spend', 0, true]);
});

test('a used-up budget says requests fail until the reset', async () => {
  const key = await createKey(['--budget', '5', '--monthly']);
  seed(key, { 0: 5.5 });
  world.server.setSpend(key, 5.5);
  const result = await world.ollm(['spend', '--days', '2']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Outlook\s+the budget is used up; LiteLLM refuses requests until the reset on \d{4}-\d{2}-01/);
  assert.equal(json(await world.ollm(['spend', '--json'])).projection.status, 'used_up');
});

test('--days must be a whole number from 1 to 365; --by only day or model', async () => {
  for (const days of ['0', '366', '1.5', 'many']) {
    const result = await world.ollm(['spend', '--days', days]);
    assert.equal(result.code, 2, `--days ${days}: ${result.stderr}`);
    assert.match(result.stderr, /--days .* is not a whole number of days from 1 to 365/);
  }
  const by = await world.ollm(['spend', '--by', 'week']);
  assert.equal(by.code, 2);
  assert.match(by.stderr, /week/);
  assert.equal(world.server.requests.length, 0, 'nothing asked of the proxy');
});

test('the server, like LiteLLM, matches api_key as given within a date range: only the hash finds the rows', async () => {
  const seeded = world.server.addKey({ key_alias: 'k' });
  world.server.addSpendLog({ api_key: seeded.key, spend: 1, startTime: timeOn(0) });
  const ask = async (apiKey: string) => {
    const url = `${world.server.url}/spend/logs?api_key=${apiKey}&start_date=${day(-1)}&end_date=${day(1)}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${world.server.masterKey}` } });
    return (await response.json()) as Array<{ spend: number }>;
  };
  assert.deepEqual(await ask(seeded.key), []);
  assert.equal((await ask(seeded.token)).reduce((sum, d) => sum + d.spend, 0), 1);
});

test('a key created inside the window: the report starts on its creation day', async () => {
  const seeded = world.server.addKey({ key_alias: 'young', max_budget: 50, created_at: new Date(`${day(-3)}T09:00:00Z`).toISOString() });
  world.server.addSpendLog({ api_key: seeded.key, spend: 2, model: 'gpt-4o', startTime: timeOn(-2) });
  world.server.setSpend(seeded.key, 2);
  const report = json(await world.ollm(['spend', '--alias', 'young', '--json']));
  assert.deepEqual(report.window, { start: day(-3), end: day(0), days: 4 });
  assert.deepEqual(report.days.map((d: { date: string }) => d.date), [day(-3), day(-2), day(-1), day(0)]);
  assert.equal(report.projection.rate_since, new Date(`${day(-3)}T09:00:00Z`).toISOString());
  const human = await world.ollm(['spend', '--alias', 'young']);
  assert.match(human.stdout, new RegExp(`Spend of "young", since the key was created \\(${day(-3)} to ${day(0)}, UTC\\)`));
  assert.equal(human.stdout.split('\n').filter((line) => chartLine.test(line)).length, 4, 'one bar per day the key existed');
});

test('a key a few minutes old: too early to project, however fast it spends', async () => {
  const seeded = world.server.addKey({ key_alias: 'new', max_budget: 5, created_at: new Date(Date.now() - 20 * 60_000).toISOString() });
  world.server.addSpendLog({ api_key: seeded.key, spend: 1, model: 'gpt-4o', startTime: new Date(Date.now() - 10 * 60_000) });
  world.server.setSpend(seeded.key, 1);
  const report = json(await world.ollm(['spend', '--alias', 'new', '--json']));
  assert.equal(report.projection.status, 'too_early');
  assert.equal(report.projection.runs_out_on, null);
  assert.equal(report.projection.lasts_period, false);
  const human = await world.ollm(['spend', '--alias', 'new']);
  assert.match(human.stdout, /Outlook\s+too early to project: the rate rests on less than 6 hours of spend/);
});
