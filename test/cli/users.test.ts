// Without the master key (issue 20), against the fake LiteLLM's users and roles (the real 1.108.7
// answers the same: test/real/users.test.ts): login identifies a credential and refuses one that
// cannot make keys; key commands work under a user key; role and ceiling refusals are named;
// `ollm user add/list/remove` for the admin.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openWorld, json, type World } from '../support/fixture.ts';

let world: World;

beforeEach(async () => { world = await openWorld(); });
afterEach(async () => { await world.close(); });

/** ollm's environment for a person with no master key. */
const personEnv = (extra: NodeJS.ProcessEnv = {}) => world.env({ LITELLM_MASTER_KEY: undefined, ...extra });

/** A user on the fake with their own key. */
function seedUser(userId: string, fields: { user_role?: string; max_budget?: number; budget_duration?: string; spend?: number } = {}): string {
  world.server.addUser({ user_id: userId, ...fields });
  return world.server.addKey({ user_id: userId }).key;
}

test('login with a user key says who it is, saves it, and key create / info / rotate / revoke then run on it alone', async () => {
  const key = seedUser('alice', { max_budget: 20, budget_duration: '1mo', spend: 3.1 });
  const login = await world.ollm(['login', '--json', ...world.storeFlags], { env: personEnv(), input: `${key}\n` });
  assert.equal(login.code, 0, login.stderr);
  const out = json(login);
  assert.equal(out.described, 'user alice (internal_user), keys up to $20.00 a month, $3.10 spent');
  assert.equal(out.credential.kind, 'user');
  assert.match(login.stderr, /knows this key: user alice/);
  assert.equal(world.entries('ollm-master').size, 1, 'saved');

  const create = await world.ollm(['key', 'create', '--alias', 'bot', '--budget', '5', '--write', 'none'], { env: personEnv() });
  assert.equal(create.code, 0, create.stderr);
  const made = world.server.findByAlias('bot')!;
  assert.equal(made.user_id, 'alice', 'the proxy made it hers');
  const generate = world.server.requests.find((r) => r.path === '/key/generate')!;
  assert.equal(generate.authKey, key, 'made with her key');

  const rotate = await world.ollm(['key', 'rotate', '--alias', 'bot'], { env: personEnv() });
  assert.equal(rotate.code, 0, rotate.stderr);
  assert.notEqual(world.heldKey('bot'), made.key);
  assert.equal(world.server.findByKey(made.key), undefined, 'the old key is gone');
  assert.equal(world.server.findByAlias('bot')!.user_id, 'alice');

  const info = await world.ollm(['key', 'info', '--alias', 'bot', '--json'], { env: personEnv() });
  assert.equal(info.code, 0, info.stderr);
  assert.equal(json(info).max_budget, 5);

  const update = await world.ollm(['key', 'update', '--alias', 'bot', '--budget', '9'], { env: personEnv() });
  assert.equal(update.code, 1);
  assert.match(update.stderr, /Your role \(internal_user\) may not change max_budget or spend with \/key\/update: LiteLLM keeps that to admins\./);
  assert.match(update.stderr, /Ask the proxy's admin/);

  const revoke = await world.ollm(['key', 'revoke', '--alias', 'bot', '--yes'], { env: personEnv() });
  assert.equal(revoke.code, 0, revoke.stderr);
  assert.equal(world.server.findByAlias('bot'), undefined);
  assert.ok(world.server.requests.every((r) => r.authKey !== world.server.masterKey), 'the master key was never sent');
});

test('a budget above the user\'s own: 1.108.7 makes the key and ollm warns; with the newer ceiling check the refusal is named', async () => {
  const key = seedUser('carol', { max_budget: 20, budget_duration: '1mo' });
  const env = personEnv({ LITELLM_PROXY_API_KEY: key });
  const accepted = await world.ollm(['key', 'create', '--alias', 'big', '--budget', '50', '--write', 'none'], { env });
  assert.equal(accepted.code, 0, accepted.stderr);
  assert.match(accepted.stderr, /the key's budget \$50\.00 is above your own budget of \$20\.00 \(monthly\): the proxy accepted it, but your user budget still caps the spend of all your keys together/);

  world.server.setQuirks({ budgetCeilingCheck: true });
  const refused = await world.ollm(['key', 'create', '--alias', 'bigger', '--budget', '50', '--write', 'none'], { env });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /above your own budget \(the ceiling of all your keys\)/);
  assert.match(refused.stderr, /Ask for less with --budget/);
  assert.equal(world.server.findByAlias('bigger'), undefined);
  assert.equal(world.heldKey('bigger'), undefined, 'nothing held');
});

test('personal key creation restricted by the admin is named, with the fix', async () => {
  const key = seedUser('erin');
  world.server.setQuirks({ personalKeysRestricted: true });
  const result = await world.ollm(['key', 'create', '--alias', 'nope', '--write', 'none'], { env: personEnv({ LITELLM_PROXY_API_KEY: key }) });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /restricted personal key creation/);
  assert.match(result.stderr, /service-account key|key_generation_settings/);
});

