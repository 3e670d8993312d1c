// How a write hands the key to Claude Code: the style (flag > what was written for this key before
// > helper) and its config folder. Its target kind and its write policy both read it here, so they
// never disagree.
import type { Ctx } from '../../context.ts';
import type { TargetFlags, WritePolicy } from '../../targets/kind.ts';
import type { TargetRecord } from '../../targets/record.ts';
import type { ClaudeCodeFlagValues } from './flags.ts';
import { pathsOfSettingsFile, resolveClaudeCodePaths, type ClaudeCodePaths } from './paths.ts';
import { isClaudeCodeRecord } from './record.ts';
import { DEFAULT_CLAUDE_CODE_STYLE, parseClaudeCodeStyle, TOKEN_VARIABLE, type ClaudeCodeStyle } from './styles.ts';

export interface ClaudeCodeWrite {
  style: ClaudeCodeStyle;
  paths: ClaudeCodePaths;
}

export function claudeCodeWrite(ctx: Ctx, flags: TargetFlags, recorded: readonly TargetRecord[]): ClaudeCodeWrite {
  const own = flags as ClaudeCodeFlagValues;
  const previous = recorded.find(isClaudeCodeRecord);
  const style = own.claudeStyle !== undefined ? parseClaudeCodeStyle(own.claudeStyle) : previous?.style ?? DEFAULT_CLAUDE_CODE_STYLE;
  // The folder given, else the file this key was written to before, else where Claude Code reads.
  const paths = own.claudeConfig === undefined && previous ? pathsOfSettingsFile(previous.file) : resolveClaudeCodePaths(own.claudeConfig, ctx.env);
  return { style, paths };
}

export function claudeCodeWritePolicy(ctx: Ctx, flags: TargetFlags, recorded: readonly TargetRecord[]): Promise<WritePolicy> {
  const write = claudeCodeWrite(ctx, flags, recorded);
  return Promise.resolve({
    displayName: 'Claude Code',
    variable: TOKEN_VARIABLE,
    // The helper style: Claude Code asks ollm for the key, so no target may write it anywhere.
    keyOutOfFiles: write.style === 'helper',
    helperStyle: 'The helper style',
    keyOutOfFilesBy: (flags as ClaudeCodeFlagValues).claudeStyle !== undefined ? '--claude-style helper' : 'Claude Code\'s helper style',
    own: write,
  });
}
