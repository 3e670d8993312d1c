// The `openclaw` target: OpenClaw's own config file, edited losslessly in the chosen style,
// checked by the real OpenClaw when it is installed, and undone if OpenClaw rejects it.
import type { Ctx } from '../../context.ts';
import { UserError } from '../../errors.ts';
import { join } from 'node:path';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { readTextOrEmpty } from '../../io/read-optional.ts';
import { OpenClawConfigFile, type LoadedConfig } from './config-file.ts';
import { Json5Document } from '../../edit/json5-document.ts';
import { getDotenvVar } from '../../targets/dotenv-file.ts';
import { placeKey } from './config-edits.ts';
import { migrateLegacyEnv } from './legacy-env.ts';
import { RESOLVER_ARGS, RESOLVER_PASS_ENV, writeResolverLauncher } from './resolver.ts';
import { providerName, styleVariable, type OpenClawStyle } from './styles.ts';
import type { OpenClawPaths } from './paths.ts';
import type { OpenClawCli } from './openclaw-cli.ts';
import { assertWritableFile } from '../../io/writable.ts';
import type { KeyTarget, KeyToWrite, TargetOutcome } from '../../targets/target.ts';

/** Models declared in OpenClaw's config at most (a few hundred bytes each at worst). */
export const MAX_MODELS_WRITTEN = 500;

export interface OpenClawTargetOptions {
  style: OpenClawStyle;
  defaultModel?: string;
  /** Update an OpenClaw auth profile that would override the config (else only warn). */
  updateAuthProfile: boolean;
  /** The style ollm last wrote this config in (a switch removes what that style left). */
  previousStyle?: OpenClawStyle;
}

export class OpenClawTarget implements KeyTarget {
  readonly kind = 'openclaw' as const;
  private readonly config: OpenClawConfigFile;

  constructor(
    private readonly ctx: Ctx,
    private readonly paths: OpenClawPaths,
    private readonly options: OpenClawTargetOptions,
    private readonly cli: OpenClawCli | null,
  ) {
    this.config = new OpenClawConfigFile(paths, ctx.env);
  }

  async prepare(): Promise<void> {
    await this.config.preflight();
    if (this.options.style === 'keychain') await assertWritableFile(`${this.ctx.paths.stateDir}/openclaw-resolver`, 'the resolver launcher');
  }

  async write(key: KeyToWrite): Promise<TargetOutcome> {
    const notes: string[] = [];
    const models = await this.modelsOf(key, notes);
    const resolver = this.options.style === 'keychain'
      ? { command: await writeResolverLauncher(this.ctx.paths.stateDir), args: RESOLVER_ARGS, passEnv: RESOLVER_PASS_ENV }
      : undefined;

    const loaded = await this.config.load();
    const moved = migrateLegacyEnv(loaded.doc);
    if (moved.length) notes.push(`moved legacy env.${moved.join(', env.')} into env.vars`);
    const report = placeKey(loaded.doc, {
      style: this.options.style, proxyBase: key.proxyBase, account: key.account, secret: key.secret, models,
      defaultModel: this.options.defaultModel, resolver, previousStyle: this.options.previousStyle,
    });
    notes.push(...report.notes);
    if (report.primaryModel) notes.push(`OpenClaw's default model is now ${report.primaryModel}`);
    const { backup } = await this.config.saveValidated(loaded, loaded.doc.toString(), this.cli);
    if (backup) notes.push(`backup: ${backup}`);

    if (this.cli) {
      try {
        notes.push(...await this.syncAuthProfile(key, loaded, loaded.doc.toString()));
      } catch (error) {
        // The config holds the key already: report, but keep the target recorded.
        if (!(error instanceof UserError)) throw error;
        this.ctx.warn(`warning: ${error.message}${error.hint ? `\n  ${error.hint}` : ''}`);
      }
    }
    if (this.options.style !== 'keychain') await this.warnAboutShadows(key, styleVariable(this.options.style));
    else {
      const dropped = await this.config.dropBackupsWithKeys(loaded.target);
      if (dropped) notes.push(`removed ${dropped} of ollm's backups that still held a plaintext key`);
    }

    const variable = this.options.style === 'keychain' ? undefined : styleVariable(this.options.style);
    return {
      record: { kind: 'openclaw', file: this.config.file, style: this.options.style, ...(variable ? { variable } : {}) },
      description: `OpenClaw config ${this.config.file} (${variable ? `env.vars.${variable}` : 'exec secret provider "ollm"'})`,
      notes,
    };
  }

