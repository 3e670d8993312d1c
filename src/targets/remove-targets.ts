// Taking a key back out of every place it was written (revoke): only where it is still this key.
import { dirname } from 'node:path';
import type { Ctx } from '../context.ts';
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { readTextIfExists } from '../io/read-optional.ts';
import { keyToken } from '../keys/held-key.ts';
import { OpenClawConfigFile } from '../assistants/openclaw/config-file.ts';
import { removeKey } from '../assistants/openclaw/config-edits.ts';
import { removeDotenvVar } from './dotenv-file.ts';
import { readBlockKey, removeBlock } from './profile-block.ts';
import { saveProfileEdit } from './profile-file.ts';
import type { TargetRecord } from './manifest.ts';

export interface RemovalReport {
  /** "OpenClaw config …: env.vars.LITELLM_API_KEY" */
  removed: string[];
  problems: string[];
}

/** `tokens`: the hashes of the keys being revoked (a rotation may have left more than one). */
export async function removeFromTargets(ctx: Ctx, account: string, tokens: string | string[]): Promise<RemovalReport> {
  const manifest = await ctx.manifest();
  const records = await manifest.targetsOf(account);
  const revoked = new Set(typeof tokens === 'string' ? [tokens] : tokens);
  const isThisKey = (value: string) => revoked.has(keyToken(value));
  const report: RemovalReport = { removed: [], problems: [] };
  for (const record of records) {
    try {
      const what = await removeFrom(ctx, record, account, isThisKey);
      if (what) report.removed.push(what);
    } catch (error) {
      report.problems.push(error instanceof UserError || error instanceof Error ? error.message : String(error));
    }
  }
  // The key is dead either way: a place that could not be cleaned is reported (problems), not kept
  // as a target — a later key of the same alias was never written there.
  await manifest.forget(account);
  return report;
}

async function removeFrom(ctx: Ctx, record: TargetRecord, account: string, isThisKey: (v: string) => boolean): Promise<string | null> {
  if (record.kind === 'openclaw') {
    if (ctx.env.OPENCLAW_CONFIG_READONLY === '1') throw new UserError(`OpenClaw's config ${record.file} is read-only (OPENCLAW_CONFIG_READONLY=1); the key was left in it.`, { code: 'openclaw_config_readonly' });
    const config = new OpenClawConfigFile({ configFile: record.file, configSource: 'ollm\'s target list', stateDir: dirname(record.file) }, ctx.env);
    const loaded = await config.load();
    if (loaded.original === null) return null;
    const removed = removeKey(loaded.doc, record.style, account, isThisKey);
    if (removed.length === 0) return null;
    await config.save(loaded, loaded.doc.toString());
    return `OpenClaw config ${record.file}: ${removed.join(', ')}`;
  }
  const text = await readTextIfExists(record.file);
  if (text === null) return null;
  if (record.kind === 'profile' && record.mode === 'literal') {
    const inBlock = readBlockKey(text, account);
    if (inBlock !== null && !isThisKey(inBlock)) return null;
  }
  if (record.kind === 'profile') {
    if (!await saveProfileEdit(record.file, text, (t) => removeBlock(t, account))) return null;
    return `shell profile ${record.file}: the ollm block`;
  }
  const next = removeDotenvVar(text, record.variable, isThisKey);
  if (next === null) return null;
  await writeFileAtomic(record.file, next);
  return `.env ${record.file}: ${record.variable}`;
}
