// The `opencode` target: OpenCode's config, edited losslessly — the provider entry pointing at the
// proxy with `{env:OLLM_OPENCODE_API_KEY}` (env style) or the key itself (file style).
import type { Ctx } from '../../context.ts';
import { UserError } from '../../errors.ts';
import type { KeyTarget, KeyToWrite, TargetOutcome } from '../../targets/target.ts';
import { OpenCodeConfigFile } from './config-file.ts';
import { MAX_MODELS_WRITTEN, placeProvider } from './config-edits.ts';
import type { OpenCodeRecord } from './record.ts';
import { OPENCODE_KEY_VARIABLE, OPENCODE_PROVIDER, type OpenCodeStyle } from './styles.ts';

export interface OpenCodeTargetOptions {
  file: string;
  style: OpenCodeStyle;
  defaultModel?: string;
  /** ollm made the provider entry in an earlier write (revoke takes the whole entry out). */
  createdBefore: boolean;
}

export class OpenCodeTarget implements KeyTarget {
  readonly kind = 'opencode' as const;
  private readonly config: OpenCodeConfigFile;

  constructor(private readonly ctx: Ctx, private readonly options: OpenCodeTargetOptions) {
    this.config = new OpenCodeConfigFile(options.file);
  }

  async prepare(): Promise<void> {
    await this.config.preflight();
  }

  async write(key: KeyToWrite): Promise<TargetOutcome> {
    const notes: string[] = [];
    const models = await this.modelsOf(key, notes);
    const loaded = await this.config.load();
    const report = placeProvider(loaded.doc, {
      provider: OPENCODE_PROVIDER, proxyBase: key.proxyBase, style: this.options.style, variable: OPENCODE_KEY_VARIABLE,
      secret: key.secret, models, defaultModel: this.options.defaultModel,
    });
    notes.push(...report.notes);
    if (report.defaultModel) notes.push(`OpenCode's default model is now ${report.defaultModel}`);
    const { backup } = await this.config.save(loaded);
    if (backup) notes.push(`backup: ${backup}`);
    if (this.options.style === 'env') {
      const alias = key.alias === 'opencode' ? '' : ` --alias ${key.alias}`;
      notes.push(`OpenCode reads ${OPENCODE_KEY_VARIABLE} when it starts: run it with \`ollm exec --for opencode${alias} -- opencode\`, or export it from your shell profile with \`ollm key write --for opencode${alias} --write opencode,profile --profile-mode lookup\``);
      if (this.ctx.env[OPENCODE_KEY_VARIABLE] && this.ctx.env[OPENCODE_KEY_VARIABLE] !== key.secret) {
        this.ctx.warn(`warning: ${OPENCODE_KEY_VARIABLE} is set in this shell to another key; OpenCode started from here would send that one. Start it with \`ollm exec --for opencode -- opencode\`, or unset it.`);
      }
    }
    const record: OpenCodeRecord = {
      kind: 'opencode', file: this.options.file, style: this.options.style, provider: OPENCODE_PROVIDER,
      ...(this.options.style === 'env' ? { variable: OPENCODE_KEY_VARIABLE } : {}),
      created: this.options.createdBefore || report.created,
    };
    return { record, description: describeOpenCodeRecord(record), notes };
  }

  /** The models the new key may use; an empty list (with a note) when the proxy will not say. */
  private async modelsOf(key: KeyToWrite, notes: string[]): Promise<string[]> {
    try {
      const models = await (await this.ctx.litellm()).listModels({ secret: key.secret, kind: 'virtual' });
      return models.filter((id) => id.trim() !== '' && !id.includes('*')).slice(0, MAX_MODELS_WRITTEN + 1);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      notes.push(`could not list the proxy's models (${error.message}); run \`ollm models sync --for opencode\` later`);
      return [];
    }
  }
}

export function describeOpenCodeRecord(record: OpenCodeRecord): string {
  return `OpenCode config ${record.file} (provider.${record.provider}, ${record.style === 'env' ? `key from {env:${record.variable ?? OPENCODE_KEY_VARIABLE}}` : 'key in the file'})`;
}
