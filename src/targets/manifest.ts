// ollm's record of where each key was written (`targets.json` in its state directory), so that
// rotation and revoke later update or remove exactly those places and nothing else. The record
// of each kind is the kind's own; the schema of them all is handed in (the kind table's).
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { withFileLock } from '../io/file-lock.ts';
import * as z from '../zod.ts';
import type { BaseRecord, TargetRecord } from './record.ts';

export type { TargetRecord };

interface Manifest {
  version: 1;
  accounts: Record<string, TargetRecord[]>;
}

export class TargetManifest {
  private readonly schema: z.ZodMiniType<Manifest>;

  /** `recordSchema`: a record of any kind there is (KindTable.recordSchema). */
  constructor(readonly file: string, recordSchema: z.ZodMiniType<BaseRecord>) {
    this.schema = z.object({ version: z.literal(1), accounts: z.record(z.string(), z.array(recordSchema)) }) as unknown as z.ZodMiniType<Manifest>;
  }

  async accounts(): Promise<string[]> {
    return Object.keys((await this.read()).accounts);
  }

  async targetsOf(account: string): Promise<TargetRecord[]> {
    return (await this.read()).accounts[account] ?? [];
  }

  /**
   * Before a key is made: the list reads, its lock can be taken and its folder written, so a key
   * made next is never one this machine cannot record (a file at the lock's path, a read-only folder).
   */
  async checkWritable(): Promise<void> {
    await this.read();
    await withFileLock(this.file, async () => {
      const probe = join(dirname(this.file), `.write-check-${process.pid}`);
      await writeFile(probe, '', { mode: 0o600 });
      await unlink(probe);
    });
  }

  /** Add or replace (same kind and file) the records of an account; with none, the account is still listed (held here). */
  async record(account: string, records: TargetRecord[]): Promise<void> {
    await withFileLock(this.file, async () => {
      const manifest = await this.read();
      if (records.length === 0 && manifest.accounts[account]) return;
      const kept = (manifest.accounts[account] ?? []).filter((old) => !records.some((r) => r.kind === old.kind && r.file === old.file));
      manifest.accounts[account] = [...kept, ...records];
      await this.write(manifest);
    });
  }

  async forget(account: string, records?: TargetRecord[]): Promise<void> {
    await withFileLock(this.file, async () => {
      const manifest = await this.read();
      if (!manifest.accounts[account]) return;
      if (records) {
        manifest.accounts[account] = manifest.accounts[account]!.filter((old) => !records.some((r) => r.kind === old.kind && r.file === old.file));
      } else {
        delete manifest.accounts[account];
      }
      await this.write(manifest);
    });
  }

  private async read(): Promise<Manifest> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, accounts: {} };
      throw new UserError(`Cannot read ollm's target list ${this.file}: ${(error as Error).message}.`, { code: 'manifest_unreadable' });
    }
    let data: unknown;
    try { data = JSON.parse(text); } catch { data = null; }
    const parsed = this.schema.safeParse(data);
    if (!parsed.success) {
      throw new UserError(`ollm's target list ${this.file} is damaged.`, {
        code: 'manifest_damaged', hint: 'Move it aside; ollm then forgets where keys were written (the files themselves are untouched).',
      });
    }
    return parsed.data;
  }

  private async write(manifest: Manifest): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600, dirMode: 0o700 });
  }
}
