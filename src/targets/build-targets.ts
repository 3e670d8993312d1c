// From `--write` and its companion flags (else what was written before, else ollm's config
// defaults, else the assistant's) to the live targets a key goes to; each kind of the table builds
// its own, under the write policy of the assistant the key is written for.
import type { Assistant } from '../assistants/assistant.ts';
import { ASSISTANTS_SLOT } from '../assistants/assistant.ts';
import type { Ctx } from '../context.ts';
import type { TargetFlags, WriteChoice } from './kind.ts';
import { KINDS } from './kinds-slot.ts';
import type { KindTable } from './kind-table.ts';
import type { TargetRecord } from './record.ts';
import type { KeyTarget } from './target.ts';

export type { TargetFlags };

/**
 * The targets for these flags. `recorded` (what ollm wrote for this key before) supplies what the
 * flags leave open — targets, style, profile mode — so re-writing a key never silently turns a
 * keychain-style config or a lookup profile into a plaintext key. `assistant`: the one the key is
 * written for (`--for`), else the default one.
 */
export async function buildTargets(ctx: Ctx, flags: TargetFlags, recorded: readonly TargetRecord[] = [], assistant?: Assistant): Promise<KeyTarget[]> {
  const [kinds, assistants] = await Promise.all([ctx.wired(KINDS), ctx.wired(ASSISTANTS_SLOT)]);
  const forAssistant = assistant ?? assistants[0]!;
  const recordedNames = [...new Set(recorded.map((r) => r.kind))];
  // flag > what was written before > `ollm config set targets` > the assistant's own.
  const config = await ctx.config();
  const chosenNames = kinds.parseList(flags.write ?? recordedNames);
  const names = (chosenNames.length ? chosenNames : config.targets ?? forAssistant.defaultTargets).filter((n) => n !== 'none');
  const choice: WriteChoice = { ctx, flags, recorded, names, policy: await forAssistant.writePolicy(ctx, flags, recorded) };
  const targets: KeyTarget[] = [];
  // The policy's `own` is its assistant's reading of the flags: only that assistant's kinds get it.
  const foreign: WriteChoice = { ...choice, policy: { ...choice.policy, own: undefined } };
  for (const name of names) targets.push(await kinds.named(name)!.forWrite(forAssistant.targetKinds.some((k) => k.name === name) ? choice : foreign));
  if (choice.policy.keyOutOfFiles) targets.push(...plaintextLeftovers(kinds, recorded, names));
  return targets;
}

/**
 * When the key stays out of files, places this key was written to in plaintext before but not
 * chosen now (`--write openclaw` after `--write openclaw,profile,dotenv`) are converted all the
 * same: a literal profile block to lookup mode, the .env line removed. Else the "keychain" key
 * would still sit in them in plaintext.
 */
function plaintextLeftovers(kinds: KindTable, recorded: readonly TargetRecord[], chosen: readonly string[]): KeyTarget[] {
  return recorded.filter((r) => !chosen.includes(r.kind)).flatMap((r) => kinds.of(r).plaintextLeftover?.(r) ?? []);
}

/** The targets a key was written to (from the manifest), ready to be written again (rotation). */
export async function targetsFromRecords(ctx: Ctx, records: readonly TargetRecord[]): Promise<KeyTarget[]> {
  const kinds = await ctx.wired(KINDS);
  // A key in the keychain style is never written in plaintext again, whatever older records say.
  const keychainStyle = records.some((r) => kinds.of(r).keepsKeyOutOfFiles?.(r) ?? false);
  const targets = await Promise.all(records.map((r) => kinds.of(r).fromRecord(ctx, r, { keychainStyle })));
  return targets.filter((t): t is KeyTarget => t !== null);
}
