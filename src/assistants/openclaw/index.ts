// OpenClaw, as ollm sees it: one target kind (its config file, in a style), its doctor checks,
// and its own files that hold keys. Everything else about OpenClaw lives beside this file.
import type { DoctorContext } from '../../doctor/check.ts';
import type { ModeSubject } from '../../doctor/file-modes.ts';
import type { Assistant } from '../assistant.ts';
import { OPENCLAW_CONFIG_CHECKS, OPENCLAW_RUNTIME_CHECKS } from './doctor/checks.ts';
import { openClawKind } from './target-kind.ts';

export const openClaw = {
  name: 'openclaw',
  targetKinds: [openClawKind] as const,
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
} satisfies Assistant;
