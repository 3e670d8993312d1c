// A real, private Secret Service for tests: its own D-Bus session bus and gnome-keyring-daemon,
// with an unlocked `login` collection, so keychain tests never touch the developer's keyring.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, rmSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SecretService {
  /** Environment a child process needs to reach this keyring (merge into its env). */
  env: { DBUS_SESSION_BUS_ADDRESS: string };
  busPid: number;
  readonly keyringPid: number;
  dir: string;
  /** Lock the `login` collection (as a screen lock would). */
  lock(): void;
  /** Freeze / thaw the keyring daemon, to simulate a stuck keychain. */
  freeze(): void;
  thaw(): void;
  /** Whether the keyring daemon still owns its name on the bus (false once it crashed). */
  keyringRuns(): boolean;
  /** Start a new keyring daemon on the same bus, with the same (unlocked) entries; returns what the old one last logged. */
  restartKeyring(): string;
  /** Entries stored for a service, as `secret-tool search --all service <name>` sees them. */
  search(service: string): Array<Record<string, string>>;
  stop(): void;
}

const TOOLS = ['dbus-daemon', 'gnome-keyring-daemon', 'secret-tool', 'dbus-send'];

/** Why a Secret Service cannot be started here, or null when it can. */
export function secretServiceUnavailableReason(): string | null {
  const missing = TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length > 0) {
    return `missing ${missing.join(', ')} (apt-get install dbus-daemon dbus-bin gnome-keyring libsecret-tools)`;
  }
  return null;
}

