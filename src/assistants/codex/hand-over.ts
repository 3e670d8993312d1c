// What `exec --for codex` and `env --for codex` give a program. Codex reads no key from its
// environment for a custom provider unless the provider names one (`env_key`); it ignores
// OPENAI_BASE_URL and OPENAI_API_KEY for it. So: the env style's LITELLM_API_KEY; the helper
// style needs nothing but the keychain (Codex runs ollm itself); the file style needs nothing.
import type { HandOver } from '../assistant.ts';
import { codexHandOverFlags, type CodexFlagValues } from './flags.ts';
import { isCodexRecord } from './record.ts';
import { CODEX_KEY_VARIABLE, DEFAULT_CODEX_STYLE, parseCodexStyle, type CodexStyle } from './styles.ts';

export const codexHandOver = {
  flags: codexHandOverFlags,
  async variables(ctx, account, flags) {
    const given = (flags as CodexFlagValues).codexStyle;
    const style: CodexStyle = given !== undefined ? parseCodexStyle(given)
      : (await (await ctx.manifest()).targetsOf(account)).find(isCodexRecord)?.style ?? DEFAULT_CODEX_STYLE;
    return {
      names: style === 'env' ? [CODEX_KEY_VARIABLE] : [],
      needsKeychain: style === 'helper'
        ? 'Codex\'s helper style makes Codex run ollm for the key, which needs the keychain: add --pass-keychain if the command is Codex.'
        : null,
    };
  },
} satisfies HandOver;
