// The explicit opt-in plain-text store (`--store file`, alias `--insecure-storage`): a 0600 JSON file in ollm's
// state directory, for machines with no usable keychain. Every use is announced by the caller.
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { withFileLock } from '../io/file-lock.ts';
import type { SecretStore } from './store.ts';

interface FileContent {
  version: 1;
  secrets: Record<string, string>;
}

function entryName(service: string, account: string): string {
  return `${service}/${account}`;
}

export class InsecureFileStore implements SecretStore {
  readonly name = 'file' as const;
  readonly kind = 'insecure-file' as const;

  constructor(readonly file: string) {}

  get description(): string {
    return `plain-text file ${this.file}`;
  }

  /** The file must be readable (not damaged) and its directory writable; nothing is left behind. */
  async checkWritable(): Promise<void> {
    await this.read();
    const dir = dirname(this.file);
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const probe = join(dir, `.write-check-${process.pid}`);
      await writeFile(probe, '', { mode: 0o600 });
      await unlink(probe);
    } catch (error) {
      throw new UserError(`Cannot write the insecure key file in ${dir}: ${(error as Error).message}.`, {
        code: 'insecure_store_unwritable', hint: 'Check that your state directory is writable (XDG_STATE_HOME / HOME).',
      });
    }
  }

  async get(service: string, account: string): Promise<string | null> {
    const content = await this.read();
    return content.secrets[entryName(service, account)] ?? null;
  }

  async set(service: string, account: string, secret: string): Promise<void> {
    await withFileLock(this.file, async () => {
      const content = await this.read();
      content.secrets[entryName(service, account)] = secret;
      await this.write(content);
    });
  }

  delete(service: string, account: string): Promise<boolean> {
    return withFileLock(this.file, async () => {
      const content = await this.read();
      const name = entryName(service, account);
      if (!(name in content.secrets)) return false;
      delete content.secrets[name];
      await this.write(content);
      return true;
    });
  }

  private async read(): Promise<FileContent> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      // ENOTDIR: a file where a directory should be — the store does not exist (writing will say why).
      if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return { version: 1, secrets: {} };
      throw new UserError(`Cannot read the insecure key file ${this.file}: ${(error as Error).message}.`, { code: 'insecure_store_unreadable' });
    }
    try {
      const data = JSON.parse(text) as FileContent;
      if (data && typeof data.secrets === 'object' && data.secrets !== null) return { version: 1, secrets: { ...data.secrets } };
    } catch { /* reported below */ }
    throw new UserError(`The insecure key file ${this.file} is damaged (not ollm's JSON).`, {
      code: 'insecure_store_damaged', hint: 'Move it aside and recreate the keys, or fix the JSON by hand.',
    });
  }

  private async write(content: FileContent): Promise<void> {
    try {
      await writeFileAtomic(this.file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, dirMode: 0o700 });
    } catch (error) {
      throw new UserError(`Cannot write the insecure key file ${this.file}: ${(error as Error).message}.`, {
        code: 'insecure_store_unwritable', hint: 'Check that your state directory is writable (XDG_STATE_HOME / HOME).',
      });
    }
  }
}
