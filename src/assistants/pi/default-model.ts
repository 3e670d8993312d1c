// pi's default model: `defaultProvider` and `defaultModel` in its settings.json (strict JSON: pi
// reads it with JSON.parse). ollm sets them only when asked (`--default-model`), and revoke takes
// them out again only while they still name what ollm wrote.
import { readFile } from 'node:fs/promises';
import { UserError } from '../../errors.ts';
import { resolveWriteTarget, writeFileAtomic } from '../../io/atomic-write.ts';
import { Json5Document } from '../../edit/json5-document.ts';
import { PI_PROVIDER } from './styles.ts';
import { isPiRecord } from './record.ts';
import type { Ctx } from '../../context.ts';
import type { DefaultModelUse } from '../assistant.ts';
import { resolvePiPaths } from './paths.ts';

async function loadSettings(file: string): Promise<{ doc: Json5Document; target: string; existed: boolean }> {
  const target = await resolveWriteTarget(file);
  const text = await readFile(target, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
  if (text !== null && text.trim() !== '') {
    try {
      JSON.parse(text);
    } catch (error) {
      throw new UserError(`pi cannot read its settings ${file} (${(error as Error).message}), so ollm did not set its default model there.`, { code: 'pi_settings_invalid', hint: 'Fix the file by hand (pi reads plain JSON), then run the command again.' });
    }
  }
  return { doc: Json5Document.parse(text ?? '', file), target, existed: text !== null };
}

/** Make `litellm/<model>` pi's default. */
export async function setPiDefaultModel(file: string, model: string): Promise<void> {
  const { doc, target } = await loadSettings(file);
  doc.set(['defaultProvider'], PI_PROVIDER);
  doc.set(['defaultModel'], model);
  await writeFileAtomic(target, doc.toString(), { mode: 0o600, dirMode: 0o700 });
}

/** Take out the default ollm set, if pi's settings still name it; whether they did. */
export async function clearPiDefaultModel(file: string, model: string): Promise<boolean> {
  const { doc, target, existed } = await loadSettings(file);
  if (!existed || doc.get(['defaultProvider']) !== PI_PROVIDER || doc.get(['defaultModel']) !== model) return false;
  doc.delete(['defaultProvider']);
  doc.delete(['defaultModel']);
  await writeFileAtomic(target, doc.toString(), { mode: 0o600, dirMode: 0o700 });
  return true;
}

/**
 * pi's default model (its settings.json) for each models.json ollm wrote this key to, when it is ollm's provider
 * (so it goes through the proxy with this key): `key update --models` must keep it. A settings
 * file that cannot be read is left out (the doctor reports it).
 */
export async function piDefaultsOf(ctx: Ctx, account: string): Promise<DefaultModelUse[]> {
  const found: DefaultModelUse[] = [];
  for (const record of (await (await ctx.manifest()).targetsOf(account)).filter(isPiRecord)) {
    const file = resolvePiPaths(record.file, ctx.env).settingsFile; // where the write set it
    const settings = await readFile(file, 'utf8').then((text) => JSON.parse(text) as Record<string, unknown>).catch(() => null);
    const model = settings?.defaultModel;
    if (settings?.defaultProvider === PI_PROVIDER && typeof model === 'string' && model !== '') {
      found.push({ named: `${PI_PROVIDER}/${model}`, model, file, kind: record.kind });
    }
  }
  return found;
}
