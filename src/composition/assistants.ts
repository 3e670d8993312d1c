// The assistants ollm hands keys to: the one list, and the one line each new assistant adds.
// The first is the default (no `--for`). Only the composition and the commands above it import
// this list; code below reads it from Ctx (ASSISTANTS_SLOT) or gets what it needs as arguments.
import type { Assistant } from '../assistants/assistant.ts';
import { openClaw } from '../assistants/openclaw/index.ts';
import { claudeCode } from '../assistants/claude-code/index.ts';
import { codex } from '../assistants/codex/index.ts';
import { pi } from '../assistants/pi/index.ts';
import { openCode } from '../assistants/opencode/index.ts';
import { ASSISTANT_NAMES } from './assistant-names.ts';

export const ASSISTANTS = [openClaw, claudeCode, codex, pi, openCode] as const satisfies readonly Assistant[];

/** `--for` takes these: the names kept apart (assistant-names.ts), which must be the list's own. */
export { ASSISTANT_NAMES };
const names = ASSISTANTS.map((a) => a.name);
if (names.join() !== ASSISTANT_NAMES.join()) {
  throw new Error(`composition/assistant-names.ts lists ${ASSISTANT_NAMES.join(', ')}, but the assistants are ${names.join(', ')}: make them the same`);
}

/** The assistant a command works for: `--for <name>` (the parser checked it is one), else the first. */
export function assistantFor(name: string | undefined): Assistant {
  return ASSISTANTS.find((a) => a.name === name) ?? ASSISTANTS[0];
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every assistant's own flags of `key create` and `key write`, typed, to spread there. */
export const ASSISTANT_FLAGS = Object.assign({}, ...ASSISTANTS.map((a) => a.flags)) as UnionToIntersection<(typeof ASSISTANTS)[number]['flags']>;

/** Every assistant's flags of `exec` and `env`. */
export const HAND_OVER_FLAGS = Object.assign({}, ...ASSISTANTS.map((a) => a.handOver.flags)) as UnionToIntersection<(typeof ASSISTANTS)[number]['handOver']['flags']>;

/** Every assistant's flags of `models sync`. */
export const MODEL_SYNC_FLAGS = Object.assign({}, ...ASSISTANTS.map((a: Assistant) => a.models?.flags ?? {})) as UnionToIntersection<NonNullable<Extract<(typeof ASSISTANTS)[number], { models: unknown }>['models']>['flags']>;
