// One held secret, looked up as the vault does it (secrets/key-vault.ts `find`): the opt-in
// plain-text store first, then the OS keychain, with the same store classes, paths and keychain
// timeout, but without the vault's context. Whether it came from the plain-text store is
// returned, because the vault announces that on stderr; the helper leaves that case to the CLI.
import { resolvePaths } from '../config/paths.ts';
import { InsecureFileStore } from '../secrets/insecure-file-store.ts';
import { KeychainStore } from '../secrets/keychain.ts';
import { DEFAULT_KEYCHAIN_TIMEOUT_MS } from '../secrets/stores.ts';

export interface HeldSecret { secret: string; fromPlainTextFile: boolean }

export class HeldSecrets {
  private readonly file: InsecureFileStore;
  private keychain?: KeychainStore;

  constructor(private readonly env: NodeJS.ProcessEnv) {
    this.file = new InsecureFileStore(resolvePaths(env).insecureStoreFile);
  }

  /** The secret, or null when no store holds it; a store's UserError when one cannot be read. */
  async find(service: string, account: string): Promise<HeldSecret | null> {
    const inFile = await this.file.get(service, account);
    if (inFile !== null) return { secret: inFile, fromPlainTextFile: true };
    this.keychain ??= new KeychainStore(Number(this.env.OLLM_KEYCHAIN_TIMEOUT_MS) || DEFAULT_KEYCHAIN_TIMEOUT_MS);
    const inKeychain = await this.keychain.get(service, account);
    return inKeychain === null ? null : { secret: inKeychain, fromPlainTextFile: false };
  }
}