for (const [what, make, reason] of [
  ['an llm_api key', () => { const k = seedUser('dave'); world.server.setKeyType(k, 'llm_api'); return k; }, /may only call models \(key_type "llm_api"\)/],
  ['a viewer\'s key', () => seedUser('vera', { user_role: 'internal_user_viewer' }), /whose role internal_user_viewer may not make keys/],
  ['a key with neither user nor team', () => world.server.addKey({ key_alias: 'bare' }).key, /neither a user nor a team/],
  ['a service-account key of a team that may not make keys', () => {
    world.server.addTeam({ team_id: 't1', team_alias: 'ml-platform' });
    return world.server.addKey({ team_id: 't1' }).key;
  }, /service-account key of the team "ml-platform"/],
] as const) {
  test(`login refuses ${what} with the reason and the fix, and saves nothing`, async () => {
    const key = make();
    const result = await world.ollm(['login', ...world.storeFlags], { env: personEnv(), input: `${key}\n` });
    assert.equal(result.code, 1, result.stdout);
    assert.match(result.stderr, reason);
    assert.match(result.stderr, /ollm needs a credential that can make keys/);
    assert.match(result.stderr, /Ask the proxy's admin/);
    assert.ok(!result.stderr.includes(key));
    assert.equal(world.entries('ollm-master').size, 0, 'nothing saved');
  });
}

test('a team service-account key its team allows: login names the team, key create makes the key in it', async () => {
  world.server.addTeam({ team_id: 't2', team_alias: 'ml-platform', max_budget: 100, team_member_permissions: ['/key/generate', '/key/info'] });
  const key = world.server.addKey({ team_id: 't2' }).key;
  const login = await world.ollm(['login', ...world.storeFlags], { env: personEnv(), input: `${key}\n` });
  assert.equal(login.code, 0, login.stderr);
  assert.match(login.stdout, /Key of team ml-platform \(service account\), keys up to \$100\.00 in all, \$0\.00 spent/);
  const create = await world.ollm(['key', 'create', '--alias', 'ml-bot', '--write', 'none'], { env: personEnv() });
  assert.equal(create.code, 0, create.stderr);
  assert.equal(world.server.findByAlias('ml-bot')!.team_id, 't2');
});

test('the master key still logs in as the admin; doctor warns when it is kept where an assistant\'s key is written', async () => {
  const login = await world.ollm(['login', '--json', ...world.storeFlags], { env: personEnv(), input: `${world.server.masterKey}\n` });
  assert.equal(login.code, 0, login.stderr);
  assert.equal(json(login).described, 'admin (master key)');
  const create = await world.ollm(['key', 'create', ...world.storeFlags], { env: personEnv() });
  assert.equal(create.code, 0, create.stderr);
  const doctor = await world.ollm(['doctor', '--json'], { env: personEnv() });
  const check = (json(doctor).checks as Array<{ id: string; status: string; message: string; fix: string | null }>).find((c) => c.id === 'master-key')!;
  assert.equal(check.status, 'warn');
  assert.match(check.message, /kept on a machine where an assistant's key is written/);
  assert.match(check.fix!, /ollm user add <you> --budget 20 --monthly/);
});

test('user add (master key) makes an internal_user and prints the line to hand over, masked unless --reveal; list and remove follow', async () => {
  const masked = await world.ollm(['user', 'add', 'ann', '--budget', '20', '--monthly']);
  assert.equal(masked.code, 0, masked.stderr);
  const ann = world.server.users().find((u) => u.user_id === 'ann')!;
  assert.deepEqual([ann.user_role, ann.max_budget, ann.budget_duration], ['internal_user', 20, '1mo']);
  const annKey = world.server.keys().find((k) => k.user_id === 'ann')!.key;
  assert.ok(!masked.stdout.includes(annKey), 'masked');
  assert.match(masked.stdout, new RegExp(`echo 'sk-…${annKey.slice(-4)}' \\| ollm login --proxy-url '?http://127\\.0\\.0\\.1:\\d+'?`));

  const revealed = await world.ollm(['user', 'add', 'bob', '--budget', '5', '--daily', '--reveal', '--json']);
  assert.equal(revealed.code, 0, revealed.stderr);
  const out = json(revealed);
  const bobKey = world.server.keys().find((k) => k.user_id === 'bob')!.key;
  assert.equal(out.key, bobKey);
  assert.ok(out.login_line.startsWith('echo ') && out.login_line.includes(bobKey) && out.login_line.includes(`| ollm login --proxy-url ${world.server.url}`), out.login_line);
  // The handed-over line works: run it as the person.
  const login = await world.ollm(['login', ...world.storeFlags], { env: personEnv(), input: `${bobKey}\n` });
  assert.equal(login.code, 0, login.stderr);
  assert.match(login.stdout, /user bob \(internal_user\), keys up to \$5\.00 a day/);

  const list = await world.ollm(['user', 'list', '--json']);
  assert.deepEqual((json(list).users as Array<{ user_id: string }>).map((u) => u.user_id), ['ann', 'bob']);

  const asUser = await world.ollm(['user', 'list'], { env: personEnv() });
  assert.equal(asUser.code, 1);
  assert.match(asUser.stderr, /needs the proxy's master key, and ollm is using your user key/);

  const remove = await world.ollm(['user', 'remove', 'ann', '--yes']);
  assert.equal(remove.code, 0, remove.stderr);
  assert.deepEqual(world.server.users().map((u) => u.user_id), ['bob']);
  assert.equal(world.server.keys().some((k) => k.user_id === 'ann'), false, 'her keys went with her');
  const unknown = await world.ollm(['user', 'remove', 'nobody', '--yes']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /There is no user "nobody"/);
});

test('user add refuses a hostile id and a period without a budget before asking the proxy', async () => {
  for (const args of [['user', 'add', '$(rm -rf ~)'], ['user', 'add', 'x', '--monthly']]) {
    const before = world.server.requests.length;
    const result = await world.ollm(args);
    assert.equal(result.code, 2, result.stderr);
    assert.equal(world.server.requests.length, before, 'nothing asked');
  }
});
