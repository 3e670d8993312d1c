// From `--write` and its companion flags (else what was written before, else ollm's config defaults) to the targets a key goes to.
import { ownEntryFile } from '../io/own-entry.ts';
import type { Ctx } from '../context.ts';
import { UsageError } from '../errors.ts';
import { findOpenClaw } from '../openclaw/openclaw-cli.ts';
import { resolveOpenClawPaths } from '../openclaw/paths.ts';
import { styleVariable } from '../openclaw/styles.ts';
import { DotenvRemoval, DotenvTarget } from './dotenv-target.ts';
import { OpenClawTarget } from './openclaw-target.ts';
import { chooseProfile, ProfileTarget } from './profile-target.ts';
import type { KeyTarget } from './target.ts';
import { DEFAULT_STYLE, DEFAULT_TARGETS, parseStyle, parseTargetList } from './write-flags.ts';
import type { TargetRecord } from './manifest.ts';
import { join, resolve } from 'node:path';
import { homeDir } from '../config/home.ts';

export interface TargetFlags {
  write?: string[];
  openclawConfig?: string;
  openclawStyle?: string;
  defaultModel?: string;
  profileFile?: string;
  profileMode?: string;
  openclawProfile?: boolean;
  insecureStorage?: boolean;
}

/**
 * The targets for these flags. `recorded` (what ollm wrote for this key before) supplies what the
 * flags leave open — targets, style, profile mode — so re-writing a key never silently turns a
 * keychain-style config or a lookup profile into a plaintext key.
 */
export async function buildTargets(ctx: Ctx, flags: TargetFlags, alias: string, recorded: TargetRecord[] = []): Promise<KeyTarget[]> {
  const recordedNames = [...new Set(recorded.map((r) => r.kind))];
  const recordedOpenClaw = recorded.find((r) => r.kind === 'openclaw');
  const recordedProfile = recorded.find((r) => r.kind === 'profile');
  // flag > what was written before > `ollm config set targets|style` > built in.
  const config = await ctx.config();
  const chosenNames = parseTargetList(flags.write ?? recordedNames);
  const names = (chosenNames.length ? chosenNames : config.targets ?? DEFAULT_TARGETS).filter((n) => n !== 'none');
  const style = flags.openclawStyle !== undefined ? parseStyle(flags.openclawStyle)
    : recordedOpenClaw?.kind === 'openclaw' ? recordedOpenClaw.style : config.style ?? DEFAULT_STYLE;
  if (style === 'keychain' && flags.insecureStorage && names.includes('openclaw')) {
    const from = flags.openclawStyle !== undefined ? '--openclaw-style keychain' : 'The keychain style (from `ollm config set style`)';
    throw new UsageError(`${from} keeps the key out of every file, which --insecure-storage contradicts.`, 'Use the OS keychain (drop --insecure-storage), or another style.');
  }
  const paths = resolveOpenClawPaths(flags.openclawConfig ? resolve(flags.openclawConfig) : undefined, ctx.env);
  const home = homeDir(ctx.env);
  const variable = styleVariable(style);
  // "No plaintext key on disk": under the keychain style no target may write the key itself.
  const keychain = style === 'keychain';
  const targets: KeyTarget[] = [];
  for (const name of names) {
    if (name === 'openclaw') {
      targets.push(new OpenClawTarget(ctx, paths, { style, defaultModel: flags.defaultModel, updateAuthProfile: flags.openclawProfile !== false, previousStyle: recordedOpenClaw?.kind === 'openclaw' ? recordedOpenClaw.style : undefined }, await openClawFor(ctx, paths.configFile)));
    } else if (name === 'profile') {
      const mode = keychain ? keychainProfileMode(flags)
        : (flags.profileMode ?? (recordedProfile?.kind === 'profile' ? recordedProfile.mode : undefined)) === 'lookup' ? 'lookup' : 'literal';
      targets.push(new ProfileTarget(chooseProfile(ctx.env, home, flags.profileFile ? resolve(flags.profileFile) : undefined), variable, mode, (key) => lookupCommand(key.alias, key.proxyBase)));
    } else if (name === 'dotenv') {
      if (keychain && flags.write !== undefined) throw dotenvRefused(flags);
      const recordedDotenv = recorded.find((r) => r.kind === 'dotenv');
      // The keychain style: .env cannot look a key up, so the plaintext line ollm wrote goes.
      targets.push(keychain
        ? new DotenvRemoval(recordedDotenv?.kind === 'dotenv' ? recordedDotenv.file : join(paths.stateDir, '.env'), recordedDotenv?.kind === 'dotenv' ? recordedDotenv.variable : variable)
        : new DotenvTarget(join(paths.stateDir, '.env'), variable));
    }
  }
  if (keychain) targets.push(...plaintextLeftovers(recorded, names));
  return targets;
}

