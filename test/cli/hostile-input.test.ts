// Hostile input, table-driven: every case asserts the message, the exit code, that no file under
// HOME changed, that no key was created or left on the proxy — and that the master key appears
// nowhere in the output, even with --debug.
import { before, after, type TestContext } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { openWorld, type World } from '../support/fixture.ts';
import { keychainEnv, OLLM, snapshotTree, needsSecretService } from '../support/cli.ts';
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
  /**
   * Exercises a real Secret Service (the shared one's items, or a locked or stuck keyring of its
   * own): gated on one, and spawned, since only a process sees that keyring. Every other case runs
   * in-process on the in-memory keychain.
   */
  secretService?: boolean;
  /** Spawn the binary (what the case does to the keychain only a real process sees). */
  spawned?: boolean;
  /** A secret the command line carried: it must appear nowhere in the output. */
  secret?: string;
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
  { name: '--profile-mode abc', args: create('--profile-mode', 'abc'), code: 2, message: /--profile-mode "abc" is not one of literal, lookup/ },
  { name: '--openclaw-config a directory', args: create('--budget', '5', '--openclaw-config', '/'), code: 1, message: /OpenClaw's config path \/ is a directory, not a file/ },
  { name: '--profile-file a directory', args: create('--budget', '5', '--write', 'profile', '--profile-file', '/'), code: 1, message: /Cannot write the shell profile \/: it is a directory/ },
  { name: '--metadata without =', args: create('--metadata', 'novalue'), code: 2, message: /is not key=value/ },
  { name: '--metadata with a reserved key', args: create('--metadata', 'ollm_x=1'), code: 2, message: /is reserved/ },
  { name: '--models with no model', args: create('--models', ','), code: 2, message: /without any model name/ },
  { name: '--default-model with a newline', args: create('--default-model', 'gpt-4o\n}'), code: 2, message: /--default-model .* contains a newline/ },
  { name: '--write bogus', args: create('--write', 'bogus'), code: 2, message: /"bogus" is not a place ollm can write to/ },
  { name: '--claude-config whose settings.json is a directory', args: create('--budget', '5', '--for', 'claude-code', '--claude-config', '~/cc'), code: 1, message: /Claude Code's settings path .*settings\.json is a directory, not a file/,
    setup: (w) => { mkdirSync(join(w.home.dir, 'cc', 'settings.json'), { recursive: true }); } },
  { name: '--claude-style nope', args: create('--for', 'claude-code', '--claude-style', 'nope'), code: 2, message: /--claude-style "nope" is not one of helper, file/ },
  { name: '--openclaw-style nope', args: create('--openclaw-style', 'nope'), code: 2, message: /--openclaw-style "nope" is not one of litellm, anthropic, keychain/ },
  { name: '--codex-style nope', args: create('--for', 'codex', '--codex-style', 'nope'), code: 2, message: /--codex-style "nope" is not one of helper, env, file/ },
  { name: '--codex-config a directory', args: create('--for', 'codex', '--budget', '5', '--codex-config', '/'), code: 1, message: /Codex's config path \/ is a directory, not a file/ },
  { name: '--pi-models a directory', args: create('--budget', '5', '--for', 'pi', '--pi-models', '/'), code: 1, message: /pi's models\.json path \/ is a directory, not a file/ },
  { name: '--pi-style nope', args: create('--pi-style', 'nope'), code: 2, message: /--pi-style "nope" is not one of helper, file/ },
  { name: '--store vault', args: create('--store', 'vault'), code: 2, message: /--store "vault" is not one of keychain, file/ },
  { name: '--opencode-config a directory', args: create('--for', 'opencode', '--budget', '5', '--opencode-config', '/'), code: 1, message: /OpenCode's config path \/ is a directory, not a file/ },
  { name: '--opencode-style nope', args: create('--for', 'opencode', '--opencode-style', 'nope'), code: 2, message: /--opencode-style "nope" is not one of env, file/ },
  { name: '--for an assistant ollm does not know', args: create('--for', 'claude;rm -rf ~'), code: 2, message: /--for "claude;rm -rf ~" is not one of openclaw/ },
  { name: '--timeout 0', args: create('--timeout', '0'), code: 2, message: /--timeout 0 is not a number of seconds/ },
  ...['1e-9', '0.05', '86401', '1e400'].map((timeout): Case => ({ name: `--timeout ${timeout}`, args: create('--timeout', timeout), code: 2, message: /--timeout \S+ is not a number of seconds from 0\.1 to 86400[\s\S]*--timeout 60/ })),
  { name: 'key info --fail-above -5', args: ['key', 'info', '--fail-above=-5'], code: 2, message: /--fail-above -5 is not a percentage/ },
  // Proxy URLs
  { name: 'proxy URL without scheme', args: create('--proxy-url', 'localhost:4000'), code: 2, message: /has no scheme/ },
  { name: 'proxy URL file:', args: create('--proxy-url', 'file:///etc/passwd'), code: 2, message: /uses file:, but a LiteLLM proxy speaks http/ },
  { name: 'proxy URL with credentials', args: create('--proxy-url', 'http://user:secret@127.0.0.1:9'), code: 2, message: /contains credentials/ },
  { name: 'proxy URL with a wrong path', args: [], code: 1, message: /Not found on the proxy \(GET \/key\/list\)/, setup: (w) => ({ LITELLM_PROXY_URL: `${w.server.url}/not-litellm` }) },
  { name: 'plain http to a non-local host', args: create('--proxy-url', 'http://litellm.invalid:4000'), code: 1, message: /Refusing to send the master key over plain http/ },
  { name: 'plain http to a *.localhost name (DNS may send it away)', args: create('--proxy-url', 'http://litellm.localhost:4000'), code: 1, message: /Refusing to send the master key over plain http/ },
  { name: 'plain http to IPv4-mapped loopback is loopback', args: [], code: 0, message: /Created key "openclaw"/,
    setup: (w) => ({ LITELLM_PROXY_URL: w.server.url.replace('127.0.0.1', '[::ffff:127.0.0.1]') }) },
  // Secrets typed where they do not belong are never echoed (terminals, CI logs)
  { name: 'a master key typed as a positional', args: ['key', 'list', 'sk-master-typed-by-mistake-1234'], code: 2, message: /does not take "sk-…1234"/, secret: 'sk-master-typed-by-mistake-1234' },
  { name: 'a key given as a flag value yargs rejects', args: create('--openclaw-style', 'sk-typed-by-mistake-5678'), code: 2, message: /--openclaw-style "sk-…5678" is not one of/, secret: 'typed-by-mistake' },
  { name: 'a proxy URL with user:pass@ that fails to parse', args: create('--proxy-url', 'http://admin:hunter2secret@[bad'), code: 2, message: /is not a URL: "http:\/\/…@\[bad"/, secret: 'hunter2secret' },
  { name: 'a proxy URL with user:pass@ and no scheme', args: create('--proxy-url', 'admin:hunter2secret@localhost:4000'), code: 2, message: /has no scheme: "…@localhost:4000"/, secret: 'hunter2secret' },
  { name: 'a key typed as --alias', args: create('--alias', 'sk-master-typed-as-alias-4321'), code: 2, message: /The alias "sk-…4321" looks like a key/, secret: 'typed-as-alias' },
  { name: 'a key in the proxy URL\'s path', args: create('--proxy-url', 'http://127.0.0.1:9/sk-in-the-path-secret-8765'), code: 2, message: /has what looks like a key in its path \(http:\/\/127\.0\.0\.1:9\/sk-…8765\)/, secret: 'in-the-path' },
  { name: 'a long token in the proxy URL\'s path', args: create('--proxy-url', 'http://127.0.0.1:9/litellm/Zx81kQ0pLr5tYb2nW7vC4mJ9'), code: 2, message: /looks like a key in its path/, secret: 'Zx81kQ0pLr5tYb2nW7vC4mJ9' },
  { name: 'a proxy URL with ?token=', args: create('--proxy-url', 'http://127.0.0.1:9/?token=sk-in-the-query-9999'), code: 2, message: /has a query or fragment \(\?…\)/, secret: 'in-the-query' },
  // What the proxy answers
  { name: 'an HTML page with 200', args: [], code: 1, message: /answered GET \/key\/list with an HTML page/, setup: (w) => { w.server.override('GET', '/key/list', respond(200, 'text/html', '<html><body>Welcome</body></html>'), 5); } },
  { name: 'invalid JSON with 200', args: [], code: 1, message: /answered GET \/key\/list with invalid JSON/, setup: (w) => { w.server.override('GET', '/key/list', respond(200, 'application/json', '{"keys": [tru'), 5); } },
  { name: 'a 200 from /key/generate without the key (and no key made)', args: [], code: 1, message: /JSON ollm does not understand .* No key was created/, setup: (w) => { w.server.override('POST', '/key/generate', respond(200, 'application/json', '{"token": "abc"}')); } },
  { name: 'a 301 to another origin', args: [], code: 1, message: /redirected GET \/key\/list to http:\/\/127\.0\.0\.1:\d+\/key\/list; ollm does not follow redirects/, setup: (w) => {
    w.server.override('GET', '/key/list', (_req, res) => { res.writeHead(301, { location: `${elsewhere.url}/key/list` }); res.end(); }, 5);
  }, check: () => assert.equal(elsewhere.requests.length, 0, 'the master key did not follow the redirect') },
  { name: 'a slow drip past the timeout', args: ['--timeout', '1'], code: 1, message: /did not answer GET \/key\/list within 1 s/, setup: (w) => {
    w.server.override('GET', '/key/list', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"keys": [');
      const drip = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(drip));
    }, 5);
  } },
  { name: 'a connection reset mid-body', args: [], code: 1, message: /The connection to .* was cut during GET \/key\/list/, setup: (w) => {
    w.server.override('GET', '/key/list', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"keys": [');
      setTimeout(() => res.socket?.destroy(), 20);
    }, 5);
  } },
  // OpenClaw configs
  { name: 'a config that is a directory', args: [], code: 1, message: /is a directory, not a file/, setup: (w) => { mkdirSync(configFile(w), { recursive: true }); } },
  { name: 'an invalid JSON5 config', args: [], code: 1, message: /openclaw\.json is not valid JSON5 at line 2, column \d+/, setup: (w) => writeConfig(w, '{\n  gateway: { port: 1 ]\n}\n') },
  { name: 'a read-only config (OPENCLAW_CONFIG_READONLY=1)', args: [], code: 1, message: /is marked read-only/, setup: (w) => { writeConfig(w, '{}\n'); return { OPENCLAW_CONFIG_READONLY: '1' }; } },
  { name: 'a config nested 20,000 levels deep', args: [], code: 1, message: /nests objects or arrays too deeply for ollm to edit[\s\S]*fix it by hand/, setup: (w) => writeConfig(w, `${'{a:'.repeat(20_000)}1${'}'.repeat(20_000)}\n`) },
  { name: 'a 10 MB config', args: [], code: 1, message: /is 10\.\d MB; ollm only edits configs up to 5 MB/, setup: (w) => writeConfig(w, `{ big: "${'x'.repeat(10 * 1024 * 1024)}" }\n`) },
  { name: 'a symlinked config is written through, the link kept', args: [], code: 0, message: /Created key "openclaw"/, setup: (w) => {
    mkdirSync(join(w.home.dir, '.openclaw'), { recursive: true });
    writeFileSync(join(w.home.dir, 'real.json'), '{}\n');
    symlinkSync(join(w.home.dir, 'real.json'), configFile(w));
  }, check: (w) => {
    assert.equal(lstatSync(configFile(w)).isSymbolicLink(), true);
    assert.match(readFileSync(join(w.home.dir, 'real.json'), 'utf8'), /LITELLM_API_KEY/);
  } },
  { name: 'a dangling symlinked config is written through, the link kept', args: [], code: 0, message: /Created key "openclaw"/, setup: (w) => {
    mkdirSync(join(w.home.dir, '.openclaw'), { recursive: true });
    symlinkSync(join('..', 'dotfiles', 'openclaw.json'), configFile(w)); // relative, and not there yet
  }, check: (w) => {
    assert.equal(lstatSync(configFile(w)).isSymbolicLink(), true, 'the link stays');
    assert.match(readFileSync(join(w.home.dir, 'dotfiles', 'openclaw.json'), 'utf8'), /LITELLM_API_KEY/);
  } },
  { name: 'a symlink loop as the config', args: [], code: 1, message: /is a loop of symbolic links/, setup: (w) => {
    mkdirSync(join(w.home.dir, '.openclaw'), { recursive: true });
    symlinkSync(configFile(w), configFile(w));
  } },
  { name: 'a profile block whose end marker was deleted', args: ['--write', 'profile'], code: 1, message: /The ollm block at line 2 of .*\.profile has lost its end marker[\s\S]*Put the line "# <<< ollm openclaw@/, setup: (w) => {
    writeFileSync(join(w.home.dir, '.profile'), `PATH=$HOME/bin:$PATH\n# >>> ollm openclaw@${w.server.url} >>>\nexport LITELLM_API_KEY='sk-old'\nexport EDITOR=vim # the user's own line\n`);
    return { SHELL: '/bin/sh' };
  } },
  // The machine
  { name: 'HOME unwritable (a file in the way)', args: ['--insecure-storage'], code: 1, message: /Cannot write the insecure key file/, setup: (w) => {
    writeFileSync(join(w.home.dir, 'blocker'), '');
    return { HOME: join(w.home.dir, 'blocker', 'home'), XDG_STATE_HOME: join(w.home.dir, 'blocker', 'state'), XDG_CONFIG_HOME: join(w.home.dir, 'blocker', 'config') };
  } },
  // The keychain: absent, locked (as by a screen lock), stuck (a daemon that never answers).
  { name: 'no keychain at all', args: ['--budget', '5'], code: 1, message: /no D-Bus session[\s\S]*--insecure-storage/, setup: (w) => ({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(w.home.dir, 'no-bus')}` }), check: neverGenerated, spawned: true },
  { name: 'two keychain items for one account', args: ['key', 'get'], code: 1, message: /the keychain holds 2 items for it[\s\S]*secret-tool search --all service ollm username/, setup: (w) => {
    // Made as another tool would: the same service and username, twice.
    for (const secret of ['sk-one-aaaaaaaaaaaa', 'sk-two-bbbbbbbbbbbb']) {
      execFileSync('secret-tool', ['store', '--label', 'dup', 'service', 'ollm', 'username', `openclaw@${w.server.url}`, 'n', secret], { env: { ...process.env, ...keychain.env }, input: secret });
    }
  }, secretService: true },
  { name: 'a locked keychain', args: ['--budget', '5'], code: 1, message: /the keychain is locked\.\n\s+Unlock your login keyring/,
    setup: (_w, t) => ownKeyring(t, (keyring) => keyring.lock()), check: neverGenerated, secretService: true },
  { name: 'a stuck keychain times out', args: [], code: 1, message: /the keychain did not answer in time\.\n\s+The keyring daemon may be stuck/,
    setup: async (_w, t) => ({ ...await ownKeyring(t, (keyring) => keyring.freeze()), OLLM_KEYCHAIN_TIMEOUT_MS: '1500' }), check: neverGenerated, secretService: true },
];

for (const c of cases) {
  test(`hostile: ${c.name}`, c.secretService ? needsSecretService : {}, async (t) => {
    const world = await openWorld({ spawned: c.spawned ?? c.secretService });
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
    if (c.secret) assert.ok(!`${result.stdout}${result.stderr}`.includes(c.secret), `the secret typed on the command line was echoed:\n${result.stderr}`);
    if (c.code !== 0) {
      assert.deepEqual(snapshotTree(world.home.dir), before, 'no file changed');
      assert.equal(world.server.keys().length, 0, 'no key created or left on the proxy');
    }
    c.check?.(world);
  });
}

test('every option of `key create` that takes a value is attacked by a case, and no two cases share a name', () => {
  const unchecked = new Set<string>();
  const valued = Object.entries(keyCreate.args).filter(([name, option]) => option.type !== 'boolean' && !unchecked.has(`--${name}`)).map(([name]) => `--${name}`);
  const attacked = new Set(cases.flatMap((c) => (c.args[0] === 'key' ? c.args : create(...c.args)).map((arg) => arg.split('=')[0]!)));
  assert.deepEqual(valued.filter((flag) => !attacked.has(flag)), [], 'options no case gives a hostile value');
  const names = cases.map((c) => c.name);
  assert.deepEqual(names.filter((name, i) => names.indexOf(name) !== i), [], 'case names are unique, so a failure names one case');
});

test('the master key is never in argv (ps), not even while a request is in flight', needsSecretService, async (t) => {
  const world = await openWorld({ spawned: true });
  t.after(() => world.close());
  world.server.hold({ method: 'POST', path: '/key/generate', when: 'before' });
  const child = spawn(process.execPath, [OLLM, 'key', 'create', '--timeout', '5'], { env: world.env(), stdio: 'ignore' });
  t.after(() => child.kill('SIGKILL'));
  while (!world.server.requests.some((r) => r.path === '/key/generate')) await new Promise((r) => setTimeout(r, 20));
  const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8');
  assert.match(cmdline, /key\0create/, 'we are looking at the right process');
  assert.ok(!cmdline.includes(world.server.masterKey!), 'not in argv');
});

// ─── Hostile PROXY strings ──────────────────────────────────────────────────────────────────────
// What a proxy answers is outside input too: aliases, model ids, statuses and error messages can
// carry terminal controls (a fake ✓ line, a window title, OSC 52 writing the clipboard, bidi
// reordering), `${VAR}` that OpenClaw would expand with its own environment, or no end at all.

const OSC52 = '\u001b]52;c;cHduZWQ=\u0007';
const TITLE = '\u001b]0;owned\u0007';
const FAKE_LINE = '\u001b[2K\r\u001b[32m✓ All good\u001b[39m\n✓ Key created';
const BIDI = '\u202Egnp.exe\u202C';
/** Every control a terminal could act on, except the colour sequences ollm itself writes. */
const assertTerminalSafe = (text: string, what: string) => {
  const bare = text.replace(/\u001b\[[0-9;]*m/g, '');
  const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.exec(bare);
  assert.equal(unsafe, null, `${what} has a raw control ${JSON.stringify(unsafe?.[0])}:\n${JSON.stringify(text)}`);
};
const noFakeLine = (stderr: string) => assert.ok(!/^\s*✓/m.test(stderr.replace(/\u001b\[[0-9;]*m/g, '')), `a line of its own came from the proxy:\n${stderr}`);
const configText = (w: World) => readFileSync(configFile(w), 'utf8');
/** `${NAME}` that OpenClaw would substitute: not preceded by the `$` that makes it literal. */
const unescapedRef = /(?<!\$)\$\{[A-Z_][A-Z0-9_]*\}/;

test('hostile proxy: aliases with OSC 52, a title, a fake line and bidi are shown escaped; --json keeps them exact', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  const aliases = [`clip${OSC52}`, `title${TITLE}`, `fake${FAKE_LINE}`, `bidi${BIDI}`];
  for (const alias of aliases) world.server.addKey({ key_alias: alias });
  const human = await world.ollm(['key', 'list', '--color']);
  assert.equal(human.code, 0, human.stderr);
  assertTerminalSafe(human.stdout, 'key list');
  assert.match(human.stdout, /clip\\u001b\]52;c;cHduZWQ=\\u0007/, 'shown, as a visible escape');
  // On a pipe the table is plain tab-separated rows (gh's convention), so no colour of ollm's is
  // there to keep; that the sanitiser keeps SGR colours is pinned in test/unit/terminal-text.test.ts.
  const json = await world.ollm(['key', 'list', '--json']);
  assertTerminalSafe(json.stdout, 'key list --json');
  assert.deepEqual(JSON.parse(json.stdout).keys.map((k: { key_alias: string }) => k.key_alias).sort(), [...aliases].sort(), 'the data is exact');
});

test('hostile proxy: an error message with controls and line breaks stays on the ✗ line', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  world.server.override('GET', '/key/list', respond(400, 'application/json', JSON.stringify({ error: { message: `nope${FAKE_LINE}${OSC52}`, type: 'bad_request' } })), 5);
  const result = await world.ollm(['key', 'list', '--color']);
  assert.equal(result.code, 1);
  assertTerminalSafe(result.stderr, 'the error');
  noFakeLine(result.stderr);
  assert.match(result.stderr, /nope\\u001b\[2K\\u000d/);
});

test('hostile proxy: a readiness status with OSC 52 and a fake line is escaped in doctor', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  world.server.override('GET', '/health/readiness', respond(200, 'application/json', JSON.stringify({ status: `sick${OSC52}${FAKE_LINE}`, litellm_version: `1${TITLE}` })), 5);
  const result = await world.ollm(['doctor', '--color']);
  assertTerminalSafe(result.stdout + result.stderr, 'doctor');
  noFakeLine(result.stdout.split('\n').filter((l) => /Proxy/.test(l)).join('\n'));
  assert.match(result.stdout, /sick\\u001b\]52/);
});

test('hostile proxy: model ids with ${VAR} are written escaped ($${VAR}), read back as the same ids, and shown safely', async (t) => {
  const world = await openWorld({ models: ['${GITHUB_TOKEN}', 'a$${HOME}b', `m${TITLE}`, 'gpt-4o'] });
  t.after(() => world.close());
  const created = await world.ollm(['key', 'create', '--color']);
  assert.equal(created.code, 0, created.stderr);
  assertTerminalSafe(created.stdout + created.stderr, 'key create');
  const text = configText(world);
  assert.doesNotMatch(text.replace(/\$\{LITELLM_API_KEY\}/, ''), unescapedRef, 'no reference OpenClaw would expand');
  assert.match(text, /"\$\$\{GITHUB_TOKEN\}"/);
  assert.match(text, /"a\$\$\$\{HOME\}b"/, 'an escape from the proxy stays literal too');
  assert.match(text, /"litellm\/\$\$\{GITHUB_TOKEN\}"/, 'the default model as well');
  // The escaped entries are the proxy's ids: a sync finds nothing to add.
  const sync = await world.ollm(['models', 'sync', '--json']);
  assert.equal(sync.code, 0, sync.stderr);
  assert.deepEqual(JSON.parse(sync.stdout).added, []);
  assert.equal(configText(world), text, 'nothing rewritten');
});

test('hostile proxy: models sync adds ${VAR} ids escaped, and shows them safely', async (t) => {
  const world = await openWorld({ models: ['gpt-4o'] });
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create'])).code, 0);
  const models = { object: 'list', data: ['gpt-4o', '${OPENAI_API_KEY}', `x${OSC52}`].map((id) => ({ id, object: 'model', owned_by: 'openai' })) };
  world.server.override('GET', '/v1/models', respond(200, 'application/json', JSON.stringify(models)), 2);
  const sync = await world.ollm(['models', 'sync', '--color']);
  assert.equal(sync.code, 0, sync.stderr);
  assertTerminalSafe(sync.stdout + sync.stderr, 'models sync');
  const text = configText(world);
  assert.match(text, /"\$\$\{OPENAI_API_KEY\}"/);
  assert.doesNotMatch(text.replace(/\$\{LITELLM_API_KEY\}/, ''), unescapedRef);
});

test('hostile proxy: an endless /key/list answer is cut at the response cap with a clear error', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  world.server.override('GET', '/key/list', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"keys": ["');
    const chunk = 'x'.repeat(1024 * 1024);
    const pump = () => { while (res.write(chunk)); };
    res.on('drain', pump);
    pump();
  }, 5);
  const result = await world.ollm(['key', 'list'], { timeoutMs: 60_000 });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /sent more than 32 MB for GET \/key\/list; ollm stopped reading it/);
});

test('a profile edit keeps a backup of the user\'s file as it was, ollm\'s own key masked in it', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  const profile = join(world.home.dir, '.profile');
  const env = world.env({ SHELL: '/bin/sh' });
  writeFileSync(profile, 'export EDITOR=vim\n');
  assert.equal((await world.ollm(['key', 'create', '--write', 'profile'], { env })).code, 0);
  assert.equal(readFileSync(`${profile}.ollm-backup`, 'utf8'), 'export EDITOR=vim\n', 'the file before ollm\'s first edit');
  const first = world.server.findByAlias('openclaw')!.key;
  assert.equal((await world.ollm(['key', 'rotate'], { env })).code, 0);
  const backup = readFileSync(`${profile}.ollm-backup`, 'utf8');
  assert.match(backup, /^export EDITOR=vim\n/);
  assert.ok(!backup.includes(first), 'no plaintext copy of the old key');
  assert.match(backup, new RegExp(`sk-…${first.slice(-4)}`));
  assert.equal(lstatSync(`${profile}.ollm-backup`).mode & 0o777, 0o600);
});

// A full disk, for real: a 12 KB tmpfs over the state dir, mounted in a user+mount namespace of
// ollm's own (unshare -rm), so no root is needed and nothing outside the test sees it.
const TMPFS_SCRIPT = 'mount -t tmpfs -o size=12k tmpfs "$1" && dd if=/dev/zero of="$1/filler" bs=1k count=64 2>/dev/null; shift; exec "$@"';
const canMountTmpfs = spawnSync('unshare', ['-r', '-m', 'sh', '-c', 'mount -t tmpfs tmpfs /mnt'], { stdio: 'ignore' }).status === 0;
test('a full disk is named, with the fix (and the rotation hint), not "failed unexpectedly"', { skip: canMountTmpfs ? false : 'unshare -rm cannot mount a tmpfs here' }, async (t) => {
  const world = await openWorld({ spawned: true });
  t.after(() => world.close());
  const state = join(world.home.dir, '.local', 'state');
  mkdirSync(state, { recursive: true });
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn('unshare', ['-r', '-m', 'sh', '-c', TMPFS_SCRIPT, 'sh', state, process.execPath, OLLM, 'key', 'create', '--insecure-storage', '--write', 'none'], { env: world.env() });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('close', (code) => resolve({ code, stderr }));
  });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /No space is left on the disk[\s\S]*Free some space[\s\S]*ollm key rotate --resume/);
  assert.doesNotMatch(result.stderr, /failed unexpectedly/);
});

test('`ollm env | true`: a reader that went away ends ollm quietly, without a stack', async (t) => {
  // The key in the file store: what matters is the closed pipe, not where the key was read from.
  const world = await openWorld({ spawned: true });
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--write', 'none', '--store', 'file'])).code, 0);
  // As the shell does it: `true` exits long before ollm has started, so ollm writes to a closed pipe.
  // (spawnSync is fine here: the proxy is not asked, the key comes from the file store.)
  const piped = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${OLLM}" env | true`], { env: world.env(), encoding: 'utf8' });
  assert.doesNotMatch(piped.stderr, /EPIPE|Error|\bat /, piped.stderr);
  assert.equal(piped.status, 0, `ollm itself exited cleanly (pipefail): ${piped.stderr}`);
});

