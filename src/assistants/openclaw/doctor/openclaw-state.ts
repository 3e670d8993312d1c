// Everything the doctor's OpenClaw checks look at, read once: the config OpenClaw itself would
// read, the `.env` beside it, what ollm recorded writing there, and the style that follows.
import { join, resolve } from 'node:path';
import type { Ctx } from '../../../context.ts';
import { UserError } from '../../../errors.ts';
import { readTextOrEmpty } from '../../../io/read-optional.ts';
import { OpenClawConfigFile, type LoadedConfig } from '../config-file.ts';
import { Json5Document } from '../../../edit/json5-document.ts';
import { migrateLegacyEnv } from '../legacy-env.ts';
import { resolveOpenClawPaths, type OpenClawPaths } from '../paths.ts';
import { SECRET_PROVIDER } from '../config-edits.ts';
import type { OpenClawStyle } from '../styles.ts';
import type { TargetRecord } from '../../../targets/manifest.ts';
import { isOpenClawRecord, type OpenClawRecord } from '../record.ts';
import type { EnvSources } from './env-sources.ts';

export type Plain = Record<string, unknown>;
export const isObject = (value: unknown): value is Plain => value !== null && typeof value === 'object' && !Array.isArray(value);

export interface OpenClawState {
  paths: OpenClawPaths;
  /** The config as read (`original` is null when the file does not exist); null when it could not be read. */
  loaded: LoadedConfig | null;
  /** Why the config could not be read or parsed. */
  error: UserError | null;
  /** The config as plain data ({} when missing or unreadable). */
  config: Plain;
  /** Flat `env.NAME` strings, OpenClaw's rejected legacy form. */
  legacyEnv: string[];
  /** Where ollm wrote this key for OpenClaw (targets.json), if it did. */
  recorded: OpenClawRecord | undefined;
  /** How the key reaches OpenClaw: as recorded, else as the config shows; null when the config has no provider for it. */
  style: OpenClawStyle | null;
  env: EnvSources;
}

export async function loadOpenClawState(ctx: Ctx, records: TargetRecord[]): Promise<OpenClawState> {
  const paths = resolveOpenClawPaths(undefined, ctx.env);
  const file = new OpenClawConfigFile(paths, ctx.env);
  let loaded: LoadedConfig | null = null;
  let error: UserError | null = null;
  try {
    loaded = await file.load();
  } catch (failure) {
    if (!(failure instanceof UserError)) throw failure;
    error = failure;
  }
  const config = loaded ? (loaded.doc.get([]) as Plain) : {};
  const dotenvFile = join(paths.stateDir, '.env');
  const recorded = records.find(isOpenClawRecord);
  const env = isObject(config.env) ? config.env : {};
  return {
    paths,
    loaded,
    error,
    config,
    legacyEnv: loaded?.original ? migrateLegacyEnv(Json5Document.parse(loaded.original, paths.configFile)) : [],
    recorded,
    style: recorded?.style ?? styleShownBy(config),
    env: {
      processEnv: ctx.env,
      dotenvFile,
      dotenvText: await readTextOrEmpty(dotenvFile).catch(() => ''),
      configFile: paths.configFile,
      vars: isObject(env.vars) ? env.vars : {},
    },
  };
}

/** The provider block of a style: one rule, in openclaw/styles.ts. */
export { providerName } from '../styles.ts';

export function providerBlock(config: Plain, name: string): Plain | undefined {
  const models = config.models;
  const providers = isObject(models) ? models.providers : undefined;
  const block = isObject(providers) ? providers[name] : undefined;
  return isObject(block) ? block : undefined;
}

// No record from ollm (the key was written by hand): read the style off the config.
function styleShownBy(config: Plain): OpenClawStyle | null {
  const litellm = providerBlock(config, 'litellm');
  if (litellm) {
    const apiKey = litellm.apiKey;
    return isObject(apiKey) && apiKey.source === 'exec' && apiKey.provider === SECRET_PROVIDER ? 'keychain' : 'litellm';
  }
  return typeof providerBlock(config, 'anthropic')?.baseUrl === 'string' ? 'anthropic' : null;
}

/** Whether ollm recorded writing the key to another file than the one OpenClaw reads. */
export function recordedElsewhere(state: OpenClawState): boolean {
  return state.recorded !== undefined && resolve(state.recorded.file) !== resolve(state.paths.configFile);
}
