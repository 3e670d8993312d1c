// OpenCode's default model (its top-level `model: "<provider>/<id>"`) in each config ollm wrote
// this key to, when it names ollm's provider (so it goes through the proxy with this key):
// `key update --models` must keep it. A config that cannot be read is left out (the doctor says why).
import { readFile } from 'node:fs/promises';
import { Json5Document } from '../../edit/json5-document.ts';
import type { Ctx } from '../../context.ts';
import type { DefaultModelUse } from '../assistant.ts';
import { isOpenCodeRecord } from './record.ts';

export async function openCodeDefaultsOf(ctx: Ctx, account: string): Promise<DefaultModelUse[]> {
  const found: DefaultModelUse[] = [];
  for (const record of (await (await ctx.manifest()).targetsOf(account)).filter(isOpenCodeRecord)) {
    const named = await readFile(record.file, 'utf8').then((text) => Json5Document.parse(text, record.file).get(['model'])).catch(() => undefined);
    const prefix = `${record.provider}/`;
    if (typeof named === 'string' && named.startsWith(prefix) && named.length > prefix.length) {
      found.push({ named, model: named.slice(prefix.length), file: record.file, kind: record.kind });
    }
  }
  return found;
}
