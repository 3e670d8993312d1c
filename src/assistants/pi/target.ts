// The `pi` target: pi's models.json, its `providers.litellm` entry pointed at the proxy with the
// key's apiKey value (ollm's helper command, or the key itself), its model list filled from what
// the proxy offers the key.
import type { Ctx } from '../../context.ts';
import { UserError } from '../../errors.ts';
import { assertWritableFile } from '../../io/writable.ts';
import type { KeyTarget, KeyToWrite, TargetOutcome } from '../../targets/target.ts';
import { setPiDefaultModel } from './default-model.ts';
import { dropBackupsWithKeys } from '../../io/config-backups.ts';
import { placeProvider } from './edits.ts';
import type { PiPaths } from './paths.ts';
import { piHelperPath, writePiHelper } from './key-helper.ts';
import { PiModelsFile } from './models-file.ts';
import { describePiRecord, type PiRecord } from './record.ts';
import { helperValue, literalValue } from './pi-value.ts';
import { PI_PROVIDER, type PiStyle } from './styles.ts';

/** Models declared at most (a proxy may list thousands). */
export const MAX_MODELS_WRITTEN = 500;

export class PiTarget implements KeyTarget {
  readonly kind = 'pi' as const;
  private readonly models: PiModelsFile;

  constructor(private readonly ctx: Ctx, private readonly paths: PiPaths, private readonly style: PiStyle, private readonly defaultModel: { set?: string; recorded?: string } = {}) {
    this.models = new PiModelsFile(paths.modelsFile);
  }

  async prepare(): Promise<void> {
    await this.models.preflight();
    if (this.style === 'helper') await assertWritableFile(piHelperPath(this.ctx.paths.stateDir), 'pi\'s key helper');
  }

  async write(key: KeyToWrite): Promise<TargetOutcome> {
    const notes: string[] = [];
    const apiKey = this.style === 'helper'
      ? helperValue(await writePiHelper(this.ctx.paths.stateDir), key.alias, key.proxyBase)
      : literalValue(key.secret);
    const offered = await this.modelsOf(key, notes);
    const loaded = await this.models.load();
    const added = placeProvider(loaded.doc, this.models.file, { proxyBase: key.proxyBase, apiKey, models: offered });
    if (added.length) notes.push(`declared ${added.length} model${added.length === 1 ? '' : 's'} for pi (pi --provider ${PI_PROVIDER} --model ${added[0]})`);
    const { backup } = await this.models.save(loaded, loaded.doc.toString());
    if (backup) notes.push(`backup: ${backup}`);
    const defaultModel = this.defaultModel.set ?? this.defaultModel.recorded;
    if (this.defaultModel.set) {
      await setPiDefaultModel(this.paths.settingsFile, this.defaultModel.set);
      notes.push(`pi's default model is now ${PI_PROVIDER}/${this.defaultModel.set} (${this.paths.settingsFile})`);
    }
    if (this.style === 'helper') {
      const dropped = await dropBackupsWithKeys(loaded.target);
      if (dropped) notes.push(`removed ${dropped} of ollm's backups of models.json that still held a plaintext key`);
    }
    const record: PiRecord = { kind: 'pi', file: this.models.file, style: this.style, provider: PI_PROVIDER, ...(defaultModel ? { defaultModel } : {}) };
    return { record, description: describePiRecord(record), notes };
  }

  /** The models the new key may use; an empty list (with a note) when the proxy will not say. */
  private async modelsOf(key: KeyToWrite, notes: string[]): Promise<string[]> {
    try {
      const models = (await (await this.ctx.litellm()).listModels({ secret: key.secret, kind: 'virtual' })).filter((id) => id.trim() !== '' && !id.includes('*'));
      if (models.length <= MAX_MODELS_WRITTEN) return models;
      notes.push(`the proxy lists ${models.length} models; only the first ${MAX_MODELS_WRITTEN} were declared for pi`);
      return models.slice(0, MAX_MODELS_WRITTEN);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      notes.push(`could not list the proxy's models (${error.message}); run \`ollm models sync --for pi --alias ${key.alias}\` later`);
      return [];
    }
  }
}
