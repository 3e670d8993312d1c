// The alias an assistant's key has when none is given: the one its claim names (OpenClaw: `ollm
// config get alias`, else `openclaw`), else what `--for <it>` makes (its name). What a bare
// `ollm key create --for <it>` creates; `ollm status` and `ollm setup` offer it.
import type { Assistant } from '../assistants/assistant.ts';
import type { Ctx } from '../context.ts';
import { resolveAlias } from './alias.ts';

export function assistantAlias(ctx: Ctx, assistant: Assistant): Promise<string> {
  return assistant.claim ? assistant.claim.alias(ctx) : resolveAlias({ for: assistant.name }, ctx);
}
