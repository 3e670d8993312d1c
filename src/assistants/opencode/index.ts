// OpenCode, as ollm sees it: the whole plug-in (src/assistants/assistant.ts) — its flags, its
// target kind (its config's litellm provider, in a style), its write policy, its claim on the one
// key that provider holds, what exec/env hand over (OLLM_OPENCODE_API_KEY), its model list, its
// doctor checks, the default grace of a rotation, and how to tell it is installed.
import type { DoctorContext } from '../../doctor/check.ts';
import type { ModeSubject } from '../../doctor/mode-subject.ts';
import type { Assistant } from '../assistant.ts';
import { checkDefaultModel, checkDefaultModelText } from '../default-model-check.ts';
import { detectOpenCode } from './detect.ts';
import { OPENCODE_CONFIG_CHECKS, OPENCODE_RUNTIME_CHECKS } from './doctor/checks.ts';
import { openCodeModelSyncFlags, openCodeWriteFlags, type OpenCodeFlagValues } from './flags.ts';
import { openCodeHandOver } from './hand-over.ts';
import { OPENCODE_DEFAULT_TARGETS, openCodeClaim } from './owner.ts';
import { resolveOpenCodePaths } from './paths.ts';
import { openCodeKind } from './target-kind.ts';
import { openCodeWritePolicy } from './write-policy.ts';

export const openCode = {
  name: 'opencode',
  displayName: 'OpenCode',
  flags: openCodeWriteFlags,
  settings: [],
  targetKinds: [openCodeKind] as const,
  defaultTargets: OPENCODE_DEFAULT_TARGETS,
  writePolicy: openCodeWritePolicy,
  checkFlags: (flags) => checkDefaultModelText((flags as OpenCodeFlagValues).defaultModel),
  checkWithProxy: (ctx, flags, credential, keyModels) => checkDefaultModel(ctx, (flags as OpenCodeFlagValues).defaultModel, credential, keyModels ? [...keyModels] : undefined),
  claim: openCodeClaim,
  handOver: openCodeHandOver,
  defaultModels: async (ctx, account) => (await import('./default-models.ts')).openCodeDefaultsOf(ctx, account),
  models: {
    flags: openCodeModelSyncFlags,
    // The config editor loads only when models are really synced.
    sync: async (ctx, options) => (await import('./sync-models.ts')).openCodeModels.sync(ctx, options),
  },
  // OpenCode reads its key once, at start: a running OpenCode sends the old key until it is restarted.
  rotationGrace: () => ({ duration: '24h', why: 'a running OpenCode keeps sending the old key until it is restarted' }),
  doctorChecks: { config: OPENCODE_CONFIG_CHECKS, runtime: OPENCODE_RUNTIME_CHECKS },
  privateFiles(d: DoctorContext): Promise<ModeSubject[]> {
    const paths = resolveOpenCodePaths(undefined, d.ctx.env);
    return Promise.resolve([
      { path: paths.configFile, want: 0o600 },
      { path: paths.authFile, want: 0o600 },
    ]);
  },
  detect: detectOpenCode,
} satisfies Assistant;
