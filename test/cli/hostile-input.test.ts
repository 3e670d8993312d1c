// Hostile input, table-driven: every case asserts the message, the exit code, that no file under
// HOME changed, that no key was created or left on the proxy — and that the master key appears
// nowhere in the output, even with --debug.
import { test, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { openWorld, type World } from '../support/fixture.ts';
import { keychainEnv, OLLM, snapshotTree } from '../support/cli.ts';
import { startFakeLiteLLM, type FakeLiteLLM } from '../support/litellm-server.ts';
import { startSecretService, type SecretService } from '../support/secret-service.ts';
import keyCreate from '../../src/commands/key-create.ts';

const keychain = keychainEnv();
let elsewhere: FakeLiteLLM;
before(async () => { elsewhere = await startFakeLiteLLM(); });
after(async () => { await elsewhere.close(); });

interface Case {
  name: string;
  args: string[];
  code: number;
  message: RegExp;
  /** Prepare the world (files, server faults, a keyring of its own); may return extra env. */
  setup?: (world: World, t: TestContext) => NodeJS.ProcessEnv | void | Promise<NodeJS.ProcessEnv | void>;
  /** Files the case itself touched in setup (or is allowed to change). */
  check?: (world: World) => void;
  needsKeychain?: boolean;
}

const create = (...flags: string[]) => ['key', 'create', ...flags];
const configFile = (w: World) => join(w.home.dir, '.openclaw', 'openclaw.json');
const writeConfig = (w: World, text: string) => {
  mkdirSync(join(w.home.dir, '.openclaw'), { recursive: true });
  writeFileSync(configFile(w), text);
};
/** A private keyring for one case (locked or frozen without disturbing the shared one), stopped after it. */
const ownKeyring = async (t: TestContext, spoil: (keyring: SecretService) => void): Promise<NodeJS.ProcessEnv> => {
  const keyring = await startSecretService();
  t.after(() => keyring.stop()); // stop() thaws a frozen daemon first
  spoil(keyring);
  return keyring.env;
};
const neverGenerated = (w: World) => assert.equal(w.server.requests.filter((r) => r.path === '/key/generate').length, 0, 'the keychain was asked before /key/generate');
const respond = (status: number, type: string, body: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
};

const cases: Case[] = [
  // Budgets
  ...['-1', 'abc', '1e400', 'NaN', '0x10', ''].map((budget): Case => ({ name: `--budget ${JSON.stringify(budget)}`, args: create(`--budget=${budget}`), code: 2, message: /is not an amount in USD/ })),
  // Budget periods and expiry
  ...['monthly', '30', '-1d', '1y'].map((d): Case => ({ name: `--budget-duration ${d}`, args: create('--budget', '5', `--budget-duration=${d}`), code: 2, message: /is not a LiteLLM duration/ })),
  { name: '--budget-duration 2mo', args: create('--budget', '5', '--budget-duration', '2mo'), code: 2, message: /only supports 1-month budget periods/ },
  { name: 'a period without a budget', args: create('--monthly'), code: 2, message: /without a budget/ },
  { name: '--expires never', args: create('--expires', 'never'), code: 2, message: /--expires "never" is not a LiteLLM duration/ },
  // Aliases
  ...[['newline', 'a\nb'], ['quote', 'a"b'], ['command substitution', '$(touch /tmp/ollm-pwned)'], ['backtick', '`id`'], ['300 characters', 'x'.repeat(300)], ['unicode', 'clé'], ['empty', '']]
    .map(([what, alias]): Case => ({ name: `alias with ${what}`, args: create('--alias', alias!), code: 2, message: /The alias .* (contains characters ollm does not allow|is empty|is 300 characters long)/ })),
  // Other flags
  { name: '--rpm 0', args: create('--rpm', '0'), code: 2, message: /--rpm "0" is not a whole number/ },
  { name: '--tpm abc', args: create('--tpm', 'abc'), code: 2, message: /--tpm "abc" is not a whole number/ },
  { name: '--max-parallel 0', args: create('--max-parallel', '0'), code: 2, message: /--max-parallel "0" is not a whole number ≥ 1/ },
  { name: '--profile-mode abc', args: create('--profile-mode', 'abc'), code: 2, message: /Argument: profile-mode, Given: "abc", Choices: "literal", "lookup"/ },
  { name: '--openclaw-config a directory', args: create('--budget', '5', '--openclaw-config', '/'), code: 1, message: /OpenClaw's config path \/ is a directory, not a file/, needsKeychain: true },
  { name: '--profile-file a directory', args: create('--budget', '5', '--write', 'profile', '--profile-file', '/'), code: 1, message: /Cannot write the shell profile \/: it is a directory/, needsKeychain: true },
  { name: '--metadata without =', args: create('--metadata', 'novalue'), code: 2, message: /is not key=value/ },
  { name: '--metadata with a reserved key', args: create('--metadata', 'ollm_x=1'), code: 2, message: /is reserved/ },
  { name: '--models with no model', args: create('--models', ','), code: 2, message: /without any model name/ },
  { name: '--write bogus', args: create('--write', 'bogus'), code: 2, message: /"bogus" is not a place ollm can write to/ },
  { name: '--openclaw-style nope', args: create('--openclaw-style', 'nope'), code: 2, message: /Invalid values/ },
  { name: '--timeout 0', args: create('--timeout', '0'), code: 2, message: /--timeout 0 is not a number of seconds/ },
  { name: 'key info --fail-above -5', args: ['key', 'info', '--fail-above=-5'], code: 2, message: /--fail-above -5 is not a percentage/ },
  // Proxy URLs
  { name: 'proxy URL without scheme', args: create('--proxy-url', 'localhost:4000'), code: 2, message: /has no scheme/ },
  { name: 'proxy URL file:', args: create('--proxy-url', 'file:///etc/passwd'), code: 2, message: /uses file:, but a LiteLLM proxy speaks http/ },
  { name: 'proxy URL with credentials', args: create('--proxy-url', 'http://user:secret@127.0.0.1:9'), code: 2, message: /contains credentials/ },
  { name: 'proxy URL with a wrong path', args: [], code: 1, message: /Not found on the proxy \(GET \/key\/list\)/, setup: (w) => ({ LITELLM_PROXY_URL: `${w.server.url}/not-litellm` }), needsKeychain: true },
  { name: 'plain http to a non-local host', args: create('--proxy-url', 'http://litellm.invalid:4000'), code: 1, message: /Refusing to send the master key over plain http/ },
  // What the proxy answers
  { name: 'an HTML page with 200', args: [], code: 1, message: /answered GET \/key\/list with an HTML page/, setup: (w) => { w.server.override('GET', '/key/list', respond(200, 'text/html', '<html><body>Welcome</body></html>'), 5); }, needsKeychain: true },
  { name: 'invalid JSON with 200', args: [], code: 1, message: /answered GET \/key\/list with invalid JSON/, setup: (w) => { w.server.override('GET', '/key/list', respond(200, 'application/json', '{"keys": [tru'), 5); }, needsKeychain: true },
  { name: 'a 200 from /key/generate without the key (and no key made)', args: [], code: 1, message: /JSON ollm does not understand .* No key was created/, setup: (w) => { w.server.override('POST', '/key/generate', respond(200, 'application/json', '{"token": "abc"}')); }, needsKeychain: true },
  { name: 'a 301 to another origin', args: [], code: 1, message: /redirected GET \/key\/list to http:\/\/127\.0\.0\.1:\d+\/key\/list; ollm does not follow redirects/, setup: (w) => {
    w.server.override('GET', '/key/list', (_req, res) => { res.writeHead(301, { location: `${elsewhere.url}/key/list` }); res.end(); }, 5);
  }, check: () => assert.equal(elsewhere.requests.length, 0, 'the master key did not follow the redirect'), needsKeychain: true },
  { name: 'a slow drip past the timeout', args: ['--timeout', '1'], code: 1, message: /did not answer GET \/key\/list within 1 s/, setup: (w) => {
    w.server.override('GET', '/key/list', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"keys": [');
      const drip = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(drip));
    }, 5);
  }, needsKeychain: true },
  { name: 'a connection reset mid-body', args: [], code: 1, message: /The connection to .* was cut during GET \/key\/list/, setup: (w) => {
    w.server.override('GET', '/key/list', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"keys": [');
      setTimeout(() => res.socket?.destroy(), 20);
    }, 5);
  }, needsKeychain: true },
  // OpenClaw configs
  { name: 'a config that is a directory', args: [], code: 1, message: /is a directory, not a file/, setup: (w) => { mkdirSync(configFile(w), { recursive: true }); }, needsKeychain: true },
  { name: 'an invalid JSON5 config', args: [], code: 1, message: /openclaw\.json is not valid JSON5 at line 2, column \d+/, setup: (w) => writeConfig(w, '{\n  gateway: { port: 1 ]\n}\n'), needsKeychain: true },
  { name: 'a read-only config (OPENCLAW_CONFIG_READONLY=1)', args: [], code: 1, message: /is marked read-only/, setup: (w) => { writeConfig(w, '{}\n'); return { OPENCLAW_CONFIG_READONLY: '1' }; }, needsKeychain: true },
  { name: 'a 10 MB config', args: [], code: 1, message: /is 10\.\d MB; ollm only edits configs up to 5 MB/, setup: (w) => writeConfig(w, `{ big: "${'x'.repeat(10 * 1024 * 1024)}" }\n`), needsKeychain: true },
  { name: 'a symlinked config is written through, the link kept', args: [], code: 0, message: /Created key "openclaw"/, setup: (w) => {
    mkdirSync(join(w.home.dir, '.openclaw'), { recursive: true });
    writeFileSync(join(w.home.dir, 'real.json'), '{}\n');
    symlinkSync(join(w.home.dir, 'real.json'), configFile(w));
  }, check: (w) => {
    assert.equal(lstatSync(configFile(w)).isSymbolicLink(), true);
    assert.match(readFileSync(join(w.home.dir, 'real.json'), 'utf8'), /LITELLM_API_KEY/);
  }, needsKeychain: true },
  // The machine
  { name: 'HOME unwritable (a file in the way)', args: ['--insecure-storage'], code: 1, message: /Cannot write the insecure key file/, setup: (w) => {
    writeFileSync(join(w.home.dir, 'blocker'), '');
    return { HOME: join(w.home.dir, 'blocker', 'home'), XDG_STATE_HOME: join(w.home.dir, 'blocker', 'state'), XDG_CONFIG_HOME: join(w.home.dir, 'blocker', 'config') };
  } },
  // The keychain: absent, locked (as by a screen lock), stuck (a daemon that never answers).
  { name: 'no keychain at all', args: ['--budget', '5'], code: 1, message: /no D-Bus session[\s\S]*--insecure-storage/, setup: (w) => ({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(w.home.dir, 'no-bus')}` }), check: neverGenerated },
  { name: 'a locked keychain', args: ['--budget', '5'], code: 1, message: /the keychain is locked\.\n\s+Unlock your login keyring/,
    setup: (_w, t) => ownKeyring(t, (keyring) => keyring.lock()), check: neverGenerated, needsKeychain: true },
  { name: 'a stuck keychain times out', args: [], code: 1, message: /the keychain did not answer in time\.\n\s+The keyring daemon may be stuck/,
    setup: async (_w, t) => ({ ...await ownKeyring(t, (keyring) => keyring.freeze()), OLLM_KEYCHAIN_TIMEOUT_MS: '1500' }), check: neverGenerated, needsKeychain: true },
];

for (const c of cases) {
  test(`hostile: ${c.name}`, { skip: c.needsKeychain ? keychain.skip : false }, async (t) => {
    const world = await openWorld();
    t.after(() => world.close());
    const extra = (await c.setup?.(world, t)) ?? {};
    const before = snapshotTree(world.home.dir);
    const args = c.args[0] === 'key' ? c.args : create(...c.args);
    // A hang (a stuck keychain without its timeout) is killed and fails the exit-code check.
    const result = await world.ollm([...args, '--debug'], { env: world.env(extra), timeoutMs: 30_000 });
    assert.equal(result.code, c.code, `${result.stdout}\n${result.stderr}`);
    assert.match(result.code === 0 ? result.stdout : result.stderr, c.message);
    const master = world.server.masterKey!;
    assert.ok(!result.stdout.includes(master) && !result.stderr.includes(master), 'the master key never appears in the output');
    if (c.code !== 0) {
      assert.deepEqual(snapshotTree(world.home.dir), before, 'no file changed');
      assert.equal(world.server.keys().length, 0, 'no key created or left on the proxy');
    }
    c.check?.(world);
  });
}

test('every option of `key create` that takes a value is attacked by a case, and no two cases share a name', () => {
  // --default-model takes any text: it is written as a JSON5 string, and OpenClaw judges the name.
  const unchecked = new Set(['--default-model']);
  const valued = Object.entries(keyCreate.args).filter(([name, option]) => option.type !== 'boolean' && !unchecked.has(`--${name}`)).map(([name]) => `--${name}`);
  const attacked = new Set(cases.flatMap((c) => (c.args[0] === 'key' ? c.args : create(...c.args)).map((arg) => arg.split('=')[0]!)));
  assert.deepEqual(valued.filter((flag) => !attacked.has(flag)), [], 'options no case gives a hostile value');
  const names = cases.map((c) => c.name);
  assert.deepEqual(names.filter((name, i) => names.indexOf(name) !== i), [], 'case names are unique, so a failure names one case');
});

test('the master key is never in argv (ps), not even while a request is in flight', { skip: keychain.skip }, async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  world.server.hold({ method: 'POST', path: '/key/generate', when: 'before' });
  const child = spawn(process.execPath, [OLLM, 'key', 'create', '--timeout', '5'], { env: world.env(), stdio: 'ignore' });
  t.after(() => child.kill('SIGKILL'));
  while (!world.server.requests.some((r) => r.path === '/key/generate')) await new Promise((r) => setTimeout(r, 20));
  const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8');
  assert.match(cmdline, /key\0create/, 'we are looking at the right process');
  assert.ok(!cmdline.includes(world.server.masterKey!), 'not in argv');
});
