// Claude Code, as ollm sees it: the whole plug-in (src/assistants/assistant.ts) — its flags, its
// target kind (settings.json, in the helper or file style), its write policy, its claim on the one
// key its settings hold, what exec/env hand over, its doctor checks, the least grace a rotation
// leaves the old key, its own files that hold keys, and how to tell it is installed.
import { readFile } from 'node:fs/promises';
import type { DoctorContext } from '../../doctor/check.ts';
import type { ModeSubject } from '../../doctor/mode-subject.ts';
import type { Assistant } from '../assistant.ts';
import { detectClaudeCode } from './detect.ts';
import { CLAUDE_CODE_CONFIG_CHECKS, CLAUDE_CODE_RUNTIME_CHECKS } from './doctor/checks.ts';
import { claudeCodeWriteFlags } from './flags.ts';
import { claudeCodeRotationGrace } from './grace.ts';
import { claudeCodeHandOver } from './hand-over.ts';
import { CLAUDE_CODE_DEFAULT_TARGETS, claudeCodeClaim } from './owner.ts';
import { resolveClaudeCodePaths } from './paths.ts';
import { claudeCodeKind } from './target-kind.ts';
import { claudeCodeWritePolicy } from './write-policy.ts';

export const claudeCode = {
  name: 'claude-code',
  displayName: 'Claude Code',
  flags: claudeCodeWriteFlags,
  settings: [],
  targetKinds: [claudeCodeKind] as const,
  defaultTargets: CLAUDE_CODE_DEFAULT_TARGETS,
  writePolicy: claudeCodeWritePolicy,
  claim: claudeCodeClaim,
  handOver: claudeCodeHandOver,
  rotationGrace: claudeCodeRotationGrace,
  doctorChecks: { config: CLAUDE_CODE_CONFIG_CHECKS, runtime: CLAUDE_CODE_RUNTIME_CHECKS },
  // settings.json is private only while it holds a key (the file style, or one put there by hand):
  // in the helper style it holds none, and Claude Code writes it 0644. Every doctor run reads this.
  async privateFiles(d: DoctorContext): Promise<ModeSubject[]> {
    const { settingsFile } = resolveClaudeCodePaths(undefined, d.ctx.env);
    const text = await readFile(settingsFile, 'utf8').catch(() => '');
    return /"ANTHROPIC_(AUTH_TOKEN|API_KEY)"\s*:/.test(text) ? [{ path: settingsFile, want: 0o600 }] : [];
  },
  detect: detectClaudeCode,
} satisfies Assistant;