test('hostile proxy: model names in spend logs are shown escaped; --json keeps them exact', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  assert.equal((await world.ollm(['key', 'create', '--write', 'none', '--budget', '50'])).code, 0);
  const key = world.server.findByAlias('openclaw')!.key;
  const model = `gpt${OSC52}${BIDI}`;
  world.server.addSpendLog({ api_key: key, spend: 1.5, model, startTime: new Date() });
  const human = await world.ollm(['spend', '--color']);
  assert.equal(human.code, 0, human.stderr);
  assertTerminalSafe(human.stdout + human.stderr, 'spend');
  assert.match(human.stdout, /gpt\\u001b\]52/);
  const json = await world.ollm(['spend', '--json']);
  assert.ok(json.stdout.includes('\\u001b]52') && !json.stdout.includes('\u001b'), 'escaped in the JSON text');
  assert.ok(JSON.stringify(JSON.parse(json.stdout)).includes(JSON.stringify(model).slice(1, -1)), 'the exact name in the data');
});

test('hostile proxy: summary values (alias, models, period, dates) show no SGR, line break or zero-width character of the proxy\'s', async (t) => {
  const world = await openWorld();
  t.after(() => world.close());
  const BLINK = '\u001b[5m';
  const key = 'sk-held-summary-key-0000000000';
  world.server.addKey({
    key, key_alias: 'openclaw', max_budget: 10,
    budget_duration: `30d${BLINK}\nFAKE period`,
    models: [`gpt${BLINK}`, `a\u200bb`, 'x\n✓ FAKE model line'],
  });
  world.keychain!.set('ollm', `openclaw@${world.server.url}`, key);
  const human = await world.ollm(['key', 'info', '--color']);
  assert.equal(human.code, 0, human.stderr);
  assertTerminalSafe(human.stdout, 'key info');
  assert.ok(!human.stdout.includes(BLINK), `a colour of the proxy's reached the terminal:\n${JSON.stringify(human.stdout)}`);
  assert.ok(!/[\u200b-\u200d\u2060\ufeff]/.test(human.stdout), 'a zero-width character reached the terminal');
  assert.ok(!/^\s*(✓ )?FAKE/m.test(human.stdout), `a line of its own came from the proxy:\n${human.stdout}`);
  assert.match(human.stdout, /gpt\\u001b\[5m/, 'shown, as a visible escape');
  const json = await world.ollm(['key', 'info', '--json']);
  assert.deepEqual(JSON.parse(json.stdout).models, [`gpt${BLINK}`, `a\u200bb`, 'x\n✓ FAKE model line'], '--json keeps the data exact');
});
