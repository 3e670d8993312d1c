// How pi gets the key: `helper` (the default: pi runs ollm's key helper for it, so no file holds
// the key) or `file` (the key itself in models.json, 0600, for machines without a keychain).
import { UsageError } from '../../errors.ts';

export const PI_STYLES = ['helper', 'file'] as const;
export type PiStyle = (typeof PI_STYLES)[number];
export const DEFAULT_PI_STYLE: PiStyle = 'helper';

/**
 * The provider entry ollm writes in models.json (`providers.litellm`). One name, like OpenClaw's
 * litellm provider, so `pi --provider litellm` reads the same on every machine.
 */
export const PI_PROVIDER = 'litellm';

export function parsePiStyle(text: string, source = '--pi-style'): PiStyle {
  if ((PI_STYLES as readonly string[]).includes(text)) return text as PiStyle;
  throw new UsageError(`${source} ${JSON.stringify(text)} is not a pi style.`, `Use one of: ${PI_STYLES.join(', ')}.`);
}
