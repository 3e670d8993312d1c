// Reading a file that may not exist yet (a profile, a .env): missing is "", anything else throws.
import { readFile } from 'node:fs/promises';

export async function readTextOrEmpty(path: string): Promise<string> {
  return (await readTextIfExists(path)) ?? '';
}

export async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return null;
    throw error;
  }
}