/**
 * Under the keychain style, places this key was written to in plaintext before but not chosen
 * now (`--write openclaw` after `--write openclaw,profile,dotenv`) are converted all the same: a
 * literal profile block to lookup mode, the .env line removed. Else the "keychain" key would
 * still sit in them in plaintext.
 */
function plaintextLeftovers(recorded: TargetRecord[], chosen: readonly string[]): KeyTarget[] {
  const extra: KeyTarget[] = [];
  for (const record of recorded) {
    if (chosen.includes(record.kind)) continue;
    if (record.kind === 'profile' && record.mode === 'literal') {
      extra.push(new ProfileTarget({ file: record.file, shell: record.shell }, record.variable, 'lookup', (key) => lookupCommand(key.alias, key.proxyBase)));
    } else if (record.kind === 'dotenv') {
      extra.push(new DotenvRemoval(record.file, record.variable));
    }
  }
  return extra;
}

function keychainProfileMode(flags: TargetFlags): 'lookup' {
  if (flags.profileMode === 'literal') {
    throw new UsageError('The keychain style keeps the key out of every file, so the shell profile cannot hold it literally (--profile-mode literal).', 'Drop --profile-mode literal: the profile then looks the key up from the keychain.');
  }
  return 'lookup';
}

function dotenvRefused(flags: TargetFlags): UsageError {
  const from = flags.openclawStyle !== undefined ? '--openclaw-style keychain' : 'The keychain style this key was written with';
  return new UsageError(`${from} keeps the key out of every file, and OpenClaw's .env can only hold it in plaintext (--write dotenv).`,
    'Drop dotenv from --write (the .env line ollm wrote is removed under the keychain style), or choose another style.');
}

/** `ollm key get --reveal …` by absolute paths of node and ollm, so a login shell needs no PATH for it. */
function lookupCommand(alias: string, proxyBase: string): string[] {
  return [process.execPath, ownEntryFile(), 'key', 'get', '--reveal', '--alias', alias, '--proxy-url', proxyBase];
}

/** The targets a key was written to (from the manifest), ready to be written again (rotation). */
export async function targetsFromRecords(ctx: Ctx, records: TargetRecord[], options: { keychainStyle?: boolean } = {}): Promise<KeyTarget[]> {
  return Promise.all(records.map(async (record): Promise<KeyTarget> => {
    // A key in the keychain style is never written in plaintext again, whatever older records say.
    if (options.keychainStyle && record.kind === 'dotenv') return new DotenvRemoval(record.file, record.variable);
    if (options.keychainStyle && record.kind === 'profile') {
      return new ProfileTarget({ file: record.file, shell: record.shell }, record.variable, 'lookup', (key) => lookupCommand(key.alias, key.proxyBase));
    }
    if (record.kind === 'openclaw') {
      const paths = { ...resolveOpenClawPaths(record.file, ctx.env), configFile: record.file };
      return new OpenClawTarget(ctx, paths, { style: record.style, updateAuthProfile: true }, await openClawFor(ctx, record.file));
    }
    if (record.kind === 'profile') {
      return new ProfileTarget({ file: record.file, shell: record.shell }, record.variable, record.mode, (key) => lookupCommand(key.alias, key.proxyBase));
    }
    return new DotenvTarget(record.file, record.variable);
  }));
}

/** The installed openclaw, pointed at this config file (its profiles and checks are per config). */
function openClawFor(ctx: Ctx, configFile: string) {
  return findOpenClaw({ ...ctx.env, OPENCLAW_CONFIG_PATH: configFile });
}
