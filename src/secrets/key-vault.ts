// Finds and keeps secrets across the stores of the table (stores.ts): the keychain, and the
// opt-in plain-text file. Each store is made on first use.
import { STORES, storeNamed, type StoreName } from './stores.ts';
import type { SecretStore, StorageKind } from './store.ts';
import { UserError } from '../errors.ts';

export interface FoundSecret {
  secret: string;
  store: SecretStore;
}

export class KeyVault {
  private readonly made = new Map<StoreName, SecretStore>();

  constructor(
    private readonly makeStore: (name: StoreName) => SecretStore,
    private readonly announce: (message: string) => void,
  ) {}

  /** The store of this name (`--store`). */
  store(name: StoreName): SecretStore {
    let store = this.made.get(name);
    if (!store) {
      store = this.makeStore(name);
      this.made.set(name, store);
    }
    return store;
  }

  get keychain(): SecretStore {
    return this.store('keychain');
  }

  /**
   * A secret from whichever store holds it. Opt-in stores (the plain-text file) are asked first:
   * one was chosen explicitly for this entry, and asking it needs no keychain (which may be absent there).
   */
  async find(service: string, account: string): Promise<FoundSecret | null> {
    for (const spec of lookupOrder()) {
      const store = this.store(spec.name);
      const secret = await store.get(service, account);
      if (secret === null) continue;
      if (spec.optIn) this.announceUse(store, 'read from');
      return { secret, store };
    }
    return null;
  }

  /**
   * The secret from whichever store holds it, where a keychain that cannot be reached at all (no
   * session bus, no Secret Service: a machine without one) counts as holding nothing. A keychain
   * that is there but locked or stuck still fails: it may hold the entry.
   */
  async findReachable(service: string, account: string): Promise<FoundSecret | null> {
    for (const spec of lookupOrder()) {
      const store = this.store(spec.name);
      let secret: string | null;
      try {
        secret = await store.get(service, account);
      } catch (error) {
        if (error instanceof UserError && error.code === 'keychain_unavailable') continue;
        throw error;
      }
      if (secret !== null) return { secret, store };
    }
    return null;
  }

  /**
   * The entries of one account kept together (the held key and the key parked beside it by a
   * create or rotation), in the order of `services`. When one of them is in an opt-in store (the
   * plain-text file), a keychain that cannot be reached at all (no session bus, no Secret
   * Service: a machine without one) holds nothing of the others, so they read as absent: a key
   * kept in the file never needs a keychain. Otherwise its error is thrown, and a keychain that
   * is there but locked or stuck always fails, as it may hold an entry.
   */
  async findTogether(account: string, services: readonly string[]): Promise<(FoundSecret | null)[]> {
    const found: (FoundSecret | null)[] = [];
    let unreachable: unknown;
    for (const service of services) {
      try {
        found.push(await this.find(service, account));
      } catch (error) {
        if (!(error instanceof UserError && error.code === 'keychain_unavailable')) throw error;
        unreachable ??= error;
        found.push(null);
      }
    }
    if (unreachable !== undefined && !found.some((f) => f !== null && storeNamed(f.store.name).optIn)) throw unreachable;
    return found;
  }

  async save(service: string, account: string, secret: string, name: StoreName): Promise<SecretStore> {
    const store = this.store(name);
    await store.set(service, account, secret);
    this.announceUse(store, 'stored in');
    return store;
  }

  /** Remove the entry from the store that holds it; returns which stores held it. */
  async remove(service: string, account: string, holder: SecretStore): Promise<StorageKind[]> {
    const removed: StorageKind[] = [];
    if (await holder.delete(service, account)) removed.push(holder.kind);
    if (removed.length) this.announceUse(holder, 'removed from');
    return removed;
  }

  /**
   * Remove the entry from every store (logout, revoke): a copy left in another store would
   * silently keep being used. A store that cannot be asked (a keychain absent here) only matters
   * if it held the entry: its error is thrown only when no store removed anything.
   */
  async removeEverywhere(service: string, account: string): Promise<StorageKind[]> {
    const removed: StorageKind[] = [];
    let failure: unknown;
    for (const spec of lookupOrder()) {
      try {
        removed.push(...await this.remove(service, account, this.store(spec.name)));
      } catch (error) {
        if (!spec.optIn) failure ??= error;
      }
    }
    if (failure !== undefined && removed.length === 0) throw failure;
    return removed;
  }

  /**
   * Remove copies of the entry from every store but `keep`: what a move cut short between its two
   * steps (new store written, old copy not yet removed) left behind. A keychain that cannot be
   * reached here (no session bus, no Secret Service) holds none; one that fails otherwise (locked,
   * stuck) is said out loud and left as it is: the key is safe where it is asked to be, and the
   * next `key write --store` tries again. Returns the stores that held one.
   */
  async removeOthers(service: string, account: string, keep: SecretStore): Promise<SecretStore[]> {
    const removedFrom: SecretStore[] = [];
    for (const spec of lookupOrder()) {
      if (spec.name === keep.name) continue;
      const store = this.store(spec.name);
      try {
        if ((await this.remove(service, account, store)).length) removedFrom.push(store);
      } catch (error) {
        if (error instanceof UserError && error.code === 'keychain_unavailable') continue;
        this.announce(`warning: could not remove a copy an earlier move may have left in the ${store.description}: ${(error as Error).message}`);
      }
    }
    return removedFrom;
  }

  /** Every use of an opt-in store is said out loud. */
  private announceUse(store: SecretStore, verb: string): void {
    if (!storeNamed(store.name).optIn) return;
    this.announce(`warning: key ${verb} the ${store.description} (--store file), not the OS keychain`);
  }
}

function lookupOrder() {
  return [...STORES.filter((s) => s.optIn), ...STORES.filter((s) => !s.optIn)];
}
