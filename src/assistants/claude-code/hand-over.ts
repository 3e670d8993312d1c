// What `exec --for claude-code` and `env --for claude-code` give Claude Code: the key in
// ANTHROPIC_AUTH_TOKEN (sent as Authorization: Bearer) and the proxy in ANTHROPIC_BASE_URL.
// A static token: Claude Code started this way keeps it until it is started again.
import type { HandOver } from '../assistant.ts';
import { BASE_URL_VARIABLE, TOKEN_VARIABLE } from './styles.ts';

export const claudeCodeHandOver = {
  flags: {},
  async variables(ctx) {
    return { names: [TOKEN_VARIABLE], values: { [BASE_URL_VARIABLE]: (await ctx.proxy()).base }, needsKeychain: null };
  },
} satisfies HandOver;
