// Which key OpenClaw will actually send, compared with the keychain's. Highest first: a stored
// auth profile (it beats everything, while `models status` still says "env" — the trap in
// shared/openclaw.md), then the provider's apiKey: a SecretRef, a literal, or a variable from
// the process environment, `<state dir>/.env`, `env.vars`.
import { SECRET_PROVIDER } from '../config-edits.ts';
import type { ProfileKey } from '../openclaw-cli.ts';
import { secretRefId } from '../secret-ref.ts';
import { styleVariable } from '../styles.ts';
import type { HeldKey } from '../../../keys/held-key.ts';
import { maskKey } from '../../../output/mask.ts';
import { resolveVariable, variablesIn, type EnvSource } from './env-sources.ts';
import type { Fixes } from '../../../doctor/fixes.ts';
import { configUsable } from './openclaw-checks.ts';
import { isObject, providerBlock, providerName, type OpenClawState } from './openclaw-state.ts';
import { fail, ok, skip, warn, type CheckResult } from '../../../doctor/report.ts';

/** What is known about OpenClaw's stored auth profiles: read, not installed, or `models status` failed. */
export type ProfileReading = { kind: 'read'; profiles: ProfileKey[] } | { kind: 'no-openclaw' } | { kind: 'failed' };

export interface EffectiveKeyInput {
  state: OpenClawState;
  held: HeldKey | null;
  /** Why the keychain could not be asked, if it could not. */
  heldError: string | null;
  profiles: ProfileReading;
  fixes: Fixes;
}

export function checkEffectiveKey({ state, held, heldError, profiles, fixes }: EffectiveKeyInput): CheckResult {
  if (heldError) return skip(`The stored key could not be read (${heldError}).`);
  if (!held) return skip('This machine holds no key to compare with (see the stored key).');
  if (!configUsable(state)) return skip('There is no usable OpenClaw config (see above).');
  if (!state.style) return skip('OpenClaw\'s config has no provider for the proxy (see the provider).');
  const provider = providerName(state.style);
  const mine = maskKey(held.secret);

  if (profiles.kind === 'read' && profiles.profiles.length > 0) {
    const stale = profiles.profiles.filter((p) => p.masked === null || !sameKey(p.masked, held.secret));
    const ids = profiles.profiles.map((p) => p.id).join(', ');
    if (stale.length === 0) return ok(`OpenClaw's stored auth profile ${ids} holds the keychain's key ${mine}; it wins over the config and the environment.`);
    const shown = stale.map((p) => `${p.id}${p.masked ? ` = ${maskHint(p.masked)}` : ''}`).join(', ');
    // Env styles: `key write` pastes the key into the profile. Keychain style: the profile must go.
    const fix = state.style === 'keychain'
      ? stale.map((p) => `openclaw models auth logout ${p.id} --yes`).join(' && ')
      : fixes.ollm('key write', '--write openclaw');
    return fail(`OpenClaw's stored auth profile (${shown}) holds another key and wins over the config and every env variable: the keychain's key ${mine} is never sent.`, fix);
  }
  const unchecked = profiles.kind === 'no-openclaw' ? ' (auth profiles not checked: openclaw is not on PATH)'
    : profiles.kind === 'failed' ? ' (auth profiles not checked: `openclaw models status` failed)' : '';

  const apiKey = providerBlock(state.config, provider)?.apiKey;
  if (isObject(apiKey)) {
    if (apiKey.source === 'exec' && apiKey.provider === SECRET_PROVIDER) {
      const expected = secretRefId(held.account);
      if (apiKey.id === expected) return ok(`models.providers.${provider}.apiKey is resolved at run time from the keychain through ollm's exec provider (id ${expected})${unchecked}.`);
      return fail(`models.providers.${provider}.apiKey asks ollm for "${String(apiKey.id)}", not this key (${expected}).`, fixes.ollm('key write', '--write openclaw', '--openclaw-style keychain'));
    }
    if (apiKey.source === 'env' && typeof apiKey.id === 'string') return compareVariable(apiKey.id, false, { state, held, fixes, unchecked });
    return warn(`models.providers.${provider}.apiKey is a ${String(apiKey.source)} SecretRef of provider "${String(apiKey.provider)}", which ollm cannot compare with the keychain${unchecked}.`,
      fixes.ollm('key write', '--write openclaw'));
  }
  if (typeof apiKey === 'string') {
    const [name] = variablesIn(apiKey);
    if (name) return compareVariable(name, true, { state, held, fixes, unchecked });
    if (apiKey === held.secret) return ok(`models.providers.${provider}.apiKey holds the keychain's key ${mine} itself${unchecked}.`);
    return fail(`models.providers.${provider}.apiKey holds another key (${maskKey(apiKey)}) written into the config; the keychain's key ${mine} is never sent.`, fixes.ollm('key write', '--write openclaw'));
  }
  // No apiKey: the provider reads its own variable.
  return compareVariable(styleVariable(state.style), false, { state, held, fixes, unchecked });
}

interface CompareContext {
  state: OpenClawState;
  held: HeldKey;
  fixes: Fixes;
  unchecked: string;
}

function compareVariable(name: string, referenced: boolean, { state, held, fixes, unchecked }: CompareContext): CheckResult {
  const mine = maskKey(held.secret);
  const source = resolveVariable(name, state.env);
  if (!source) {
    // A `${NAME}` nothing sets is reported (once) by the ${VAR} check.
    if (referenced) return skip(`${name} is set nowhere OpenClaw looks, so it has no key to send (see the \${VAR} check).`);
    return fail(`${name} is set nowhere OpenClaw looks (this shell's environment, ${state.env.dotenvFile}, env.vars): OpenClaw has no key for the proxy.`, fixes.ollm('key write', '--write openclaw'));
  }
  if (source.value === held.secret) return ok(`OpenClaw sends the keychain's key ${mine}, from ${name} in ${source.label}${unchecked}.`);
  return fail(`OpenClaw sends ${maskKey(source.value)} from ${name} in ${source.label}, not the keychain's key ${mine}${outranks(source)}.`, shadowFix(source, fixes));
}

function outranks(source: EnvSource): string {
  return source.kind === 'process' ? ' (the environment wins over .env and env.vars)' : source.kind === 'dotenv' ? ' (.env wins over env.vars)' : '';
}

function shadowFix(source: EnvSource, fixes: Fixes): string {
  if (source.kind === 'process') return `eval "$(${fixes.ollm('env')})"`;
  if (source.kind === 'dotenv') return fixes.ollm('key write', '--write dotenv');
  return fixes.ollm('key write', '--write openclaw');
}

/** OpenClaw shows a profile's key as its first and last 8 characters (`sk-70qBD...Zmg86J4w`). */
function sameKey(masked: string, secret: string): boolean {
  const parts = /^(.+?)\.{3}(.+)$/.exec(masked);
  return parts ? secret.startsWith(parts[1]!) && secret.endsWith(parts[2]!) : masked === secret;
}

/** OpenClaw's mask shows 16 characters of a key; ollm's shows 4 (`sk-…Zw4J`). */
function maskHint(masked: string): string {
  const tail = /\.{3}(.+)$/.exec(masked)?.[1] ?? '';
  return `${masked.startsWith('sk-') ? 'sk-' : ''}…${tail.slice(-4)}`;
}
