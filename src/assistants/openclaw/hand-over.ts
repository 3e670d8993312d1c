// What `exec` and `env` give a program for OpenClaw: LITELLM_API_KEY (and ANTHROPIC_API_KEY for
// the anthropic style), in the style given or the one the key was written with.
import type { HandOver } from '../assistant.ts';
import { openClawHandOverFlags, type OpenClawFlagValues } from './flags.ts';
import { keyVariables, resolveStyle } from './styles.ts';

export const openClawHandOver = {
  flags: openClawHandOverFlags,
  async variables(ctx, account, flags) {
    const style = await resolveStyle(ctx, account, (flags as OpenClawFlagValues).style);
    return {
      names: keyVariables(style),
      needsKeychain: style === 'keychain'
        ? 'The keychain style makes OpenClaw ask ollm\'s resolver, which needs the keychain: add --pass-keychain if the command is OpenClaw.'
        : null,
    };
  },
} satisfies HandOver;
