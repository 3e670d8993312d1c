// The `codex` target: Codex's config.toml, edited losslessly in the chosen style. The helper style
// writes the command Codex runs for the key (no key in the file); the file style writes the key.
import type { Ctx } from '../../context.ts';
import { keyGetCommand } from '../../io/key-helper-launcher.ts';
import type { KeyTarget, KeyToWrite, TargetOutcome } from '../../targets/target.ts';
import { CodexConfigFile } from './config-file.ts';
import { placeProvider, type ProviderAuth } from './config-edits.ts';
import type { CodexPaths } from './paths.ts';
import { CODEX_KEY_VARIABLE, CODEX_PROVIDER_ID, HELPER_REFRESH_MS, HELPER_TIMEOUT_MS, type CodexStyle } from './styles.ts';

export class CodexTarget implements KeyTarget {
  readonly kind = 'codex' as const;
  private readonly config: CodexConfigFile;

  constructor(private readonly ctx: Ctx, paths: CodexPaths, private readonly style: CodexStyle, private readonly select: boolean) {
    this.config = new CodexConfigFile(paths.configFile);
  }

  async prepare(): Promise<void> {
    await this.config.preflight();
  }

  async write(key: KeyToWrite): Promise<TargetOutcome> {
    const loaded = await this.config.load();
    const placed = placeProvider(loaded.text, this.config.file, {
      id: CODEX_PROVIDER_ID, name: `LiteLLM (ollm, key "${key.alias}")`, proxyBase: key.proxyBase, auth: this.auth(key), select: this.select,
    });
    const notes: string[] = [];
    if (placed.text !== loaded.text) {
      const { backup } = await this.config.save(loaded, placed.text);
      if (backup) notes.push(`backup: ${backup}`);
    }
    if (!placed.selected) {
      this.ctx.warn(`warning: Codex's config chooses model_provider = ${JSON.stringify(placed.other)}, so Codex does not use this key yet; ollm left that choice alone. Use it with \`codex --config model_provider=${CODEX_PROVIDER_ID}\`, or make it the default with \`ollm key write --alias ${key.alias} --write codex --codex-select\`.`);
    }
    return {
      record: { kind: 'codex', file: this.config.file, style: this.style, provider: CODEX_PROVIDER_ID },
      description: `Codex config ${this.config.file} (${describeStyle(this.style)})`,
      notes,
    };
  }

  private auth(key: KeyToWrite): ProviderAuth {
    if (this.style === 'env') return { kind: 'env', variable: CODEX_KEY_VARIABLE };
    if (this.style === 'file') return { kind: 'file', secret: key.secret };
    return { kind: 'helper', ...keyGetCommand(key.alias, key.proxyBase), timeoutMs: HELPER_TIMEOUT_MS, refreshIntervalMs: HELPER_REFRESH_MS };
  }
}

export function describeStyle(style: CodexStyle): string {
  return style === 'helper' ? `model_providers.${CODEX_PROVIDER_ID}.auth runs ollm for the key`
    : style === 'env' ? `model_providers.${CODEX_PROVIDER_ID}.env_key = ${CODEX_KEY_VARIABLE}`
      : `model_providers.${CODEX_PROVIDER_ID}.experimental_bearer_token`;
}
