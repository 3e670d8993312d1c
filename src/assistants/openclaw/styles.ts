// The three ways ollm can hand a key to OpenClaw, the environment variables each one uses, and
// what `--openclaw-style` (and `ollm config set style`) accept.
import type { Ctx } from '../../context.ts';
import { UsageError } from '../../errors.ts';
import { isOpenClawRecord } from './record.ts';

export type OpenClawStyle = 'litellm' | 'anthropic' | 'keychain';
export const OPENCLAW_STYLES: readonly OpenClawStyle[] = ['litellm', 'anthropic', 'keychain'];

/** The style when neither the flag, the key's record nor `ollm config set style` chooses. */
export const DEFAULT_STYLE: OpenClawStyle = 'litellm';

export function parseStyle(value: string, label = '--openclaw-style'): OpenClawStyle {
  if ((OPENCLAW_STYLES as readonly string[]).includes(value)) return value as OpenClawStyle;
  throw new UsageError(`${label} ${JSON.stringify(value)} is not a way ollm can hand the key to OpenClaw.`, `Use ${OPENCLAW_STYLES.join(', ')}.`);
}

/** The provider block a style writes and OpenClaw sends through: `models.providers.anthropic` for anthropic, else `.litellm`. */
export function providerName(style: OpenClawStyle): 'litellm' | 'anthropic' {
  return style === 'anthropic' ? 'anthropic' : 'litellm';
}

/** The variable OpenClaw reads the key from in this style (the keychain style reads none). */
export function styleVariable(style: OpenClawStyle): string {
  return style === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'LITELLM_API_KEY';
}

/** What `exec` and `env` export: LITELLM_API_KEY always, ANTHROPIC_API_KEY too for the anthropic style. */
export function keyVariables(style: OpenClawStyle): string[] {
  return style === 'anthropic' ? ['LITELLM_API_KEY', 'ANTHROPIC_API_KEY'] : ['LITELLM_API_KEY'];
}

/** The style given, else the one `key create` recorded for this key, else `litellm`. */
export async function resolveStyle(ctx: Ctx, account: string, flag: string | undefined): Promise<OpenClawStyle> {
  if (flag) return flag as OpenClawStyle;
  const records = await (await ctx.manifest()).targetsOf(account);
  return records.find(isOpenClawRecord)?.style ?? 'litellm';
}