function dbusSend(env: NodeJS.ProcessEnv, args: string[]): string {
  return execFileSync('dbus-send', ['--session', '--print-reply', ...args], { env, encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Block this thread for `ms` (start-up is synchronous so a test file can ask for its keyring at import). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// The bus is a session bus with **no service activation**: no <servicedir>, no
// <standard_session_servicedirs/>. On the standard session config, a client that calls
// org.freedesktop.secrets while its owner is not (yet, or no longer) on the bus makes D-Bus start
// a second gnome-keyring-daemon from /usr/share/dbus-1/services, with no unlocked login collection,
// and every later write fails "the keychain is locked". Here such a call fails at once with
// ServiceUnknown instead, which names the real problem.
function busConfig(address: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>${address}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

// gnome-keyring answers --unlock before it owns its bus name: wait until it owns it and the
// login collection is unlocked, so no test ever meets a half-started keyring.
function waitUntilReady(env: NodeJS.ProcessEnv): void {
  const deadline = Date.now() + 20_000;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const owner = dbusSend(env, ['--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets']);
      if (owner.includes('boolean true')) {
        const locked = dbusSend(env, ['--dest=org.freedesktop.secrets', '/org/freedesktop/secrets/collection/login',
          'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.Secret.Collection', 'string:Locked']);
        if (locked.includes('boolean false')) return;
        lastError = 'the login collection is still locked';
      } else {
        lastError = 'nothing owns org.freedesktop.secrets yet';
      }
    } catch (error) {
      lastError = String(error);
    }
    sleepSync(20);
  }
  throw new Error(`Secret Service did not become ready: ${lastError}`);
}

/** Start a private bus + gnome-keyring with an unlocked login collection (about 60 ms). */
export function startSecretServiceSync(): SecretService {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-ss-'));
  const home = join(dir, 'home');
  const runtime = join(dir, 'run');
  mkdirSync(home, { mode: 0o700 });
  mkdirSync(runtime, { mode: 0o700 });
  const address = `unix:path=${join(dir, 'bus')}`;
  const config = join(dir, 'bus.conf');
  writeFileSync(config, busConfig(address));
  const baseEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_RUNTIME_DIR: runtime,
  };
  const bus = spawnSync('dbus-daemon', [`--config-file=${config}`, '--fork', '--nopidfile',
    '--print-address=1', '--print-pid=1'], { env: baseEnv, encoding: 'utf8', timeout: 10_000 });
  if (bus.status !== 0) throw new Error(`dbus-daemon failed: ${bus.stderr}`);
  const busPid = Number(bus.stdout.trim().split('\n')[1]);
  const env = { ...baseEnv, DBUS_SESSION_BUS_ADDRESS: address };
  const stopBus = () => { try { process.kill(busPid); } catch { /* already gone */ } };

  let keyringPid: number;
  try {
    keyringPid = startKeyring(env, dir);
  } catch (error) {
    stopBus();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    env: { DBUS_SESSION_BUS_ADDRESS: address },
    busPid,
    get keyringPid() { return keyringPid; },
    dir,
    lock() {
      dbusSend(env, ['--dest=org.freedesktop.secrets', '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.Lock', 'array:objpath:/org/freedesktop/secrets/collection/login']);
    },
    freeze() { process.kill(keyringPid, 'SIGSTOP'); },
    thaw() { process.kill(keyringPid, 'SIGCONT'); },
    search: (service) => searchSecrets(env, service),
    keyringRuns: () => keyringOwnsItsName(env),
    restartKeyring() {
      const log = keyringLogTail(dir);
      keyringPid = startKeyring(env, dir);
      return log;
    },
    stop() {
      try { process.kill(keyringPid, 'SIGCONT'); } catch { /* already gone */ }
      try { process.kill(keyringPid); } catch { /* already gone */ }
      stopBus();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// gnome-keyring runs in the foreground (its own process group, not waited for) with its stderr in
// the service's folder, so a crash leaves its last words there for the harness to report. The login
// keyring lives in the service's HOME, so a restarted daemon unlocks the same entries.
function startKeyring(env: NodeJS.ProcessEnv, dir: string): number {
  const password = join(dir, 'password');
  writeFileSync(password, 'ollm-test-password', { mode: 0o600 });
  const input = openSync(password, 'r');
  const log = openSync(join(dir, 'keyring.log'), 'a');
  try {
    const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
      env, stdio: [input, log, log], detached: true,
    });
    keyring.unref();
  } finally {
    closeSync(input);
    closeSync(log);
  }
  try {
    waitUntilReady(env);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${keyringLogTail(dir)}`);
  }
  // The bus knows which process owns the service (never guess with pgrep: with tests in parallel
  // that could be another file's keyring).
  return ownerPid(env);
}

function keyringOwnsItsName(env: NodeJS.ProcessEnv): boolean {
  try {
    return dbusSend(env, ['--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets']).includes('boolean true');
  } catch {
    return false;
  }
}

/** The keyring daemon's last lines (what it said before it died). */
function keyringLogTail(dir: string): string {
  try {
    return readFileSync(join(dir, 'keyring.log'), 'utf8').trim().split('\n').slice(-5).join('\n');
  } catch {
    return '';
  }
}

/** startSecretServiceSync for async callers. */
export function startSecretService(): Promise<SecretService> {
  return new Promise((resolve) => resolve(startSecretServiceSync()));
}

function ownerPid(env: NodeJS.ProcessEnv): number {
  const reply = dbusSend(env, ['--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
    'org.freedesktop.DBus.GetConnectionUnixProcessID', 'string:org.freedesktop.secrets']);
  const pid = Number(/uint32 (\d+)/.exec(reply)?.[1]);
  if (!pid) throw new Error(`cannot find the keyring daemon's pid: ${reply}`);
  return pid;
}

/** Entries of a service as `secret-tool search --all service <name>` reports them on that bus. */
export function searchSecrets(env: NodeJS.ProcessEnv, service: string): Array<Record<string, string>> {
  // An item deleted by a parallel test while secret-tool lists them fails the whole listing: ask again.
  for (let attempt = 1; ; attempt++) {
    // secret-tool writes attributes to stderr and the rest to (buffered) stdout: merge both,
    // unbuffered, so every attribute line follows the item it belongs to.
    const out = spawnSync('sh', ['-c', 'stdbuf -o0 -e0 secret-tool search --all service "$1" 2>&1', 'sh', service], {
      env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 30_000,
    });
    if (out.signal) throw new Error(`secret-tool search was stopped (${out.signal}); the keyring is too slow to answer`);
    const raced = out.status !== 0 && /No such secret item|Object does not exist/.test(out.stdout);
    if (raced && attempt < 5) continue;
    // A partial list would make "nothing is stored" checks pass wrongly: fail loudly instead.
    if (out.status !== 0 && out.stdout.trim() !== '') throw new Error(`secret-tool search failed (${out.status}): ${out.stdout.slice(-300)}`);
    return parseSecretToolSearch(out.stdout);
  }
}

/** One entry's secret (`secret-tool lookup`), or undefined when there is none. */
export function lookupSecret(env: NodeJS.ProcessEnv, service: string, username: string): string | undefined {
  const out = spawnSync('secret-tool', ['lookup', 'service', service, 'username', username], {
    env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 30_000,
  });
  if (out.signal) throw new Error(`secret-tool lookup was stopped (${out.signal})`);
  return out.status === 0 ? out.stdout : undefined;
}

/** Store one entry as @napi-rs/keyring would (attributes service + username). */
export function storeSecret(env: NodeJS.ProcessEnv, service: string, username: string, secret: string): void {
  const out = spawnSync('secret-tool', ['store', '--label', `${service} ${username}`, 'service', service, 'username', username], {
    env: { PATH: process.env.PATH, ...env }, input: secret, encoding: 'utf8', timeout: 30_000,
  });
  if (out.status !== 0) throw new Error(`secret-tool store failed (${out.status}): ${out.stderr}`);
}

/** Remove every entry of these services whose account ends with `suffix` (a test's proxy URL). */
export function clearSecrets(env: NodeJS.ProcessEnv, services: string[], suffix: string): void {
  for (const service of services) {
    let items: Array<Record<string, string>>;
    try {
      items = searchSecrets(env, service);
    } catch {
      continue; // best effort: a cleanup must never fail a test
    }
    for (const item of items) {
      if (!item.username?.endsWith(suffix)) continue;
      spawnSync('secret-tool', ['clear', 'service', service, 'username', item.username], {
        env: { PATH: process.env.PATH, ...env }, timeout: 5000,
      });
    }
  }
}

// secret-tool prints `[/path]`, then `label = …`, `secret = …`, `attribute.<name> = …` lines.
function parseSecretToolSearch(text: string): Array<Record<string, string>> {
  const items: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('[/')) {
      current = {};
      items.push(current);
      continue;
    }
    const match = /^(\S+) = (.*)$/.exec(line);
    if (match && current) current[match[1]!.replace(/^attribute\./, '')] = match[2]!;
  }
  return items;
}

