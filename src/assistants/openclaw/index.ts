// OpenClaw, as ollm sees it: the whole plug-in (src/assistants/assistant.ts) — its flags, its
// style setting, its target kind (its config file, in a style), its write policy, its claim on
// the one key its config holds, what exec/env hand over, its model list, its doctor checks, its
// own files that hold keys, how to tell it is installed, and its question in setup. Everything else lives beside this file.
import type { DoctorContext } from '../../doctor/check.ts';
import type { ModeSubject } from '../../doctor/mode-subject.ts';
import type { Assistant } from '../assistant.ts';
import { checkDefaultModel, checkDefaultModelText, openClawDefaultsOf } from './default-model.ts';
import { detectOpenClaw } from './detect.ts';
import { OPENCLAW_CONFIG_CHECKS, OPENCLAW_RUNTIME_CHECKS } from './doctor/checks.ts';
import { openClawModelSyncFlags, openClawWriteFlags, type OpenClawFlagValues } from './flags.ts';
import { openClawHandOver } from './hand-over.ts';
import { OPENCLAW_DEFAULT_TARGETS, openClawClaim } from './openclaw-owner.ts';
import { styleSetting } from './settings.ts';
import { openClawSetupQuestion } from './setup-question.ts';
import { openClawKind } from './target-kind.ts';
import { openClawWritePolicy } from './write-policy.ts';

export const openClaw = {
  name: 'openclaw',
  displayName: 'OpenClaw',
  flags: openClawWriteFlags,
  settings: [styleSetting],
  targetKinds: [openClawKind] as const,
  defaultTargets: OPENCLAW_DEFAULT_TARGETS,
  writePolicy: openClawWritePolicy,
  checkFlags: (flags) => checkDefaultModelText((flags as OpenClawFlagValues).defaultModel),
  checkWithProxy: (ctx, flags, credential, keyModels) => checkDefaultModel(ctx, (flags as OpenClawFlagValues).defaultModel, credential, keyModels ? [...keyModels] : undefined),
  claim: openClawClaim,
  defaultModels: openClawDefaultsOf,
  handOver: openClawHandOver,
  models: {
    flags: openClawModelSyncFlags,
    // The config editor loads only when models are really synced.
    sync: async (ctx, options) => (await import('./sync-models.ts')).openClawModels.sync(ctx, options),
  },
  doctorChecks: { config: OPENCLAW_CONFIG_CHECKS, runtime: OPENCLAW_RUNTIME_CHECKS },
  async privateFiles(d: DoctorContext): Promise<ModeSubject[]> {
    const { openClawState } = await import('./doctor/facts.ts');
    const state = await openClawState(d);
    return [
      { path: state.loaded?.target ?? state.paths.configFile, want: 0o600 },
      { path: state.paths.stateDir, want: 0o700 },
      { path: state.env.dotenvFile, want: 0o600 },
    ];
  },
  detect: detectOpenClaw,
  setupQuestion: openClawSetupQuestion,
} satisfies Assistant;
