// pi (badlogic/pi-mono's coding agent), as ollm sees it: the whole plug-in
// (src/assistants/assistant.ts) — its flags, its target kind (its models.json, in the helper or
// the file style), its write policy, its claim on the one key its provider entry holds, what
// exec/env hand over, its model list, its doctor checks, its files that hold keys, and how to
// tell it is installed. Everything else lives beside this file.
import type { DoctorContext } from '../../doctor/check.ts';
import type { ModeSubject } from '../../doctor/mode-subject.ts';
import type { Assistant } from '../assistant.ts';
import { detectPi } from './detect.ts';
import { PI_CONFIG_CHECKS, PI_RUNTIME_CHECKS } from './doctor/checks.ts';
import { piModelSyncFlags, piWriteFlags, type PiFlagValues } from './flags.ts';
import { checkDefaultModel, checkDefaultModelText } from '../openclaw/default-model.ts';
import { piHandOver } from './hand-over.ts';
import { PI_DEFAULT_TARGETS, piClaim } from './owner.ts';
import { resolvePiPaths } from './paths.ts';
import { isPiRecord } from './record.ts';
import { piKind } from './target-kind.ts';
import { piWritePolicy } from './write-policy.ts';

export const pi = {
  name: 'pi',
  displayName: 'pi',
  flags: piWriteFlags,
  settings: [],
  targetKinds: [piKind] as const,
  defaultTargets: PI_DEFAULT_TARGETS,
  writePolicy: piWritePolicy,
  // `--default-model` (shared with OpenClaw): the same checks of the text and of what the key may use.
  checkFlags: (flags) => checkDefaultModelText((flags as PiFlagValues).defaultModel),
  checkWithProxy: (ctx, flags, credential, keyModels) => checkDefaultModel(ctx, (flags as PiFlagValues).defaultModel, credential, keyModels ? [...keyModels] : undefined),
  claim: piClaim,
  handOver: piHandOver,
  defaultModels: async (ctx, account) => (await import('./default-model.ts')).piDefaultsOf(ctx, account),
  models: {
    flags: piModelSyncFlags,
    // The editor loads only when models are really synced.
    sync: async (ctx, options) => (await import('./sync-models.ts')).syncPiModels(ctx, options),
  },
  doctorChecks: { config: PI_CONFIG_CHECKS, runtime: PI_RUNTIME_CHECKS },
  async privateFiles(d: DoctorContext): Promise<ModeSubject[]> {
    const { targetRecords } = await import('../../doctor/facts.ts');
    const record = (await targetRecords(d)).find(isPiRecord);
    const paths = resolvePiPaths(record?.file, d.ctx.env);
    // auth.json holds pi's own logins; models.json holds the key in the file style only.
    const files: ModeSubject[] = [{ path: paths.authFile, want: 0o600 }];
    if (record?.style === 'file') files.unshift({ path: paths.modelsFile, want: 0o600 });
    return files;
  },
  detect: detectPi,
} satisfies Assistant;
