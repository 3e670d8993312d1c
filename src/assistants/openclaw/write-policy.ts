// How a write hands the key to OpenClaw: the style (flag > what was written for this key before >
// `ollm config set style` > litellm) and OpenClaw's config and state directory for these flags.
// OpenClaw's target kind and its write policy (the variable, whether the key stays out of files)
// both read it here, so they never disagree.
import { join, resolve } from 'node:path';
import type { Ctx } from '../../context.ts';
import type { TargetFlags, WritePolicy } from '../../targets/kind.ts';
import type { TargetRecord } from '../../targets/record.ts';
import type { OpenClawFlagValues } from './flags.ts';
import { resolveOpenClawPaths, type OpenClawPaths } from './paths.ts';
import { isOpenClawRecord } from './record.ts';
import { DEFAULT_STYLE, parseStyle, styleVariable, type OpenClawStyle } from './styles.ts';

export interface OpenClawWrite {
  style: OpenClawStyle;
  paths: OpenClawPaths;
}

export async function openClawWrite(ctx: Ctx, flags: TargetFlags, recorded: readonly TargetRecord[]): Promise<OpenClawWrite> {
  const own = flags as OpenClawFlagValues;
  // The style is the key's, recorded with its OpenClaw config: it decides for every target whether the key may sit in a file.
  const recordedStyle = recorded.find(isOpenClawRecord)?.style;
  const configured = (await ctx.config()).style as OpenClawStyle | undefined;
  const style = own.openclawStyle !== undefined ? parseStyle(own.openclawStyle) : recordedStyle ?? configured ?? DEFAULT_STYLE;
  return { style, paths: resolveOpenClawPaths(own.openclawConfig ? resolve(own.openclawConfig) : undefined, ctx.env) };
}

export async function openClawWritePolicy(ctx: Ctx, flags: TargetFlags, recorded: readonly TargetRecord[]): Promise<WritePolicy> {
  const write = await openClawWrite(ctx, flags, recorded);
  const { style, paths } = write;
  return {
    displayName: 'OpenClaw',
    variable: styleVariable(style),
    // "No plaintext key on disk": under the keychain style no target may write the key itself.
    keyOutOfFiles: style === 'keychain',
    helperStyle: 'The keychain style',
    keyOutOfFilesBy: (flags as OpenClawFlagValues).openclawStyle !== undefined ? '--openclaw-style keychain' : 'The keychain style this key was written with',
    dotenvFile: join(paths.stateDir, '.env'),
    own: write,
  };
}
