// Reading an assistant's JSON, JSONC or JSON5 config for a lossless edit, and the ring of backups
// kept before each write. Every assistant that edits such a file refuses the same things early —
// a directory in the way, a file too big to be a config, one it cannot read or parse — with its
// own names in the messages (`labels`), and changes nothing until the file parses.
import { chmod, copyFile, readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.ts';
import { resolveWriteTarget } from '../io/atomic-write.ts';
import { Json5Document, Json5DocumentError, Json5SyntaxError, type ParseOptions } from './json5-document.ts';

/** Real configs are a few KB; anything this big is not one ollm should rewrite. */
const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

export interface LoadedConfig {
  doc: Json5Document;
  /** The text as read (null when the file did not exist yet). */
  original: string | null;
  /** The file actually written: a symlinked config is written through to its target. */
  target: string;
}

export interface ConfigLabels {
  /** `OpenClaw's config`, for messages. */
  what: string;
  /** The error codes' prefix: `openclaw_config` (`…_invalid`, `…_too_large`, `…_unreadable`). */
  code: string;
  /** How to point ollm at the right file: `Point --openclaw-config (or OPENCLAW_CONFIG_PATH) at the openclaw.json file.` */
  pointAt: string;
  /** The flag that names the file: `--openclaw-config`. */
  flag: string;
  /** Where else the key can go: `write the key elsewhere with --write profile|dotenv|none`. */
  elsewhere: string;
}

export async function loadConfigForEdit(file: string, labels: ConfigLabels, options: ParseOptions = {}): Promise<LoadedConfig> {
  const target = await resolveTarget(file);
  let original: string | null = null;
  try {
    const info = await stat(target);
    if (info.isDirectory()) {
      throw new UserError(`${labels.what} path ${file} is a directory, not a file.`, { code: `${labels.code}_invalid`, hint: labels.pointAt });
    }
    if (info.size > MAX_CONFIG_BYTES) {
      throw new UserError(`${labels.what} ${file} is ${(info.size / 1024 / 1024).toFixed(1)} MB; ollm only edits configs up to ${MAX_CONFIG_BYTES / 1024 / 1024} MB.`, {
        code: `${labels.code}_too_large`, hint: `Check that this is the right file (${labels.flag}), or ${labels.elsewhere}.`,
      });
    }
    original = await readFile(target, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UserError(`Cannot read ${labels.what} ${file}: ${(error as Error).message}.`, { code: `${labels.code}_unreadable` });
    }
  }
  try {
    return { doc: Json5Document.parse(original ?? '', file, options), original, target };
  } catch (error) {
    if (error instanceof Json5SyntaxError) {
      throw new UserError(error.message, {
        code: `${labels.code}_invalid`, hint: `Fix the file by hand (line ${error.line}, column ${error.column}); ollm changes nothing until it parses.`,
      });
    }
    if (error instanceof Json5DocumentError) {
      throw new UserError(`${error.message}.`, { code: `${labels.code}_invalid`, hint: `Check that this is the right file (${labels.flag}), and fix it by hand; ollm changes nothing until it can read it.` });
    }
    throw error;
  }
}

async function resolveTarget(path: string): Promise<string> {
  // The same file writeFileAtomic writes: through a symlink, also a dangling one.
  try {
    return await resolveWriteTarget(path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    return path; // unreadable: the read that follows says why
  }
}

export { backUpConfig } from '../io/config-backups.ts';
