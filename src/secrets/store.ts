// What every secret store offers, and how ollm names its entries.

/** A store's name in the table of stores (stores.ts), as `--store` takes it. */
export type StoreName = 'keychain' | 'file';

/** How `--json` names where a secret is (`storage`); the name to choose a store by is its StoreName. */
export type StorageKind = 'keychain' | 'insecure-file';

export interface SecretStore {
  /** Its name in the table of stores (stores.ts), as `--store` takes it. */
  readonly name: StoreName;
  readonly kind: StorageKind;
  /** For people: "OS keychain (Secret Service)" or the file's path. */
  readonly description: string;
  get(service: string, account: string): Promise<string | null>;
  set(service: string, account: string, secret: string): Promise<void>;
  /** Throws a UserError now if a later `set` would fail (locked or absent keychain, unwritable dir). */
  checkWritable(): Promise<void>;
  /** True when something was deleted. */
  delete(service: string, account: string): Promise<boolean>;
}

/** Service name of virtual keys: `secret-tool search --all service ollm` lists exactly them. */
export const KEY_SERVICE = 'ollm';
/** A new secret waits here until it is an alias's key (create and rotate), so a lost answer never loses it. */
export const PENDING_SERVICE = 'ollm-pending';
/** Master keys saved by `ollm login` live apart, so they never mix with virtual keys. */
export const MASTER_SERVICE = 'ollm-master';

/** `openclaw@http://localhost:4000`: one machine can hold keys for several proxies. */
export function keyAccount(alias: string, proxyBase: string): string {
  return `${alias}@${proxyBase}`;
}
