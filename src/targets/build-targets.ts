// From `--write` and its companion flags to the list of targets `key create` will fill.
import { realpathSync } from 'node:fs';
import type { Ctx } from '../context.ts';
import { UsageError } from '../errors.ts';
import { findOpenClaw } from '../openclaw/openclaw-cli.ts';
import { resolveOpenClawPaths } from '../openclaw/paths.ts';
import { OPENCLAW_STYLES, styleVariable, type OpenClawStyle } from '../openclaw/styles.ts';
import { DotenvTarget } from './dotenv-target.ts';
import { OpenClawTarget } from './openclaw-target.ts';
import { chooseProfile, ProfileTarget } from './profile-target.ts';
import { TARGET_NAMES, type KeyTarget, type TargetName } from './target.ts';
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

/** `--write openclaw,profile --write dotenv` → unique names; `none` stands alone. Default: openclaw. */
export function parseTargetNames(values: string[] | undefined): TargetName[] {
  const names = (values ?? ['openclaw']).flatMap((v) => v.split(',')).map((n) => n.trim()).filter(Boolean);
  for (const name of names) {
    if (!(TARGET_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`--write ${JSON.stringify(name)} is not a place ollm can write to.`, `Choose from ${TARGET_NAMES.join(', ')} (comma-separated or repeated).`);
    }
  }
  const unique = [...new Set(names)] as TargetName[];
  if (unique.includes('none') && unique.length > 1) throw new UsageError('--write none cannot be combined with other targets.');
  return unique.length ? unique : ['openclaw'];
}

export function parseStyle(value: string | undefined): OpenClawStyle {
  return (value ?? 'litellm') as OpenClawStyle;
}

/**
 * The targets for these flags. `recorded` (what ollm wrote for this key before) supplies what the
 * flags leave open — targets, style, profile mode — so re-writing a key never silently turns a
 * keychain-style config or a lookup profile into a plaintext key.
 */
export async function buildTargets(ctx: Ctx, flags: TargetFlags, alias: string, recorded: TargetRecord[] = []): Promise<KeyTarget[]> {
  const recordedNames = [...new Set(recorded.map((r) => r.kind))];
  const names = parseTargetNames(flags.write ?? (recordedNames.length ? recordedNames : undefined)).filter((n) => n !== 'none');
  const recordedOpenClaw = recorded.find((r) => r.kind === 'openclaw');
  const recordedProfile = recorded.find((r) => r.kind === 'profile');
  const style = parseStyle(flags.openclawStyle ?? (recordedOpenClaw?.kind === 'openclaw' ? recordedOpenClaw.style : undefined));
  if (!OPENCLAW_STYLES.includes(style)) throw new UsageError(`--openclaw-style ${style} is unknown.`, 'Use litellm, anthropic or keychain.');
  if (style === 'keychain' && flags.insecureStorage && names.includes('openclaw')) {
    throw new UsageError('--openclaw-style keychain keeps the key out of every file, which --insecure-storage contradicts.', 'Use the OS keychain (drop --insecure-storage), or another style.');
  }
  const paths = resolveOpenClawPaths(flags.openclawConfig ? resolve(flags.openclawConfig) : undefined, ctx.env);
  const home = homeDir(ctx.env);
  const variable = styleVariable(style);
  const targets: KeyTarget[] = [];
  for (const name of names) {
    if (name === 'openclaw') {
      targets.push(new OpenClawTarget(ctx, paths, { style, defaultModel: flags.defaultModel, updateAuthProfile: flags.openclawProfile !== false }, await openClawFor(ctx, paths.configFile)));
    } else if (name === 'profile') {
      const mode = (flags.profileMode ?? (recordedProfile?.kind === 'profile' ? recordedProfile.mode : undefined)) === 'lookup' ? 'lookup' : 'literal';
      targets.push(new ProfileTarget(chooseProfile(ctx.env, home, flags.profileFile ? resolve(flags.profileFile) : undefined), variable, mode, (key) => lookupCommand(key.alias, key.proxyBase)));
    } else if (name === 'dotenv') {
      targets.push(new DotenvTarget(join(paths.stateDir, '.env'), variable));
    }
  }
  return targets;
}

/** `ollm key get --reveal …` by absolute paths of node and ollm, so a login shell needs no PATH for it. */
function lookupCommand(alias: string, proxyBase: string): string[] {
  let self = process.argv[1] ?? 'ollm';
  try { self = realpathSync(self); } catch { /* keep as given */ }
  return [process.execPath, self, 'key', 'get', '--reveal', '--alias', alias, '--proxy-url', proxyBase];
}

/** The targets a key was written to (from the manifest), ready to be written again (rotation). */
export async function targetsFromRecords(ctx: Ctx, records: TargetRecord[]): Promise<KeyTarget[]> {
  return Promise.all(records.map(async (record): Promise<KeyTarget> => {
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
