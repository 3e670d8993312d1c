// An in-memory keychain for in-process tests: makes entries the way @napi-rs/keyring's AsyncEntry
// does (one secret per service + account; a missing entry reads as null and deletes as false), so
// KeychainStore's timeouts and error mapping still run around it. Faults are injected by hand.
import type { KeychainBackend, KeychainEntry } from '../../src/secrets/keychain-backend.ts';

export interface MemoryKeychain {
  /** Hand this to Services.keychain. */
  backend: KeychainBackend;
  get(service: string, account: string): string | undefined;
  set(service: string, account: string, secret: string): void;
  /** Every entry of one service, account → secret (as `secret-tool search service …` would list them). */
  entries(service: string): Map<string, string>;
  /** From now on every call fails with this library message (e.g. "Failed to connect to socket"); null: heal. */
  failWith(message: string | null): void;
  /** From now on calls never answer until the caller's signal aborts (a stuck daemon); false: answer again. */
  hang(stuck: boolean): void;
  /** How many entries were made (the real backend opens a D-Bus session for each). */
  readonly opened: number;
  /** How many secrets were read (each a D-Bus round trip on the real backend). */
  readonly reads: number;
}

export function memoryKeychain(): MemoryKeychain {
  const items = new Map<string, string>();
  const id = (service: string, account: string) => JSON.stringify([service, account]);
  let failure: string | null = null;
  let stuck = false;
  let opened = 0;
  let reads = 0;

  // A call as the real entry makes it: first the injected fault or hang, then the store.
  const answer = <T>(signal: AbortSignal | null | undefined, run: () => T): Promise<T> => {
    if (failure !== null) return Promise.reject(new Error(failure));
    if (!stuck) return Promise.resolve().then(run);
    return new Promise<T>((_, reject) => {
      const abort = () => reject(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }));
      if (signal?.aborted) abort();
      else signal?.addEventListener('abort', abort, { once: true });
    });
  };

  const backend: KeychainBackend = (service, account) => {
    // The real constructor fails at once when there is no bus.
    if (failure !== null) throw new Error(failure);
    opened++;
    const key = id(service, account);
    const entry: KeychainEntry = {
      getPassword: (signal) => { reads++; return answer(signal, () => items.get(key) ?? null); },
      setPassword: (password, signal) => answer(signal, () => { items.set(key, password); }),
      deleteCredential: (signal) => answer(signal, () => items.delete(key)),
    };
    return entry;
  };

  return {
    backend,
    get: (service, account) => items.get(id(service, account)),
    set: (service, account, secret) => { items.set(id(service, account), secret); },
    entries(service) {
      const out = new Map<string, string>();
      for (const [key, secret] of items) {
        const [s, account] = JSON.parse(key) as [string, string];
        if (s === service) out.set(account, secret);
      }
      return out;
    },
    failWith: (message) => { failure = message; },
    hang: (value) => { stuck = value; },
    get opened() { return opened; },
    get reads() { return reads; },
  };
}
