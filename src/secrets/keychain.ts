// The OS keychain as a SecretStore: entries from a backend (@napi-rs/keyring on the Secret Service
// by default, see keychain-backend.ts), with a timeout on every call and its failures as messages.
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors.ts';
import { shellWord } from '../output/shell-quote.ts';
import { napiKeychainBackend, type KeychainBackend, type KeychainEntry } from './keychain-backend.ts';
import { MASTER_SERVICE, type SecretStore } from './store.ts';

const DISABLED_HINT = 'Start a Secret Service in your session (GNOME Keyring, KeePassXC, KWallet), or opt in to a plain-text file with --store file (or --insecure-storage).';

/** Map the library's messages to the distinct failures a user can act on. */
export function keychainError(error: unknown, action: string, entry?: { service: string; account: string }): UserError {
  const text = String((error as Error)?.message ?? error);
  // keyring-rs: "Entry is matched by 2 credentials: [...]" — items made by hand or another tool.
  const ambiguous = /matched by (\d+) credentials/i.exec(text);
  if (ambiguous) {
    const search = entry ? `secret-tool search --all service ${shellWord(entry.service)} username ${shellWord(entry.account)}` : 'secret-tool search --all service ollm';
    return new UserError(`Cannot ${action}: the keychain holds ${ambiguous[1]} items for it, and ollm cannot tell which one is current.`, {
      code: 'keychain_ambiguous', hint: `List them with \`${search}\` and delete all but the current one in your keyring app (e.g. Seahorse), then run the command again.`,
    });
  }
  // No bus at all: none set, nothing listening, or an address no client can use (`ollm exec` hands
  // a child `disabled:` unless --pass-keychain).
  if (/autolaunch|DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket|Connection refused|No such file or directory|Could not parse server address|Unknown address type/i.test(text)) {
    return new UserError(`Cannot ${action}: there is no D-Bus session, so no Secret Service (OS keychain) can be reached.`, {
      code: 'keychain_unavailable', hint: `Run ollm inside a desktop or D-Bus session. ${DISABLED_HINT}`,
    });
  }
  if (/org\.freedesktop\.secrets|ServiceUnknown|not provided by any|NoSuchObject|Object does not exist|no secret service/i.test(text)) {
    return new UserError(`Cannot ${action}: no Secret Service (OS keychain) is running in this session.`, {
      code: 'keychain_unavailable', hint: DISABLED_HINT,
    });
  }
  if (/Did not receive a reply|timed? ?out|AbortError|aborted/i.test(text)) {
    return new UserError(`Cannot ${action}: the keychain did not answer in time.`, {
      code: 'keychain_timeout', hint: 'The keyring daemon may be stuck or waiting on an unlock prompt; answer the prompt or restart it, then try again.',
    });
  }
  if (/\bis locked\b|\blocked collection|prompt was dismissed|IsLocked/i.test(text)) {
    return new UserError(`Cannot ${action}: the keychain is locked.`, {
      code: 'keychain_locked', hint: 'Unlock your login keyring (log in to the desktop session, or unlock it in your keyring app), then run the command again.',
    });
  }
  return new UserError(`Cannot ${action}: the keychain failed (${text}).`, { code: 'keychain_error', hint: DISABLED_HINT });
}

// Apart from the real entries, so `secret-tool search service ollm` never shows the probe;
// unique per call, so concurrent ollm processes never delete each other's probe.
const PROBE_SERVICE = 'ollm-write-check';

// "the key openclaw@http://…" or "the master key of http://…", for messages.
function describeEntry(service: string, account: string): string {
  return service === MASTER_SERVICE ? `the master key of ${account}` : `the key ${account}`;
}

/** Enough for every entry of 16 rotations running at once (two entries each). */
const KEPT_ENTRIES = 32;

export class KeychainStore implements SecretStore {
  readonly name = 'keychain' as const;
  readonly kind = 'keychain' as const;
  readonly description = process.platform === 'linux' ? 'OS keychain (Secret Service)' : 'OS keychain';
  /**
   * Recently used entries by service and account. Making one opens a Secret Service session
   * (a D-Bus connection) synchronously, ~10 ms with the JavaScript thread blocked; a rotation
   * touches each of its entries twice, so a bulk rotation spent most of its time making them.
   * Bounded: each kept entry holds a file descriptor.
   */
  private readonly entries = new Map<string, KeychainEntry>();

  constructor(private readonly timeoutMs: number, private readonly backend: KeychainBackend = napiKeychainBackend) {}

  /**
   * Write and delete a throw-away entry. Reading cannot tell: on a locked collection, looking up
   * an entry that does not exist succeeds, and only a write asks for the unlock.
   */
  async checkWritable(): Promise<void> {
    await this.call('write to the keychain', PROBE_SERVICE, `probe-${process.pid}-${randomUUID()}`, async (entry, signal) => {
      await entry.setPassword('ollm write check', signal);
      await entry.deleteCredential(signal);
    });
  }

  get(service: string, account: string): Promise<string | null> {
    return this.call(`read ${describeEntry(service, account)} from the keychain`, service, account, (entry, signal) => entry.getPassword(signal));
  }

  set(service: string, account: string, secret: string): Promise<void> {
    return this.call(`store ${describeEntry(service, account)} in the keychain`, service, account, (entry, signal) => entry.setPassword(secret, signal));
  }

  delete(service: string, account: string): Promise<boolean> {
    return this.call(`remove ${describeEntry(service, account)} from the keychain`, service, account, (entry, signal) => entry.deleteCredential(signal));
  }

  private async call<T>(action: string, service: string, account: string,
    operation: (entry: KeychainEntry, signal: AbortSignal) => Promise<T>): Promise<T> {
    const id = JSON.stringify([service, account]);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error('keychain call timed out'));
      }, this.timeoutMs);
    });
    try {
      // The real backend already talks to D-Bus here and throws when there is no bus.
      const entry = this.entries.get(id) ?? this.backend(service, account);
      this.entries.delete(id);
      this.entries.set(id, entry); // most recently used last
      if (this.entries.size > KEPT_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      return await Promise.race([operation(entry, controller.signal), timeout]);
    } catch (error) {
      // A failed session (daemon restarted, call timed out) is not reused.
      this.entries.delete(id);
      throw keychainError(error, action, { service, account });
    } finally {
      clearTimeout(timer);
    }
  }
}
