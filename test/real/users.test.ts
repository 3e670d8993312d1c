// Without the master key (issue 20), against the real LiteLLM 1.108.7: an admin hands out a user
// key with `ollm user add`; a person holding only that key (no master key in ollm's environment)
// logs in and manages their assistant's key within their own budget; credentials that cannot
// make keys are refused at login with nothing saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { json } from '../support/fixture.ts';
import { realSuite } from '../support/real-world.ts';
import { realGate } from '../support/real-litellm-gate.ts';
import { waitFor } from '../support/wait-for.ts';

const suite = realSuite();

/** ollm's environment for the person: the proxy URL, no master key anywhere. */
const personEnv = () => suite.world.env({ LITELLM_MASTER_KEY: undefined });
const asPerson = (args: string[], input?: string) => suite.world.ollm(args, { env: personEnv(), input });
const loginsFile = () => join(suite.world.home.dir, '.local', 'state', 'ollm', 'logins.json');
/** What `ollm login` recorded about the proxy's saved credential (none: undefined). */
const loginRecord = (): { kind: string } | undefined => (existsSync(loginsFile()) ? JSON.parse(readFileSync(loginsFile(), 'utf8'))[suite.proxy.url] : undefined);

/** `ollm user add` as the admin (master key in the environment), revealed; the user's key. */
async function addUser(id: string, extra: string[] = []): Promise<string> {
  const added = await suite.world.ollm(['user', 'add', id, '--budget', '20', '--monthly', '--reveal', '--json', ...extra]);
  assert.equal(added.code, 0, added.stderr + added.stdout);
  const out = json(added);
  assert.ok(typeof out.key === 'string' && out.key.startsWith('sk-'));
  return out.key as string;
}

