// OpenClaw's default models in the configs ollm wrote (the check of `--default-model` itself is
// shared by every assistant: ../default-model-check.ts).
import type { Ctx } from '../../context.ts';
import type { DefaultModelUse } from '../assistant.ts';
import { isOpenClawRecord } from './record.ts';

export { checkDefaultModel, checkDefaultModelText, keyAllowsModel } from '../default-model-check.ts';

/**
 * OpenClaw's default model in each config ollm wrote this key to, when it goes through the key's
 * provider (so through the proxy, with this key). A config that cannot be read is left out: the
 * doctor's own checks report it.
 */
export async function openClawDefaultsOf(ctx: Ctx, account: string): Promise<DefaultModelUse[]> {
  const records = (await (await ctx.manifest()).targetsOf(account)).filter(isOpenClawRecord);
  const found: DefaultModelUse[] = [];
  for (const record of records) {
    const [{ OpenClawConfigFile }, { resolveOpenClawPaths }, { defaultModelOf }, { providerName }] = await Promise.all([
      import('./config-file.ts'), import('./paths.ts'), import('./default-model-slot.ts'), import('./styles.ts'),
    ]);
    const file = new OpenClawConfigFile({ ...resolveOpenClawPaths(record.file, ctx.env), configFile: record.file }, ctx.env);
    const loaded = await file.load().catch(() => null);
    const primary = loaded?.original ? defaultModelOf(loaded.doc.get([]) as Record<string, unknown>) : undefined;
    const prefix = `${providerName(record.style)}/`;
    if (primary?.startsWith(prefix)) found.push({ named: primary, model: primary.slice(prefix.length), file: record.file, kind: record.kind });
  }
  return found;
}
