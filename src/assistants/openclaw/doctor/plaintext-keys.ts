// Under the keychain style no key may sit in a file OpenClaw reads: a `*_API_KEY` with a literal
// value in env.vars or the .env beside the config defeats the style (and, for the provider ollm
// left behind by an earlier style, is what OpenClaw actually uses).
import { getDotenvVar } from '../../../targets/dotenv-file.ts';
import { isObject, type OpenClawState } from './openclaw-state.ts';
import { fail, type CheckResult } from '../../../doctor/report.ts';
import type { Fixes } from '../../../doctor/fixes.ts';

/** Literal `*_API_KEY` values (not `${VAR}` references) where OpenClaw reads them. */
export function plaintextKeys(state: OpenClawState): string[] {
  const found: string[] = [];
  const env = state.config.env;
  const vars = isObject(env) && isObject(env.vars) ? env.vars : {};
  for (const [name, value] of Object.entries(vars)) {
    if (name.endsWith('_API_KEY') && typeof value === 'string' && value !== '' && !value.includes('${')) found.push(`env.vars.${name}`);
  }
  for (const line of state.env.dotenvText.split(/\r?\n/)) {
    const name = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*_API_KEY)\s*=/.exec(line)?.[1];
    if (name && getDotenvVar(line, name)) found.push(`${name} in ${state.env.dotenvFile}`);
  }
  return found;
}

/** A failure when the keychain style is in force and a plaintext key is still around; else null. */
export function plaintextUnderKeychain(state: OpenClawState, fixes: Fixes): CheckResult | null {
  if (state.style !== 'keychain') return null;
  const found = plaintextKeys(state);
  if (found.length === 0) return null;
  return fail(`The keychain style keeps keys out of files, but ${found.join(', ')} ${found.length === 1 ? 'holds' : 'hold'} a plaintext key OpenClaw reads.`,
    `${fixes.ollm('key write', '--openclaw-style keychain')} (removes what ollm wrote; remove your own keys from there by hand)`);
}