  /** The models the new key may use; an empty list (with a note) when the proxy will not say. */
  private async modelsOf(key: KeyToWrite, notes: string[]): Promise<string[]> {
    try {
      const models = await (await this.ctx.litellm()).listModels({ secret: key.secret, kind: 'virtual' });
      // A proxy may list 100,000 models: written in full, the config would outgrow what ollm
      // edits (5 MB), and the next rotation could not put the new key in it.
      if (models.length <= MAX_MODELS_WRITTEN) return models;
      notes.push(`the proxy lists ${models.length} models; only the first ${MAX_MODELS_WRITTEN} were declared in models.providers.*.models (add others yourself)`);
      return models.slice(0, MAX_MODELS_WRITTEN);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      notes.push(`could not list the proxy's models (${error.message}); add them to models.providers.*.models yourself`);
      return [];
    }
  }

  /**
   * A stored OpenClaw auth profile beats every env source and the config, so the key just
   * written would be silently ignored. For the env-var styles ollm replaces the profile's key;
   * for the keychain style it only warns (pasting would put the key in OpenClaw's database).
   */
  private async syncAuthProfile(key: KeyToWrite, loaded: LoadedConfig, ours: string): Promise<string[]> {
    const provider = providerName(this.options.style);
    const profiles = await this.cli!.authProfiles(provider);
    if (profiles.length === 0) return [];
    if (!this.options.updateAuthProfile || this.options.style === 'keychain') {
      const fix = this.options.style === 'keychain'
        ? profiles.map((id) => `openclaw models auth logout ${id} --yes`).join('\n  ')
        : profiles.map((id) => `ollm key get --reveal --alias ${key.alias} | openclaw models auth paste-api-key --provider ${provider} --profile-id ${id}`).join('\n  ');
      this.ctx.warn(`warning: OpenClaw has a stored auth profile (${profiles.join(', ')}) that overrides the key in its config. To fix it:\n  ${fix}`);
      return [];
    }
    for (const id of profiles) await this.cli!.pasteApiKey(provider, id, key.secret);
    await this.keepCommentsAfterOpenClawRewrite(loaded, ours);
    return [`updated OpenClaw's stored auth profile ${profiles.join(', ')}, which overrides the config`];
  }

  // paste-api-key rewrites the config as plain JSON, dropping the user's comments. Put ollm's
  // lossless text back, carrying over what OpenClaw added (its `auth` and `meta` blocks).
  private async keepCommentsAfterOpenClawRewrite(loaded: LoadedConfig, ours: string): Promise<void> {
    const rewritten = await this.config.load();
    const doc = Json5Document.parse(ours, this.config.file);
    for (const key of ['auth', 'meta']) {
      const value = rewritten.doc.get([key]);
      if (value !== undefined) doc.set([key], value);
    }
    await writeFileAtomic(loaded.target, doc.toString(), { mode: 0o600 });
  }

  /** Sources OpenClaw reads before `env.vars`: a different key there would win over ours. */
  private async warnAboutShadows(key: KeyToWrite, variable: string): Promise<void> {
    if (this.ctx.env[variable] && this.ctx.env[variable] !== key.secret) {
      this.ctx.warn(`warning: ${variable} is set in this shell's environment to another key; OpenClaw started from here would use that one. Update it with \`eval "$(ollm env --alias ${key.alias})"\` or unset it.`);
    }
    const dotenv = join(this.paths.stateDir, '.env');
    const value = getDotenvVar(await readTextOrEmpty(dotenv).catch(() => ''), variable);
    if (value !== null && value !== key.secret) {
      this.ctx.warn(`warning: ${dotenv} sets ${variable} to another key, and it wins over the config. Update it with \`ollm key write --alias ${key.alias} --write dotenv\`, or remove that line.`);
    }
  }
}
