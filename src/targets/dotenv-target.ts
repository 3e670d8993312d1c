// The `dotenv` target: OpenClaw's state-dir `.env`, which daemons (systemd, launchd) read.
import { readTextOrEmpty } from '../io/read-optional.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { removeDotenvVar, setDotenvVar } from './dotenv-file.ts';
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

/**
 * The `dotenv` target under the keychain style: the plaintext line ollm wrote before is taken out
 * (the variable it wrote, whatever key it holds now), and the .env stops being a target.
 */
export class DotenvRemoval implements KeyTarget {
  readonly kind = 'dotenv' as const;

  constructor(private readonly file: string, private readonly variable: string) {}

  prepare(): Promise<void> {
    return assertWritableFile(this.file, 'OpenClaw\'s .env file');
  }

  async write(): Promise<TargetOutcome> {
    const text = await readTextOrEmpty(this.file);
    const next = removeDotenvVar(text, this.variable, () => true);
    if (next !== null) await writeFileAtomic(this.file, next, { mode: 0o600, dirMode: 0o700 });
    const record = { kind: 'dotenv' as const, file: this.file, variable: this.variable };
    return {
      record, forget: true,
      description: `OpenClaw .env ${this.file} (${this.variable} removed: the keychain style keeps the key out of files)`,
      notes: [],
    };
  }
}
