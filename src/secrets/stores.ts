// The secret stores ollm can keep keys in, found by name (`--store keychain|file`). A new store
// is a SecretStore class and an entry here; `--store`, completion, the vault and the doctor's
// file modes read this table. Light on imports: each store's module loads only when it is used.
import type { OllmPaths } from '../config/paths.ts';
import { UsageError } from '../errors.ts';
import type { SecretStore, StorageKind, StoreName } from './store.ts';
import type { KeychainBackend } from './keychain-backend.ts';

export type { StoreName };

export interface StoreOptions {
  paths: OllmPaths;
  env: NodeJS.ProcessEnv;
  /** What makes keychain entries (Services.keychain); the real one when not given. */
  keychain?: KeychainBackend;
}

export interface StoreSpec {
  /** `--store <name>` */
  readonly name: StoreName;
  /** How `--json` has always named it (`storage`), kept for scripts. */
  readonly kind: StorageKind;
  /** For `--store`'s help. */
  readonly describe: string;
  /**
   * Chosen explicitly and announced on every use (a plain-text file). Looked in first: it was
   * chosen for the entry, and asking it needs no keychain, which may be absent there.
   */
  readonly optIn: boolean;
  /** The file it keeps secrets in, if it is one of ollm's own files (the doctor wants it 0600). */
  file?(paths: OllmPaths): string;
  /** Loads its module; the factory then makes the store (once per vault). */
  load(): Promise<(options: StoreOptions) => SecretStore>;
}

export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 10_000;

export const STORES: readonly StoreSpec[] = [
  {
    name: 'keychain', kind: 'keychain', optIn: false,
    describe: 'the OS keychain (Secret Service, macOS Keychain, Windows Credential Manager)',
    async load() {
      const { KeychainStore } = await import('./keychain.ts');
      return ({ env, keychain }) => new KeychainStore(Number(env.OLLM_KEYCHAIN_TIMEOUT_MS) || DEFAULT_KEYCHAIN_TIMEOUT_MS, keychain);
    },
  },
  {
    name: 'file', kind: 'insecure-file', optIn: true,
    describe: 'a plain-text 0600 file in ollm\'s state directory, for machines without a keychain',
    file: (paths) => paths.insecureStoreFile,
    async load() {
      const { InsecureFileStore } = await import('./insecure-file-store.ts');
      return ({ paths }) => new InsecureFileStore(paths.insecureStoreFile);
    },
  },
];

export const STORE_NAMES: readonly StoreName[] = STORES.map((s) => s.name);
export const DEFAULT_STORE: StoreName = 'keychain';

export function storeNamed(name: StoreName): StoreSpec {
  return STORES.find((s) => s.name === name)!;
}

/**
 * The store a command was told to use: `--store`, or `--insecure-storage` (the older spelling of
 * `--store file`), else the keychain. Both at once must agree.
 */
export function chosenStore(args: { store?: string; insecureStorage?: boolean }): StoreName {
  const store = args.store as StoreName | undefined;
  if (args.insecureStorage && store !== undefined && store !== 'file') {
    throw new UsageError(`--insecure-storage means --store file, which --store ${store} contradicts.`, 'Give one of them.');
  }
  return args.insecureStorage ? 'file' : store ?? DEFAULT_STORE;
}
