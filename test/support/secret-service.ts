// A real, private Secret Service for tests: its own D-Bus session bus and gnome-keyring-daemon,
// with an unlocked `login` collection, so keychain tests never touch the developer's keyring.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SecretService {
  /** Environment a child process needs to reach this keyring (merge into its env). */
  env: { DBUS_SESSION_BUS_ADDRESS: string };
  busPid: number;
  keyringPid: number;
  dir: string;
  /** Lock the `login` collection (as a screen lock would). */
  lock(): void;
  /** Freeze / thaw the keyring daemon, to simulate a stuck keychain. */
  freeze(): void;
  thaw(): void;
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
  return execFileSync('dbus-send', ['--session', '--print-reply', ...args], { env, encoding: 'utf8', timeout: 5000 });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// gnome-keyring answers --unlock before it owns its bus name; a client that calls in that gap
// makes D-Bus activate a second daemon with no login collection. So wait until both are true.
async function waitUntilReady(env: NodeJS.ProcessEnv): Promise<void> {
  const deadline = Date.now() + 10_000;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const owner = dbusSend(env, ['--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets']);
      if (owner.includes('boolean true')) {
        const locked = dbusSend(env, ['--dest=org.freedesktop.secrets', '/org/freedesktop/secrets/collection/login',
          'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.Secret.Collection', 'string:Locked']);
        if (locked.includes('boolean false')) return;
      }
    } catch (error) {
      lastError = String(error);
    }
    await sleep(20);
  }
  throw new Error(`Secret Service did not become ready: ${lastError}`);
}

/** Start a private bus + gnome-keyring with an unlocked login collection. */
export async function startSecretService(): Promise<SecretService> {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-ss-'));
  const home = join(dir, 'home');
  const runtime = join(dir, 'run');
  mkdirSync(home, { mode: 0o700 });
  mkdirSync(runtime, { mode: 0o700 });
  const address = `unix:path=${join(dir, 'bus')}`;
  const baseEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_RUNTIME_DIR: runtime,
  };
  const bus = spawnSync('dbus-daemon', ['--session', '--fork', '--nopidfile', `--address=${address}`,
    '--print-address=1', '--print-pid=1'], { env: baseEnv, encoding: 'utf8', timeout: 5000 });
  if (bus.status !== 0) throw new Error(`dbus-daemon failed: ${bus.stderr}`);
  const busPid = Number(bus.stdout.trim().split('\n')[1]);
  const env = { ...baseEnv, DBUS_SESSION_BUS_ADDRESS: address };

  const keyring = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
    env, input: 'ollm-test-password', encoding: 'utf8', timeout: 10_000,
  });
  if (keyring.status !== 0) {
    process.kill(busPid);
    throw new Error(`gnome-keyring-daemon failed: ${keyring.stderr}`);
  }
  const pidLine = keyring.stdout.split('\n').find((line) => line.startsWith('GNOME_KEYRING_PID='));
  await waitUntilReady(env);
  const keyringPid = pidLine ? Number(pidLine.split('=')[1]) : findKeyringPid(home);

  return {
    env: { DBUS_SESSION_BUS_ADDRESS: address },
    busPid,
    keyringPid,
    dir,
    lock() {
      dbusSend(env, ['--dest=org.freedesktop.secrets', '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.Lock', 'array:objpath:/org/freedesktop/secrets/collection/login']);
    },
    freeze() { process.kill(keyringPid, 'SIGSTOP'); },
    thaw() { process.kill(keyringPid, 'SIGCONT'); },
    search: (service) => searchSecrets(env, service),
    stop() {
      try { process.kill(keyringPid, 'SIGCONT'); } catch { /* already gone */ }
      try { process.kill(keyringPid); } catch { /* already gone */ }
      try { process.kill(busPid); } catch { /* already gone */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function findKeyringPid(home: string): number {
  const out = spawnSync('pgrep', ['-n', '-f', 'gnome-keyring-daemon'], { encoding: 'utf8' });
  const pid = Number(out.stdout.trim());
  if (!pid) throw new Error(`cannot find gnome-keyring-daemon for ${home}`);
  return pid;
}

/** Entries of a service as `secret-tool search --all service <name>` reports them on that bus. */
export function searchSecrets(env: NodeJS.ProcessEnv, service: string): Array<Record<string, string>> {
  // secret-tool writes attributes to stderr and the rest to (buffered) stdout: merge both,
  // unbuffered, so every attribute line follows the item it belongs to.
  const out = spawnSync('sh', ['-c', 'stdbuf -o0 -e0 secret-tool search --all service "$1" 2>&1', 'sh', service], {
    env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 5000,
  });
  return parseSecretToolSearch(out.stdout);
}

/** Remove every entry of these services whose account ends with `suffix` (a test's proxy URL). */
export function clearSecrets(env: NodeJS.ProcessEnv, services: string[], suffix: string): void {
  for (const service of services) {
    for (const item of searchSecrets(env, service)) {
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

