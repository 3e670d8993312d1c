// `ollm key update`: key create's settings flags, changed in place with /key/update, /key/block
// and /key/unblock; the secret, alias and spend stay.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openWorld, json, type World } from '../support/fixture.ts';

import { deleteOnProxy } from '../support/proxy-admin.ts';

let world: World;

beforeEach(async () => { world = await openWorld(); });
afterEach(async () => { await world.close(); });

const calls = (path: string) => world.server.requests.filter((r) => r.path === path);

test('raises the budget and changes limits in place: same secret, ollm_managed and other metadata kept', async () => {
  // No OpenClaw target: narrowing --models to gpt-4o would shut out its default model (see update-models-default).
  assert.equal((await world.ollm(['key', 'create', '--budget', '5', '--metadata', 'owner=alice', '--write', 'none'])).code, 0);
  const before = world.server.findByAlias('openclaw')!;
  const result = await world.ollm(['key', 'update', '--budget', '100', '--weekly', '--rpm', '30', '--models', 'gpt-4o', '--metadata', 'host=laptop', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const after = world.server.findByAlias('openclaw')!;
  assert.equal(after.key, before.key, 'the secret is unchanged');
  assert.equal(after.max_budget, 100);
  assert.equal(after.budget_duration, '7d');
  assert.equal(after.rpm_limit, 30);
  assert.deepEqual(after.models, ['gpt-4o']);
  assert.deepEqual(after.metadata, { owner: 'alice', host: 'laptop', ollm_managed: 'true' });
  const out = json(result);
  assert.deepEqual(out.changed.sort(), ['budget_duration', 'max_budget', 'metadata', 'models', 'rpm_limit']);
  assert.equal(out.max_budget, 100);
  assert.equal(out.rpm_limit, 30);
  assert.equal(world.heldKey('openclaw'), before.key);
});

test('human output names the new settings', async () => {
  assert.equal((await world.ollm(['key', 'create', '--alias', 'bot', '--budget', '5', '--monthly'])).code, 0);
  const result = await world.ollm(['key', 'update', '--alias', 'bot', '--budget', '20', '--tpm', '1000', '--max-parallel', '2']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Updated key "bot"/);
  assert.match(result.stdout, /Budget\s+\$20\.00 \(monthly\)/);
  assert.match(result.stdout, /Limits\s+1000 tpm, 2 parallel/);
});

test('--expires sets an expiry and --expires never removes it', async () => {
  assert.equal((await world.ollm(['key', 'create'])).code, 0);
  assert.equal((await world.ollm(['key', 'update', '--expires', '90d'])).code, 0);
  const days = (new Date(world.server.findByAlias('openclaw')!.expires!).getTime() - Date.now()) / 86_400_000;
  assert.ok(days > 89.9 && days <= 90, `expires in ${days} days`);
  const never = await world.ollm(['key', 'update', '--expires', 'never', '--json']);
  assert.equal(never.code, 0, never.stderr);
  assert.equal(world.server.findByAlias('openclaw')!.expires, null);
  assert.equal(json(never).expires, null);
});

test('--block and --unblock use /key/block and /key/unblock', async () => {
  assert.equal((await world.ollm(['key', 'create'])).code, 0);
  const blocked = await world.ollm(['key', 'update', '--block', '--json']);
  assert.equal(blocked.code, 0, blocked.stderr);
  assert.equal(world.server.findByAlias('openclaw')!.blocked, true);
  assert.equal(json(blocked).blocked, true);
  assert.equal(calls('/key/block').length, 1);
  assert.equal(calls('/key/update').length, 0, 'nothing else was changed');
  const unblocked = await world.ollm(['key', 'update', '--unblock']);
  assert.equal(unblocked.code, 0, unblocked.stderr);
  assert.equal(world.server.findByAlias('openclaw')!.blocked, false);
  assert.equal(calls('/key/unblock').length, 1);
});

test('flags are checked like key create\'s, before any request', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--budget', '-1'], /not an amount in USD/],
    [['--rpm', '0'], /--rpm "0" is not a whole number/],
    [['--monthly', '--weekly'], /Choose one budget period/],
    [['--expires', 'soon'], /--expires "soon" is not a LiteLLM duration/],
    [['--metadata', 'ollm_managed=no'], /reserved/],
    [['--block', '--unblock'], /Choose one of --block and --unblock/],
    [[], /Nothing to update/],
  ];
  for (const [flags, message] of cases) {
    const result = await world.ollm(['key', 'update', ...flags]);
    assert.equal(result.code, 2, `${flags.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
  assert.equal(world.server.requests.length, 0);
});

test('a period for a key without a budget is refused; --help shows the shared flags and examples', async () => {
  assert.equal((await world.ollm(['key', 'create'])).code, 0);
  const result = await world.ollm(['key', 'update', '--monthly']);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /has no budget/);
  assert.equal(calls('/key/update').length, 0);
  const help = await world.ollm(['key', 'update', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--budget-duration <[^>]+>/);
  assert.match(help.stdout, /--unblock/);
  assert.match(help.stdout, /ollm key update --budget 100/);
});

test('a key deleted on the proxy gets the way out doctor gives; no key here names create', async () => {
  assert.equal((await world.ollm(['key', 'create', '--alias', 'bot', '--write', 'none'])).code, 0);
  await deleteOnProxy(world, 'bot');
  const gone = await world.ollm(['key', 'update', '--alias', 'bot', '--budget', '9']);
  assert.equal(gone.code, 1, gone.stderr);
  assert.match(gone.stderr, /no longer has/);
  assert.match(gone.stderr, /ollm key revoke --alias bot --yes && ollm key create --alias bot/);
  const none = await world.ollm(['key', 'update', '--alias', 'nobody', '--budget', '9']);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /holds no key "nobody"/);
  assert.match(none.stderr, /ollm key create --alias nobody/);
});
