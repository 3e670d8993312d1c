// How a write hands the key to Codex: the style (flag > what was written for this key before >
// `ollm config set codex-style` > helper) and Codex's config for these flags. Codex's target
// kind and its write policy both read it here, so they never disagree.
import { resolve } from 'node:path';
import type { Ctx } from '../../context.ts';
import type { TargetFlags, WritePolicy } from '../../targets/kind.ts';
import type { TargetRecord } from '../../targets/record.ts';
import type { CodexFlagValues } from './flags.ts';
import { resolveCodexPaths, type CodexPaths } from './paths.ts';
import { isCodexRecord } from './record.ts';
import { CODEX_KEY_VARIABLE, DEFAULT_CODEX_STYLE, parseCodexStyle, type CodexStyle } from './styles.ts';

export interface CodexWrite {
  style: CodexStyle;
  paths: CodexPaths;
  select: boolean;
}

export async function codexWrite(ctx: Ctx, flags: TargetFlags, recorded: readonly TargetRecord[]): Promise<CodexWrite> {
  const own = flags as CodexFlagValues;
  const configured = (await ctx.config())['codexStyle'] as string | undefined;
  const style = own.codexStyle !== undefined ? parseCodexStyle(own.codexStyle)
    : recorded.find(isCodexRecord)?.style ?? (configured !== undefined ? parseCodexStyle(configured, 'codex-style') : DEFAULT_CODEX_STYLE);
  const recordedFile = recorded.find(isCodexRecord)?.file;
  const paths = own.codexConfig ? resolveCodexPaths(resolve(own.codexConfig), ctx.env)
    : recordedFile ? { ...resolveCodexPaths(recordedFile, ctx.env), configSource: 'ollm\'s target list' } : resolveCodexPaths(undefined, ctx.env);
  return { style, paths, select: own.codexSelect === true };
}

export async function codexWritePolicy(ctx: Ctx, flags: TargetFlags, recorded: readonly TargetRecord[]): Promise<WritePolicy> {
  const write = await codexWrite(ctx, flags, recorded);
  return {
    displayName: 'Codex',
    variable: CODEX_KEY_VARIABLE,
    // The helper style: Codex runs ollm for the key, so no target may write it in plaintext.
    keyOutOfFiles: write.style === 'helper',
    helperStyle: 'Codex\'s helper style',
    keyOutOfFilesBy: (flags as CodexFlagValues).codexStyle !== undefined ? '--codex-style helper' : 'The helper style this key was written with',
    own: write,
  };
}
