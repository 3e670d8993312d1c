// How a write hands the key to OpenCode: the style (flag > what was written for this key before >
// env) and the config file for these flags. Its target kind and its write policy both read it here.
import { resolve } from 'node:path';
import type { Ctx } from '../../context.ts';
import type { TargetFlags, WritePolicy } from '../../targets/kind.ts';
import type { TargetRecord } from '../../targets/record.ts';
import type { OpenCodeFlagValues } from './flags.ts';
import { resolveOpenCodePaths, type OpenCodePaths } from './paths.ts';
import { isOpenCodeRecord } from './record.ts';
import { DEFAULT_OPENCODE_STYLE, OPENCODE_KEY_VARIABLE, parseOpenCodeStyle, type OpenCodeStyle } from './styles.ts';

export interface OpenCodeWrite {
  style: OpenCodeStyle;
  paths: OpenCodePaths;
}

export function openCodeWrite(ctx: Ctx, flags: TargetFlags, recorded: readonly TargetRecord[]): OpenCodeWrite {
  const own = flags as OpenCodeFlagValues;
  const previous = recorded.find(isOpenCodeRecord);
  const style = own.opencodeStyle !== undefined ? parseOpenCodeStyle(own.opencodeStyle) : previous?.style ?? DEFAULT_OPENCODE_STYLE;
  // A key written before stays in the file it was written to, unless the flag names another.
  if (own.opencodeConfig !== undefined) return { style, paths: resolveOpenCodePaths(resolve(own.opencodeConfig), ctx.env) };
  if (previous) return { style, paths: { ...resolveOpenCodePaths(previous.file, ctx.env), configSource: 'the file ollm wrote before' } };
  return { style, paths: resolveOpenCodePaths(undefined, ctx.env) };
}

export function openCodeWritePolicy(ctx: Ctx, flags: TargetFlags, recorded: readonly TargetRecord[]): Promise<WritePolicy> {
  const write = openCodeWrite(ctx, flags, recorded);
  return Promise.resolve({
    displayName: 'OpenCode',
    variable: OPENCODE_KEY_VARIABLE,
    // The env style keeps the key out of OpenCode's config, but the user picks where the variable
    // comes from: `ollm exec` (nowhere), a profile lookup line (the keychain) or a literal line.
    keyOutOfFiles: false,
    helperStyle: 'The env style',
    keyOutOfFilesBy: '--opencode-style env',
    // No dotenvFile: OpenCode 1.18 (a compiled Bun program) reads no .env file (checked with
    // `opencode debug config` in a folder whose .env set the variable: it stayed empty).
    own: write,
  });
}
