// From `--write` and its companion flags (else what was written before, else ollm's config
// defaults) to the live targets a key goes to; each kind of the table builds its own.
import { resolve } from 'node:path';
import type { Ctx } from '../context.ts';
import { resolveOpenClawPaths } from '../assistants/openclaw/paths.ts';
import { styleVariable } from '../assistants/openclaw/styles.ts';
import type { TargetFlags, WriteChoice } from './kind.ts';
import { kindNamed, kindOf, type TargetRecord } from './kinds.ts';
import type { KeyTarget } from './target.ts';
import { DEFAULT_STYLE, DEFAULT_TARGETS, parseStyle, parseTargetList } from './write-flags.ts';

export type { TargetFlags };

/**
 * The targets for these flags. `recorded` (what ollm wrote for this key before) supplies what the
 * flags leave open — targets, style, profile mode — so re-writing a key never silently turns a
 * keychain-style config or a lookup profile into a plaintext key.
 */
export async function buildTargets(ctx: Ctx, flags: TargetFlags, recorded: TargetRecord[] = []): Promise<KeyTarget[]> {
  const recordedNames = [...new Set(recorded.map((r) => r.kind))];
  const recordedOpenClaw = recorded.find((r) => r.kind === 'openclaw');
  // flag > what was written before > `ollm config set targets|style` > built in.
  const config = await ctx.config();
  const chosenNames = parseTargetList(flags.write ?? recordedNames);
  const names = (chosenNames.length ? chosenNames : config.targets ?? DEFAULT_TARGETS).filter((n) => n !== 'none');
  // The style is the key's, recorded with its OpenClaw config: it decides for every target whether the key may sit in a file.
  const style = flags.openclawStyle !== undefined ? parseStyle(flags.openclawStyle)
    : recordedOpenClaw?.kind === 'openclaw' ? recordedOpenClaw.style : config.style ?? DEFAULT_STYLE;
  const choice: WriteChoice = {
    ctx, flags, recorded, names, style,
    // "No plaintext key on disk": under the keychain style no target may write the key itself.
    keychain: style === 'keychain',
    variable: styleVariable(style),
    openclawPaths: resolveOpenClawPaths(flags.openclawConfig ? resolve(flags.openclawConfig) : undefined, ctx.env),
  };
  const targets: KeyTarget[] = [];
  for (const name of names) targets.push(await kindNamed(name)!.forWrite(choice));
  if (choice.keychain) targets.push(...plaintextLeftovers(recorded, names));
  return targets;
}

/**
 * Under the keychain style, places this key was written to in plaintext before but not chosen
 * now (`--write openclaw` after `--write openclaw,profile,dotenv`) are converted all the same: a
 * literal profile block to lookup mode, the .env line removed. Else the "keychain" key would
 * still sit in them in plaintext.
 */
function plaintextLeftovers(recorded: TargetRecord[], chosen: readonly string[]): KeyTarget[] {
  return recorded.filter((r) => !chosen.includes(r.kind)).flatMap((r) => kindOf(r).plaintextLeftover?.(r) ?? []);
}

/** The targets a key was written to (from the manifest), ready to be written again (rotation). */
export async function targetsFromRecords(ctx: Ctx, records: TargetRecord[]): Promise<KeyTarget[]> {
  // A key in the keychain style is never written in plaintext again, whatever older records say.
  const keychainStyle = records.some((r) => kindOf(r).keepsKeyOutOfFiles?.(r) ?? false);
  const targets = await Promise.all(records.map((r) => kindOf(r).fromRecord(ctx, r, { keychainStyle })));
  return targets.filter((t): t is KeyTarget => t !== null);
}
