// Codex CLI, as ollm sees it: the whole plug-in (src/assistants/assistant.ts) — its flags, its
// style setting, its target kind (its config.toml, in a style), its write policy, its claim on
// the one key its config holds, what exec/env hand over, its doctor checks, its files that hold
// keys, how to tell it is installed, and how long a rotated-out key must keep working for it.
import type { DoctorContext } from '../../doctor/check.ts';
import type { ModeSubject } from '../../doctor/mode-subject.ts';
import type { Assistant } from '../assistant.ts';
import { detectCodex } from './detect.ts';
import { CODEX_CONFIG_CHECKS, CODEX_RUNTIME_CHECKS } from './doctor/checks.ts';
import { codexWriteFlags } from './flags.ts';
import { codexHandOver } from './hand-over.ts';
import { CODEX_DEFAULT_TARGETS, codexClaim } from './owner.ts';
import { resolveCodexPaths } from './paths.ts';
import { isCodexRecord } from './record.ts';
import { codexStyleSetting } from './settings.ts';
import { CODEX_ROTATION_GRACE } from './styles.ts';
import { codexKind } from './target-kind.ts';
import { codexWritePolicy } from './write-policy.ts';

export const codex = {
  name: 'codex',
  displayName: 'Codex',
  flags: codexWriteFlags,
  settings: [codexStyleSetting],
  targetKinds: [codexKind] as const,
  defaultTargets: CODEX_DEFAULT_TARGETS,
  writePolicy: codexWritePolicy,
  claim: codexClaim,
  handOver: codexHandOver,
  rotationGrace: () => CODEX_ROTATION_GRACE,
  doctorChecks: { config: CODEX_CONFIG_CHECKS, runtime: CODEX_RUNTIME_CHECKS },
  async privateFiles(d: DoctorContext): Promise<ModeSubject[]> {
    const records = await (await d.ctx.manifest()).targetsOf(d.account).catch(() => []);
    const file = records.find(isCodexRecord)?.file ?? resolveCodexPaths(undefined, d.ctx.env).configFile;
    return [{ path: file, want: 0o600 }];
  },
  detect: detectCodex,
} satisfies Assistant;
