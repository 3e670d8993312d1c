// What makes keychain entries: @napi-rs/keyring's AsyncEntry pinned to the Secret Service on Linux
// (never the kernel keyring, which forgets everything on reboot). Tests hand KeychainStore an
// in-memory maker of the same shape instead (test/support/memory-keychain.ts).
import { createRequire } from 'node:module';

/** The part of @napi-rs/keyring's AsyncEntry that ollm uses. */
export interface KeychainEntry {
  /** null when there is no such entry. */
  getPassword(signal?: AbortSignal | null): Promise<string | null>;
  setPassword(password: string, signal?: AbortSignal | null): Promise<void>;
  /** false when there was nothing to delete. */
  deleteCredential(signal?: AbortSignal | null): Promise<boolean>;
}

/** An entry for (service, account); may throw at once (the real one talks to D-Bus, and throws when there is no bus). */
export type KeychainBackend = (service: string, account: string) => KeychainEntry;

type KeyringModule = typeof import('@napi-rs/keyring');
let keyringModule: KeyringModule | undefined;

// The native module is loaded only by commands that touch the keychain, and with require(): it is
// CommonJS, and import() would have Node parse it once more for its exports (~25 ms, 10 MB).
function loadKeyring(): KeyringModule {
  keyringModule ??= createRequire(import.meta.url)('@napi-rs/keyring') as KeyringModule;
  return keyringModule;
}

export const napiKeychainBackend: KeychainBackend = (service, account) =>
  new (loadKeyring().AsyncEntry)(service, account, { linux: { store: 'secret-service' } });
