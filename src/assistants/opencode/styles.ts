// The two ways ollm hands a key to OpenCode, which has no command for a key: `env` writes
// `{env:OLLM_OPENCODE_API_KEY}` (OpenCode substitutes it at start; the key comes from `ollm exec`,
// a shell-profile lookup line or a .env), `file` writes the key itself into the 0600 config.
import { UsageError } from '../../errors.ts';

export type OpenCodeStyle = 'env' | 'file';
export const OPENCODE_STYLES: readonly OpenCodeStyle[] = ['env', 'file'];
export const DEFAULT_OPENCODE_STYLE: OpenCodeStyle = 'env';

/**
 * The variable OpenCode reads the key from. ollm's own name, not LITELLM_API_KEY: OpenClaw's key
 * goes there, and one shell may hold both, so each assistant's spend stays on its own key.
 */
export const OPENCODE_KEY_VARIABLE = 'OLLM_OPENCODE_API_KEY';

/** The provider entry ollm writes: `provider.litellm`, so models read `litellm/<model>`. */
export const OPENCODE_PROVIDER = 'litellm';

export function parseOpenCodeStyle(value: string, label = '--opencode-style'): OpenCodeStyle {
  if ((OPENCODE_STYLES as readonly string[]).includes(value)) return value as OpenCodeStyle;
  throw new UsageError(`${label} ${JSON.stringify(value)} is not a way ollm can hand the key to OpenCode.`, `Use ${OPENCODE_STYLES.join(' or ')}.`);
}

/** `{env:VAR}`: the reference OpenCode replaces with the variable's value when it starts. */
export function envReference(variable: string): string {
  return `{env:${variable}}`;
}
