// Finds and keeps secrets across the two stores: the keychain, and the opt-in plain-text file.
import type { SecretStore, StorageKind } from './store.ts';
import type { InsecureFileStore } from './insecure-file-store.ts';

export interface FoundSecret {
  secret: string;
  store: SecretStore;
}

export class KeyVault {
  private keychainStore: SecretStore | undefined;

  constructor(
    private readonly makeKeychain: () => SecretStore,
    readonly insecure: InsecureFileStore,
    private readonly announce: (message: string) => void,
  ) {}

  get keychain(): SecretStore {
    this.keychainStore ??= this.makeKeychain();
    return this.keychainStore;
  }

  /** The store to write to: the keychain unless the user opted in to the plain-text file. */
  target(insecure: boolean): SecretStore {
    return insecure ? this.insecure : this.keychain;
  }

  /**
   * A secret from whichever store holds it. The plain-text file is asked first: it was chosen
   * explicitly for this entry, and asking it needs no keychain (which may be absent there).
   */
  async find(service: string, account: string): Promise<FoundSecret | null> {
    const fromFile = await this.insecure.get(service, account);
    if (fromFile !== null) {
      this.announceInsecure('read from');
      return { secret: fromFile, store: this.insecure };
    }
    const fromKeychain = await this.keychain.get(service, account);
    return fromKeychain === null ? null : { secret: fromKeychain, store: this.keychain };
  }

  async save(service: string, account: string, secret: string, insecure: boolean): Promise<SecretStore> {
    const store = this.target(insecure);
    await store.set(service, account, secret);
    if (insecure) this.announceInsecure('stored in');
    return store;
  }

  /** Remove the entry from the store that holds it; returns which stores held it. */
  async remove(service: string, account: string, holder: SecretStore): Promise<StorageKind[]> {
    const removed: StorageKind[] = [];
    if (await holder.delete(service, account)) removed.push(holder.kind);
    if (holder.kind === 'insecure-file' && removed.length) this.announceInsecure('removed from');
    return removed;
  }

  /**
   * Remove the entry from every store (logout, revoke): a copy left in the other store would
   * silently keep being used. A keychain that cannot be asked only matters if it held the entry.
   */
  async removeEverywhere(service: string, account: string): Promise<StorageKind[]> {
    const removed = await this.remove(service, account, this.insecure).then((r) => r, () => [] as StorageKind[]);
    try {
      if (await this.keychain.delete(service, account)) removed.push('keychain');
    } catch (error) {
      if (removed.length === 0) throw error;
    }
    return removed;
  }

  announceInsecure(verb: string): void {
    this.announce(`warning: key ${verb} the plain-text file ${this.insecure.file} (--insecure-storage), not the OS keychain`);
  }
}
