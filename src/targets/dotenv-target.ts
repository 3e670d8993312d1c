// The `dotenv` target: OpenClaw's state-dir `.env`, which daemons (systemd, launchd) read.
import { readTextOrEmpty } from '../io/read-optional.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { setDotenvVar } from './dotenv-file.ts';
import { assertWritableFile } from '../io/writable.ts';
import type { KeyTarget, KeyToWrite, TargetOutcome } from './target.ts';

export class DotenvTarget implements KeyTarget {
  readonly kind = 'dotenv' as const;

  constructor(private readonly file: string, private readonly variable: string) {}

  prepare(): Promise<void> {
    return assertWritableFile(this.file, 'OpenClaw\'s .env file');
  }

  async write(key: KeyToWrite): Promise<TargetOutcome> {
    const text = await readTextOrEmpty(this.file);
    await writeFileAtomic(this.file, setDotenvVar(text, this.variable, key.secret), { mode: 0o600, dirMode: 0o700 });
    return {
      record: { kind: 'dotenv', file: this.file, variable: this.variable },
      description: `OpenClaw .env ${this.file} (${this.variable})`,
      notes: [],
    };
  }
}