test('user add: the real proxy holds an internal_user with a $20 monthly budget, and the one line to hand over logs in with its key', realGate, async () => {
  const key = await addUser('ann');
  const user = await suite.proxy.call('GET', '/user/info?user_id=ann');
  assert.equal(user.status, 200, JSON.stringify(user.body));
  assert.equal(user.body.user_info.user_role, 'internal_user');
  assert.equal(user.body.user_info.max_budget, 20);
  assert.equal(user.body.user_info.budget_duration, '1mo');
  assert.equal(await suite.proxy.keyWorks(key), true, 'the handed-over key works');

  const masked = await suite.world.ollm(['user', 'add', 'bea', '--budget', '5', '--daily']);
  assert.equal(masked.code, 0, masked.stderr);
  assert.match(masked.stdout, /echo 'sk-…[\w-]{4}' \| ollm login --proxy-url /);
  assert.match(masked.stdout, /--reveal/);

  const list = await suite.world.ollm(['user', 'list', '--json']);
  assert.equal(list.code, 0, list.stderr);
  const users = json(list).users as Array<{ user_id: string; max_budget: number | null; user_role: string }>;
  assert.deepEqual(users.filter((u) => u.user_id === 'ann' || u.user_id === 'bea').map((u) => [u.user_id, u.user_role, u.max_budget]),
    [['ann', 'internal_user', 20], ['bea', 'internal_user', 5]]);

  const remove = await suite.world.ollm(['user', 'remove', 'bea', '--yes']);
  assert.equal(remove.code, 0, remove.stderr);
  assert.equal((await suite.proxy.call('GET', '/user/info?user_id=bea')).status === 200
    && (await suite.proxy.call('GET', '/user/info?user_id=bea')).body.user_info != null, false, 'bea is gone');

  const asUser = await suite.world.ollm(['user', 'list'], { env: suite.world.env({ LITELLM_MASTER_KEY: undefined, LITELLM_PROXY_API_KEY: key }) });
  assert.notEqual(asUser.code, 0);
  assert.match(asUser.stderr, /needs the proxy's master key, and ollm is using your user key/);
});

test('a person holding only a user key logs in, creates a key, reads it, rotates it (old dies, new works, spend carried) and revokes it', realGate, async () => {
  const key = await addUser('alice');
  const login = await asPerson(['login'], `${key}\n`);
  assert.equal(login.code, 0, login.stderr);
  assert.match(login.stderr + login.stdout, /user alice \(internal_user\), keys up to \$20\.00 a month, \$0\.00 spent/);
  assert.ok(!login.stdout.includes(key) && !login.stderr.includes(key), 'the key is not printed');
  assert.equal(loginRecord()?.kind, 'user');

  const create = await asPerson(['key', 'create', '--alias', 'alice-bot', '--budget', '5', '--monthly', '--write', 'none', '--json']);
  assert.equal(create.code, 0, create.stderr);
  const held = suite.world.heldKey('alice-bot')!;
  assert.ok(held.startsWith('sk-'));
  const record = await suite.proxy.call('GET', `/key/info?key=${held}`);
  assert.equal(record.body.info.user_id, 'alice', 'the key belongs to the user');
  assert.equal(record.body.info.created_by, 'alice', 'made with her key, not the master key');
  assert.equal(record.body.info.max_budget, 5);

  const info = await asPerson(['key', 'info', '--alias', 'alice-bot', '--json']);
  assert.equal(info.code, 0, info.stderr);
  assert.equal(json(info).max_budget, 5);
  const list = await asPerson(['key', 'list', '--json']);
  assert.equal(list.code, 0, list.stderr);
  const aliases = (json(list).keys as Array<{ key_alias: string | null }>).map((k) => k.key_alias);
  assert.ok(aliases.includes('alice-bot'), aliases.join(', '));

  // Spend to carry over: set by the admin, as if the assistant had used the key.
  assert.equal((await suite.proxy.call('POST', '/key/update', { body: { key: held, spend: 1.25 } })).status, 200);
  const rotate = await asPerson(['key', 'rotate', '--alias', 'alice-bot', '--json']);
  assert.equal(rotate.code, 0, rotate.stderr);
  const fresh = suite.world.heldKey('alice-bot')!;
  assert.notEqual(fresh, held);
  assert.equal(await suite.proxy.keyWorks(held), false, 'the old key no longer works');
  assert.equal(await suite.proxy.keyWorks(fresh), true, 'the new key works');
  const rotated = (await suite.proxy.call('GET', `/key/info?key=${fresh}`)).body.info;
  assert.equal(rotated.spend, 1.25, 'spend carried');
  assert.equal(rotated.user_id, 'alice');
  assert.equal(rotated.max_budget, 5);

  const update = await asPerson(['key', 'update', '--alias', 'alice-bot', '--budget', '8']);
  assert.notEqual(update.code, 0, 'LiteLLM 1.108.7 keeps a key\'s budget to admins');
  assert.match(update.stderr, /Your role \(internal_user\) may not change max_budget or spend/);

  const doctor = await asPerson(['doctor', '--alias', 'alice-bot', '--json']);
  const check = (json(doctor).checks as Array<{ id: string; status: string; message: string }>).find((c) => c.id === 'master-key')!;
  assert.equal(check.status, 'ok');
  assert.match(check.message, /user alice \(internal_user\).*may create, read, rotate and revoke its own keys/);

  const revoke = await asPerson(['key', 'revoke', '--alias', 'alice-bot', '--yes']);
  assert.equal(revoke.code, 0, revoke.stderr);
  assert.equal(await suite.proxy.keyWorks(fresh), false, 'the revoked key no longer works');
  assert.equal(suite.world.heldKey('alice-bot'), undefined);
});

test('LITELLM_PROXY_API_KEY carries a user key without login; a budget above the user\'s own is made by 1.108.7 and named', realGate, async () => {
  const key = await addUser('carol');
  const env = suite.world.env({ LITELLM_MASTER_KEY: undefined, LITELLM_PROXY_API_KEY: key });
  const create = await suite.world.ollm(['key', 'create', '--alias', 'carol-big', '--budget', '50', '--write', 'none'], { env });
  assert.equal(create.code, 0, create.stderr);
  assert.match(create.stderr, /\$50\.00 is above your own budget of \$20\.00 \(monthly\): the proxy accepted it, but your user budget still caps the spend of all your keys together/);
  const held = suite.world.heldKey('carol-big')!;
  assert.equal((await suite.proxy.call('GET', `/key/info?key=${held}`)).body.info.user_id, 'carol');
  assert.equal(loginRecord(), undefined, 'nothing was saved by a command run with the variable');
});

/** `ollm login` with this key must fail naming `reason`, and leave nothing saved. */
async function refusedAtLogin(key: string, reason: RegExp): Promise<void> {
  const login = await asPerson(['login'], `${key}\n`);
  assert.notEqual(login.code, 0, login.stdout);
  assert.match(login.stderr, reason);
  assert.match(login.stderr, /ollm needs a credential that can make keys/);
  assert.ok(!login.stderr.includes(key), 'the key is not printed');
  assert.equal(loginRecord(), undefined, 'no login record');
  const logout = await asPerson(['logout', '--json']);
  assert.deepEqual(json(logout).removed_from, [], 'no key was saved');
}

test('an llm_api key, a viewer\'s key and a bare virtual key are refused at login, with the reason, and nothing is saved', realGate, async () => {
  await addUser('dave');
  const llm = await suite.proxy.call('POST', '/key/generate', { body: { key_alias: 'dave-llm', key_type: 'llm_api', user_id: 'dave' } });
  assert.equal(llm.status, 200, JSON.stringify(llm.body));
  await refusedAtLogin(llm.body.key, /may only call models \(key_type "llm_api"\)/);

  const viewer = await suite.proxy.call('POST', '/user/new', { body: { user_id: 'vera', user_role: 'internal_user_viewer' } });
  assert.equal(viewer.status, 200, JSON.stringify(viewer.body));
  await refusedAtLogin(viewer.body.key, /user "vera", whose role internal_user_viewer may not make keys/);

  const bare = await suite.proxy.call('POST', '/key/generate', { body: { key_alias: 'bare' } });
  await refusedAtLogin(bare.body.key, /neither a user nor a team/);
});

test('a team service-account key: refused while the team may not make keys; once allowed, it logs in as the team and makes a key in it', realGate, async () => {
  const team = await suite.proxy.call('POST', '/team/new', { body: { team_alias: 'ml-platform', max_budget: 100 } });
  assert.equal(team.status, 200, JSON.stringify(team.body));
  const teamId = team.body.team_id as string;
  const sa = await suite.proxy.call('POST', '/key/service-account/generate', { body: { team_id: teamId, key_alias: 'ml-sa' } });
  assert.equal(sa.status, 200, JSON.stringify(sa.body));
  await refusedAtLogin(sa.body.key, /service-account key of the team "ml-platform".*may not make keys/);

  const allow = await suite.proxy.call('POST', '/team/permissions_update', { body: { team_id: teamId, team_member_permissions: ['/key/generate', '/key/info'] } });
  assert.equal(allow.status, 200, JSON.stringify(allow.body));
  const login = await asPerson(['login'], `${sa.body.key}\n`);
  assert.equal(login.code, 0, login.stderr);
  assert.match(login.stderr + login.stdout, /team ml-platform \(service account\), keys up to \$100\.00 in all, \$0\.00 spent/);
  const create = await asPerson(['key', 'create', '--alias', 'ml-bot', '--budget', '5', '--write', 'none']);
  assert.equal(create.code, 0, create.stderr);
  const held = suite.world.heldKey('ml-bot')!;
  assert.equal((await suite.proxy.call('GET', `/key/info?key=${held}`)).body.info.team_id, teamId, 'the key is the team\'s');
});

test('spend under a user key: what a real request cost, per day and per model from /spend/logs', realGate, async () => {
  const key = await addUser('sam');
  const env = suite.world.env({ LITELLM_MASTER_KEY: undefined, LITELLM_PROXY_API_KEY: key });
  assert.equal((await suite.world.ollm(['key', 'create', '--alias', 'sam-bot', '--budget', '1', '--write', 'none'], { env })).code, 0);
  const held = suite.world.heldKey('sam-bot')!;
  const chat = await fetch(`${suite.proxy.directUrl}/chat/completions`, {
    method: 'POST', headers: { authorization: `Bearer ${held}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(chat.status, 200, await chat.text());
  const spent = await waitFor(async () => {
    const { body } = await suite.proxy.call('GET', `/key/info?key=${held}`);
    return body.info?.spend > 0 && body.info.spend as number;
  }, { what: 'the real proxy to record the spend', timeoutMs: 60_000 });
  // The proxy books the key's spend and its spend-log row in separate batches: wait for the row.
  const today = new Date().toISOString().slice(0, 10);
  let todays: number | undefined;
  const report = await waitFor(async () => {
    const result = await suite.world.ollm(['spend', '--alias', 'sam-bot', '--json'], { env });
    assert.equal(result.code, 0, result.stderr);
    const read = json(result);
    todays = (read.days as Array<{ date: string; spend: number }>).find((d) => d.date === today)?.spend;
    return todays !== undefined && todays > 0 && read;
  }, { what: 'the spend logs to book the request', timeoutMs: 60_000, everyMs: 500 });
  assert.equal(report.source, 'spend_logs', 'a user key reads /spend/logs for its own key');
  assert.ok(Math.abs(todays! - spent) < 1e-9, `today's spend ${todays} is what the proxy recorded (${spent})`);
  assert.deepEqual((report.models as Array<{ model: string }>).map((m) => m.model), ['openai/gpt-4o']);
});
