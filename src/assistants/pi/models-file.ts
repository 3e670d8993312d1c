// Reading and safely rewriting pi's models.json: refuse early (a directory, too big, not
// writable, not readable by pi), back up, write atomically 0600 through symlinks, and keep every
// other provider, setting and comment (the lossless JSON5 editor). Backups: io/config-backups.ts.
import { readFile, stat } from 'node:fs/promises';
import { UserError } from '../../errors.ts';
import { resolveWriteTarget, writeFileAtomic } from '../../io/atomic-write.ts';
import { backUpConfig } from '../../io/config-backups.ts';
import { assertWritableFile } from '../../io/writable.ts';
import { Json5Document, Json5DocumentError, Json5SyntaxError } from '../../edit/json5-document.ts';

/** Real files are a few KB; anything this big is not one ollm should rewrite. */
const MAX_BYTES = 5 * 1024 * 1024;

export interface LoadedModels {
  doc: Json5Document;
  /** The text as read (null when the file did not exist yet). */
  original: string | null;
  /** The file actually written: a symlinked models.json is written through to its target. */
  target: string;
}

/**
 * pi's own reader (0.73.1, model-registry.js): `//` comments and trailing commas are dropped,
 * then JSON.parse. Anything else JSON5 allows (unquoted keys, single quotes, block comments)
 * makes pi ignore the whole file, every provider in it.
 */
export function stripPiJsonComments(input: string): string {
  return input
    .replace(/"(?:\\.|[^"\\])*"|\/\/[^\n]*/g, (m) => (m.startsWith('"') ? m : ''))
    .replace(/"(?:\\.|[^"\\])*"|,(\s*[}\]])/g, (m, tail: string | undefined) => tail ?? (m.startsWith('"') ? m : ''));
}

/** Why pi could not read this text, or null when it can. */
export function piReadProblem(text: string): string | null {
  if (text.trim() === '') return null;
  try {
    const parsed = JSON.parse(stripPiJsonComments(text)) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'it is not a JSON object';
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export class PiModelsFile {
  constructor(readonly file: string) {}

  /** Everything that would make a later write fail, checked before any key exists. */
  async preflight(): Promise<LoadedModels> {
    const loaded = await this.load();
    await assertWritableFile(loaded.target, 'pi\'s models.json', 'pi_models_unwritable');
    return loaded;
  }

  async load(): Promise<LoadedModels> {
    const target = await resolveWriteTarget(this.file).catch((error: unknown) => {
      if (error instanceof UserError) throw error;
      return this.file; // unreadable: the read below says why
    });
    let original: string | null = null;
    try {
      const info = await stat(target);
      if (info.isDirectory()) throw new UserError(`pi's models.json path ${this.file} is a directory, not a file.`, { code: 'pi_models_invalid', hint: 'Point --pi-models (or PI_CODING_AGENT_DIR) at pi\'s own files.' });
      if (info.size > MAX_BYTES) throw new UserError(`pi's models.json ${this.file} is ${(info.size / 1024 / 1024).toFixed(1)} MB; ollm only edits files up to ${MAX_BYTES / 1024 / 1024} MB.`, { code: 'pi_models_too_large', hint: 'Check that this is the right file (--pi-models).' });
      original = await readFile(target, 'utf8');
    } catch (error) {
      if (error instanceof UserError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new UserError(`Cannot read pi's models.json ${this.file}: ${(error as Error).message}.`, { code: 'pi_models_unreadable' });
    }
    const fix = 'Fix the file by hand; ollm changes nothing until pi can read it.';
    let doc: Json5Document;
    try {
      doc = Json5Document.parse(original ?? '', this.file);
    } catch (error) {
      if (error instanceof Json5SyntaxError) throw new UserError(error.message, { code: 'pi_models_invalid', hint: `${fix} (line ${error.line}, column ${error.column})` });
      if (error instanceof Json5DocumentError) throw new UserError(`${error.message}.`, { code: 'pi_models_invalid', hint: fix });
      throw error;
    }
    const problem = original === null ? null : piReadProblem(original);
    if (problem) throw new UserError(`pi cannot read its models.json ${this.file} (${problem}): it allows JSON with // comments and trailing commas, nothing more.`, { code: 'pi_models_invalid', hint: fix });
    return { doc, original, target };
  }

  /** Back up the old file, then write the new text atomically (0600, directory 0700). */
  async save(loaded: LoadedModels, text: string): Promise<{ backup: string | null }> {
    const problem = piReadProblem(text);
    // ollm's edits are plain JSON; this only trips on a bug, and then nothing is written.
    if (problem) throw new Error(`ollm's edit of ${this.file} would not be readable by pi: ${problem}`);
    const backup = loaded.original === null ? null : await backUpConfig(loaded.target);
    await writeFileAtomic(loaded.target, text, { mode: 0o600, dirMode: 0o700 });
    return { backup };
  }
}
