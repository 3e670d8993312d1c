// Ctx as every command gets it: its wiring filled with the composition's tables. Each table is
// a lazy import, so a command that never reads one (`key get`, `openclaw resolve`) never loads
// the assistants, the kinds or zod.
import { Ctx, type GlobalArgs, type Io } from '../context.ts';
import { SETTINGS_SLOT } from '../config/settings-slot.ts';
import { ASSISTANTS_SLOT } from '../assistants/assistant.ts';
import { DEFAULT_ASSISTANT } from '../keys/default-assistant-slot.ts';
import { COMMAND_LIST } from '../commands/command.ts';
import { KINDS } from '../targets/kinds-slot.ts';
import { RECORD_SCHEMA } from '../targets/record.ts';
import { defaultServices, type Services } from '../services.ts';
import { Wiring } from '../wiring.ts';

/** The tables the layers below read through `ctx.wired(slot)`. */
export function houseWiring(): Wiring {
  return new Wiring()
    .with(SETTINGS_SLOT, () => import('./settings.ts').then((m) => m.SETTINGS))
    .with(KINDS, () => import('./kinds.ts').then((m) => m.KIND_TABLE))
    .with(RECORD_SCHEMA, () => import('./kinds.ts').then((m) => m.TargetRecordSchema))
    .with(ASSISTANTS_SLOT, () => import('./assistants.ts').then((m) => m.ASSISTANTS))
    .with(COMMAND_LIST, () => import('../commands/registry.ts').then((m) => ({ commands: m.COMMANDS, groups: m.GROUPS })))
    .with(DEFAULT_ASSISTANT, () => import('./assistants.ts').then((m) => m.ASSISTANTS[0].name));
}

/** A Ctx wired with the composition (what run-command builds, and what tests build). */
export class WiredCtx extends Ctx {
  constructor(args: GlobalArgs, io: Io, env: NodeJS.ProcessEnv, services: Services = defaultServices()) {
    super(args, io, env, services, houseWiring());
  }
}
