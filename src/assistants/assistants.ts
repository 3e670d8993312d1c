// The assistants ollm hands keys to. A second one is a folder beside openclaw/ and a line here.
import type { Assistant } from './assistant.ts';
import { openClaw } from './openclaw/index.ts';

export const ASSISTANTS = [openClaw] as const satisfies readonly Assistant[];
